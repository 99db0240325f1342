"""The booklet as a PDF: laid out by WeasyPrint from the reading templates.

Only the rendering lives here (HTML, WeasyPrint, the local resource fetcher); where the
files are kept, who renders them and when is booklet/pdf_files.py and booklet/tasks.py.
The PDF is tagged (PDF/UA-1: a structure tree for screen readers, the document's language
and title) so that it is as accessible as the pages it comes from.
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
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from .models import BookletChapterPage, BookletPage

logger = logging.getLogger(__name__)

# Tagged PDF for assistive technology; WeasyPrint takes /Lang from <html lang> and the
# title from <title>.
PDF_VARIANT = "pdf/ua-1"


def fingerprint(booklet: BookletPage, chapters: list[BookletChapterPage]) -> str:
    """What the PDF shows: the booklet and its chapters, their publications and order."""
    parts = [f"{booklet.pk}:{booklet.last_published_at}:{booklet.live_revision_id}"]
    parts += [f"{c.pk}:{c.path}:{c.last_published_at}:{c.live_revision_id}" for c in chapters]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


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
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
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
    """Through the storage the site serves from (hashed names after collectstatic in
    production), else through the finders (development and tests, nothing collected)."""
    if staticfiles_storage.exists(relative):
        with staticfiles_storage.open(relative, "rb") as handle:
            return handle.read()
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
