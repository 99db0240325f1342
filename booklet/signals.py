"""Keep the PDF fresh, the chapters behind their booklet, and the editors' rights in place."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save, pre_save

from wagtail.models import TaskState
from wagtail.signals import page_published, page_unpublished, post_page_move

from .permissions import grant_booklet_editors

logger = logging.getLogger(__name__)


def connect() -> None:
    from .models import BookletChapterPage, BookletPage

    post_save.connect(booklet_saved, sender=BookletPage, dispatch_uid="booklet-editors-rights")
    for model in (BookletPage, BookletChapterPage):
        page_published.connect(
            booklet_content_changed, sender=model, dispatch_uid=f"booklet-pdf-pub-{model.__name__}"
        )
        page_unpublished.connect(
            booklet_content_changed,
            sender=model,
            dispatch_uid=f"booklet-pdf-unpub-{model.__name__}",
        )
    page_unpublished.connect(
        booklet_unpublished, sender=BookletPage, dispatch_uid="booklet-unpublish-chapters"
    )
    page_published.connect(
        chapter_published, sender=BookletChapterPage, dispatch_uid="booklet-chapter-not-ready"
    )
    post_page_move.connect(chapter_moved, dispatch_uid="booklet-pdf-chapter-moved")
    pre_save.connect(approval_guard, sender=TaskState, dispatch_uid="booklet-chapter-approval")


def booklet_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        grant_booklet_editors(instance)


def booklet_unpublished(sender, instance, **kwargs) -> None:
    """Chapters never stay online without their booklet, nor wait to go live without it.

    Their schedules that would now go live before the booklet are cancelled (they would
    never publish); the titles are kept on the instance for the admin's notice.
    """
    from .models import BookletChapterPage
    from .pdf_files import forget_pdfs

    for chapter in BookletChapterPage.objects.child_of(instance).live():
        chapter.unpublish()
    instance.cancelled_schedules = cancel_blocked_schedules(instance)
    forget_pdfs(instance)


def cancel_blocked_schedules(booklet) -> list[str]:
    """Cancel the chapters' scheduled publications their booklet no longer allows."""
    from wagtail.models import Revision

    from .models import BookletChapterPage

    cancelled = []
    for chapter in BookletChapterPage.objects.child_of(booklet):
        for revision in Revision.page_revisions.filter(
            object_id=str(chapter.pk), approved_go_live_at__isnull=False
        ):
            if chapter.publication_blocker(go_live_at=revision.approved_go_live_at):
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])  # logs the cancellation
                cancelled.append(chapter.title)
    return cancelled


def chapter_published(sender, instance, revision=None, **kwargs) -> None:
    """Once published, a chapter is no longer "ready": the next one waits for a review.

    Cleared on the page and on the published revision too, which the edit form reads.
    """
    if not instance.ready:
        return
    type(instance).objects.filter(pk=instance.pk).update(ready=False)
    instance.ready = False
    if revision is not None and revision.content.get("ready"):
        revision.content["ready"] = False
        revision.save(update_fields=["content"])


def approval_guard(sender, instance, raw=False, **kwargs) -> None:
    """No approval of a chapter whose booklet is offline, whatever view approves it.

    The edit view's hook (wagtail_hooks.py) tells the reviewer first; this refuses the
    other paths (the workflow action modal) before the approval publishes anything.
    """
    from .models import BookletChapterPage

    if raw or instance.pk is None or instance.status != TaskState.STATUS_APPROVED:
        return
    before = TaskState.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if before != TaskState.STATUS_IN_PROGRESS:
        return
    page = instance.workflow_state.content_object
    if getattr(page, "specific_class", None) is not BookletChapterPage:
        return
    blocker = page.specific.approval_blocker()
    if blocker:
        raise PermissionDenied(blocker)


def chapter_moved(sender, instance, **kwargs) -> None:
    """Reordering chapters renumbers them: the PDF follows (moves are not publishes)."""
    from .models import BookletChapterPage

    if instance.specific_class is BookletChapterPage and instance.live:
        booklet_content_changed(BookletChapterPage, instance)


def booklet_content_changed(sender, instance, **kwargs) -> None:
    """A new PDF, rendered by the worker once the publishing transaction has committed."""
    if not getattr(settings, "BOOKLET_PDF_ON_PUBLISH", True):
        return
    booklet_id = instance.pk if sender.__name__ == "BookletPage" else None
    if booklet_id is None:
        parent = instance.get_parent()
        booklet_id = parent.pk if parent else None
    if booklet_id is not None:
        transaction.on_commit(lambda: enqueue_render(booklet_id))


def enqueue_render(booklet_id: int) -> None:
    from .pdf_serving import request_render

    try:
        request_render(booklet_id)
    except Exception:  # A queue that refuses must not undo a publish: readers ask again.
        logger.exception("Could not enqueue the PDF of booklet %s", booklet_id)
