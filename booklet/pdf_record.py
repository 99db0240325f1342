"""The state of a booklet's PDF, shared by every process through the database."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BookletPdf(models.Model):
    """Where the booklet's PDF stands: the last good file, the render under way, the request.

    A row per booklet, shared by every process through the database: the web processes
    read it to serve the file (never rendering), the worker takes its lock to render one
    booklet at a time and swaps the file in only if what it read is newer than what is
    stored, so that a late render never replaces a newer file.
    """

    booklet = models.OneToOneField(
        "booklet.BookletPage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    fingerprint = models.CharField(max_length=32, blank=True)
    content_read_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_requested_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    lock_token = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("PDF de livret")
        verbose_name_plural = _("PDF de livrets")

    def __str__(self) -> str:
        return self.file_name or f"booklet {self.booklet_id}"
