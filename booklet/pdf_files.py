"""The booklet's PDF files: kept in media storage, rendered by the worker one at a time.

Every process reads and writes one BookletPdf row per booklet (the database is the one
place they all share); readers are served by pdf_serving.py, which never renders.
- The worker renders one booklet at a time (a lease on the row, taken by a conditional
  UPDATE, that a crashed worker cannot hold for ever), and renders again if the booklet
  changed while it was rendering;
- a finished render replaces the stored file only if it read the booklet later than the
  render that made the stored one (compare-and-swap on the row): a late render deletes
  its own file, never a newer one.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from .pdf import fingerprint, render_booklet_pdf
from .pdf_record import BookletPdf

if TYPE_CHECKING:
    from .models import BookletPage

logger = logging.getLogger(__name__)

PDF_DIRECTORY = "booklets"
# How long a render may hold its booklet's lock: past it, another worker may take over.
LOCK_SECONDS = 15 * 60
# Rounds for one task when the booklet keeps changing under it.
MAX_RENDERS = 3


def pdf_directory(booklet: BookletPage) -> str:
    return f"{PDF_DIRECTORY}/{booklet.pk}"


def pdf_name(booklet: BookletPage, chapters: list) -> str:
    return f"{pdf_directory(booklet)}/{booklet.slug}-{fingerprint(booklet, chapters)}.pdf"


def pdf_state(booklet_id: int) -> BookletPdf:
    """The booklet's row, created on first use (two processes creating it is fine)."""
    try:
        return BookletPdf.objects.get_or_create(booklet_id=booklet_id)[0]
    except IntegrityError:  # created by another process between the get and the create
        return BookletPdf.objects.get(booklet_id=booklet_id)


# Rendering (the worker) ------------------------------------------------------------------


def acquire_lock(booklet_id: int) -> str | None:
    """Take the booklet's render lock; the token to release it with, or None if held."""
    pdf_state(booklet_id)
    now = timezone.now()
    token = uuid.uuid4().hex
    taken = (
        BookletPdf.objects.filter(booklet_id=booklet_id)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + datetime.timedelta(seconds=LOCK_SECONDS), lock_token=token)
    )
    return token if taken else None


def release_lock(booklet_id: int, token: str) -> None:
    BookletPdf.objects.filter(booklet_id=booklet_id, lock_token=token).update(
        locked_until=None, lock_token=""
    )


def refresh_booklet_pdf(booklet_id: int, force: bool = False) -> str:
    """Bring the booklet's PDF up to date: "rendered", "fresh", "busy" or "offline".

    The render request is cleared once the lock is taken; a publish or a reader asking
    again meanwhile sets it, and this worker then goes round once more after releasing
    the lock. "busy": another process holds the lock and will do that round, so nothing
    is lost by returning.
    """
    outcome = "fresh"
    pending = BookletPdf.objects.filter(booklet_id=booklet_id)
    for _attempt in range(MAX_RENDERS):
        token = acquire_lock(booklet_id)
        if token is None:
            return "busy" if outcome == "fresh" else outcome
        try:
            pending.update(render_requested_at=None)
            page = Page.objects.live().filter(pk=booklet_id).first()
            if page is None:
                return "offline"
            if render_if_stale(page.specific, force=force):
                outcome, force = "rendered", False
        finally:
            release_lock(booklet_id, token)
        if not pending.filter(render_requested_at__isnull=False).exists():
            return outcome
    return outcome


def render_if_stale(booklet: BookletPage, force: bool = False) -> bool:
    """Render and store the PDF if the stored one does not match the booklet; True if so."""
    read_at = timezone.now()
    chapters = booklet.chapters()
    wanted = fingerprint(booklet, chapters)
    state = pdf_state(booklet.pk)
    if not force and state.fingerprint == wanted and stored_file_exists(state):
        return False
    content = render_booklet_pdf(booklet, chapters)
    name = default_storage.save(pdf_name(booklet, chapters), ContentFile(content))
    store_rendered(booklet.pk, name, wanted, read_at)
    return True


def store_rendered(booklet_id: int, name: str, wanted: str, read_at: datetime.datetime) -> bool:
    """Make `name` the booklet's PDF if it was read later than the stored one.

    Compare-and-swap on (file name, read time): whoever stored in between makes this
    read again. The replaced file is deleted; a late render deletes its own file instead.
    """
    while True:
        state = pdf_state(booklet_id)
        if state.content_read_at is not None and state.content_read_at >= read_at:
            logger.info("A newer PDF of booklet %s is stored: %s dropped", booklet_id, name)
            if name != state.file_name:
                default_storage.delete(name)
            return False
        swapped = BookletPdf.objects.filter(
            booklet_id=booklet_id,
            file_name=state.file_name,
            content_read_at=state.content_read_at,
        ).update(
            file_name=name, fingerprint=wanted, content_read_at=read_at, rendered_at=timezone.now()
        )
        if swapped:
            if state.file_name and state.file_name != name:
                default_storage.delete(state.file_name)
            return True


def forget_pdfs(booklet: BookletPage) -> None:
    """The booklet went offline: its files go, and the next publish starts afresh."""
    BookletPdf.objects.filter(booklet_id=booklet.pk).update(
        file_name="", fingerprint="", content_read_at=timezone.now()
    )
    directory = pdf_directory(booklet)
    try:
        _, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for filename in files:
        default_storage.delete(f"{directory}/{filename}")


def stored_file_exists(state: BookletPdf) -> bool:
    return bool(state.file_name) and default_storage.exists(state.file_name)
