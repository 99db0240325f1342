"""Background work of the booklet, run by the task worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .pdf_files import refresh_booklet_pdf


@task()
def render_booklet_pdf_task(booklet_id: int) -> str:
    """Render the booklet's PDF if it is not up to date (publishes and readers enqueue it)."""
    return refresh_booklet_pdf(booklet_id)
