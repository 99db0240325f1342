"""Background tasks of the search app (run by the worker, `manage.py db_worker`)."""

from django_tasks import task
from modelsearch.index import insert_or_update_object

from django.db.models import Q

from wagtail.models import Page

from . import queue


@task()
def replay_index_updates() -> dict:
    """Send the updates that failed (engine down): enqueued every minute by the scheduler."""
    report = queue.replay()
    return {"done": report.done, "failed": report.failed, "left": report.left}


@task()
def reindex_branch(page_id: int) -> int:
    """A view restriction hides or shows a page, all its descendants and their aliases
    elsewhere in the tree, which are not saved themselves: index them again (their
    documents carry the visibility flag)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    count = 0
    branch = Page.objects.descendant_of(page, inclusive=True)
    affected = Page.objects.filter(Q(pk__in=branch.values("pk")) | Q(alias_of__in=branch))
    for descendant in affected.specific().iterator():
        insert_or_update_object(descendant)
        count += 1
    return count
