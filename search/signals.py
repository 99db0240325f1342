"""Keep the engine's visibility flag right when a view restriction changes.

A restriction on a page hides it, all its descendants and their aliases elsewhere in the
tree, which are not saved themselves: reindex them (through the backend, so failures are
queued)."""

from modelsearch.index import insert_or_update_object

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published

from home.searchable import types_dated_by


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_restricted_branch(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    branch = Page.objects.descendant_of(page, inclusive=True)
    affected = Page.objects.filter(Q(pk__in=branch.values("pk")) | Q(alias_of__in=branch))
    for descendant in affected.specific():
        insert_or_update_object(descendant)


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
