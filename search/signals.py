"""Keep the index right when a view restriction changes, and after publishing."""

from functools import partial

from modelsearch.index import insert_or_update_object

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from home.searchable import types_dated_by

from .tasks import reindex_branch


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_restricted_branch(sender, instance, **kwargs):
    """A whole branch may change visibility: the worker reindexes it, not the admin's
    request, once the restriction is committed."""
    transaction.on_commit(partial(reindex_branch.enqueue, instance.page_id), robust=True)


@receiver(page_published)
def reindex_after_publish(sender, instance, **kwargs):
    """modelsearch indexes on post_save, before modelcluster writes a page's parental
    many-to-many fields (its themes, authors): index the page again once publishing
    is complete. Children dated by this page (a booklet's chapters, by its edition)
    are indexed again too: their date may have changed with it."""
    insert_or_update_object(instance)
    for search_type in types_dated_by(type(instance)):
        for child in search_type.model.objects.child_of(instance).live():
            insert_or_update_object(child)
