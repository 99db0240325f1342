"""What a reader's request does with the PDF: serve what is stored, never render.

It serves the current file, or the last good one while the worker renders a newer one, or
nothing yet (the view answers 503 with Retry-After); and it asks the worker for a render
once: a conditional UPDATE on the booklet's row, so N readers enqueue one task.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from .pdf import fingerprint
from .pdf_files import pdf_state, stored_file_exists
from .pdf_record import BookletPdf
from .tasks import render_booklet_pdf_task

if TYPE_CHECKING:
    from .models import BookletPage

# A render request older than this was lost (a worker restarted): readers ask again.
REQUEST_SECONDS = 10 * 60


@dataclass(frozen=True)
class StoredPdf:
    """What a reader gets: a file name (None: nothing yet) and whether it is current."""

    name: str | None
    current: bool


def stored_pdf(booklet: BookletPage) -> StoredPdf:
    """The file to serve now, asking the worker for a render when it is not current."""
    wanted = fingerprint(booklet, booklet.chapters(with_bodies=False))
    state = pdf_state(booklet.pk)
    if state.fingerprint == wanted and stored_file_exists(state):
        return StoredPdf(state.file_name, current=True)
    if request_render(booklet.pk):
        state.refresh_from_db()  # an immediate task backend has rendered it already
        if state.fingerprint == wanted and stored_file_exists(state):
            return StoredPdf(state.file_name, current=True)
    return StoredPdf(state.file_name if stored_file_exists(state) else None, current=False)


def request_render(booklet_id: int) -> bool:
    """Enqueue a render unless one is already waiting; True if this call enqueued it.

    Readers and publishes both come here: the flag is set by a conditional UPDATE, so a
    publish of a booklet and its ten chapters, or N readers, make one task. The worker
    clears the flag when it starts; a flag older than REQUEST_SECONDS is a lost task.
    """
    pdf_state(booklet_id)
    now = timezone.now()
    asked = (
        BookletPdf.objects.filter(booklet_id=booklet_id)
        .filter(
            Q(render_requested_at__isnull=True)
            | Q(render_requested_at__lt=now - datetime.timedelta(seconds=REQUEST_SECONDS))
        )
        .update(render_requested_at=now)
    )
    if asked:
        render_booklet_pdf_task.enqueue(booklet_id)
    return bool(asked)
