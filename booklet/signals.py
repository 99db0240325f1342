"""Keep the PDF fresh, the chapters behind their booklet, and the editors' rights in place."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

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
    post_page_move.connect(chapter_moved, dispatch_uid="booklet-pdf-chapter-moved")


def booklet_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        grant_booklet_editors(instance)


def booklet_unpublished(sender, instance, **kwargs) -> None:
    """Chapters never stay online without their booklet."""
    from .models import BookletChapterPage
    from .pdf_files import forget_pdfs

    for chapter in BookletChapterPage.objects.child_of(instance).live():
        chapter.unpublish()
    forget_pdfs(instance)


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
    from .pdf_serving import schedule_render

    try:
        schedule_render(booklet_id)
    except Exception:  # A queue that refuses must not undo a publish: readers ask again.
        logger.exception("Could not enqueue the PDF of booklet %s", booklet_id)
