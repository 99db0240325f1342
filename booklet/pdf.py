"""The booklet as a PDF: rendered by WeasyPrint from the reading templates, cached in media.

The file name carries a fingerprint of what was published (the booklet and its live
chapters, their publication times and order): a fresh file is served as it is, and a
publish or a reordering leads to a new file, generated once.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import posixpath
import time
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from .models import BookletChapterPage, BookletPage

logger = logging.getLogger(__name__)

PDF_DIRECTORY = "booklets"


def fingerprint(booklet: BookletPage, chapters: list[BookletChapterPage]) -> str:
    parts = [f"{booklet.pk}:{booklet.last_published_at}:{booklet.live_revision_id}"]
    parts += [f"{c.pk}:{c.path}:{c.last_published_at}:{c.live_revision_id}" for c in chapters]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def pdf_directory(booklet: BookletPage) -> str:
    return f"{PDF_DIRECTORY}/{booklet.pk}"


def pdf_name(booklet: BookletPage, chapters: list[BookletChapterPage]) -> str:
    return f"{pdf_directory(booklet)}/{booklet.slug}-{fingerprint(booklet, chapters)}.pdf"


def ensure_booklet_pdf(booklet: BookletPage, force: bool = False) -> tuple[str, bool]:
    """The storage name of the booklet's current PDF, generated only if missing.

    Returns the name and whether it was generated now. Older PDFs of the booklet go.
    """
    chapters = booklet.chapters()
    name = pdf_name(booklet, chapters)
    if not force and default_storage.exists(name):
        return name, False
    content = render_booklet_pdf(booklet, chapters)
    if default_storage.exists(name):
        if not force:  # another process made the same file meanwhile: use it
            return name, False
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # lost a race for the name: keep the winner's file
        default_storage.delete(saved)
        saved = name
    remove_stale_pdfs(booklet, keep=saved)
    return saved, True


def remove_stale_pdfs(booklet: BookletPage, keep: str | None) -> None:
    """Delete the booklet's stored PDFs but `keep` (all of them when None)."""
    directory = pdf_directory(booklet)
    try:
        _, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for filename in files:
        name = f"{directory}/{filename}"
        if name != keep:
            default_storage.delete(name)


def booklet_pdf_response(booklet: BookletPage) -> FileResponse:
    name, _ = ensure_booklet_pdf(booklet)
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"{booklet.slug}.pdf",
        content_type="application/pdf",
    )


def render_booklet_html(booklet: BookletPage, chapters: list[BookletChapterPage]) -> str:
    """The HTML WeasyPrint lays out: cover, contents, foreword, chapters."""
    language = booklet.locale.language_code
    with translation.override(language):
        return render_to_string(
            "booklet/booklet_pdf.html",
            {
                "page": booklet,
                **booklet.cover_context(),
                "chapters": chapters,
                "for_pdf": True,
                "LANGUAGE_CODE": language,
            },
        )


def render_booklet_pdf(booklet: BookletPage, chapters: list[BookletChapterPage]) -> bytes:
    started = time.perf_counter()
    html = render_booklet_html(booklet, chapters)
    document = HTML(string=html, base_url=site_root_url(booklet), url_fetcher=LocalFetcher())
    content = document.write_pdf()
    logger.info(
        "PDF of booklet %s: %d bytes in %.2fs",
        booklet.pk,
        len(content),
        time.perf_counter() - started,
    )
    return content


def site_root_url(booklet: BookletPage) -> str:
    """Links in the PDF are absolute, pointing at the public site."""
    site = booklet.get_site()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/") + "/"


class LocalFetcher(URLFetcher):
    """Serve static files and media from disk or storage; refuse anything else.

    Rendering never reaches the network: a page of the booklet pointing at an outside
    picture renders without it.
    """

    def fetch(self, url, headers=None):
        path = unquote(urlsplit(url).path)
        content = read_local_file(path)
        if content is None:
            raise ValueError(f"Only local static and media files are fetched, not {url}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, {"Content-Type": mime_type})


def read_local_file(path: str) -> bytes | None:
    """The bytes of a /static/ or /media/ path, or None when it is neither or is missing."""
    for prefix, reader in (
        (settings.STATIC_URL, _read_static),
        (settings.MEDIA_URL, _read_media),
    ):
        if prefix and path.startswith(prefix):
            relative = posixpath.normpath(path[len(prefix) :])
            if relative.startswith(("..", "/")):
                return None
            return reader(relative)
    return None


def _read_static(relative: str) -> bytes | None:
    found = finders.find(relative)
    if not found:
        return None
    with open(found, "rb") as handle:
        return handle.read()


def _read_media(relative: str) -> bytes | None:
    if not default_storage.exists(relative):
        return None
    with default_storage.open(relative, "rb") as handle:
        return handle.read()
