import io
import json

import pytest
from pypdf import PdfReader

from django.core.files.storage import default_storage

from booklet import pdf_files
from booklet.pdf import LocalFetcher, read_local_file
from booklet.pdf_files import pdf_state, refresh_booklet_pdf
from tests.factories import heading, paragraph

pytestmark = pytest.mark.slow  # WeasyPrint renders real PDFs


def ensure_booklet_pdf(booklet, force=False) -> tuple[str, bool]:
    """Render as the worker does: the stored name and whether it was rendered now."""
    outcome = refresh_booklet_pdf(booklet.pk, force=force)
    return pdf_state(booklet.pk).file_name, outcome == "rendered"


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
class TestPdf:
    def test_download_is_a_pdf_with_every_chapter(self, client, booklet, chapters):
        chapters[1].body = json.dumps([heading("Laissons faire"), paragraph("Le permis.")])
        chapters[1].save_revision().publish()
        response = client.get(booklet.url + "pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{booklet.slug}.pdf"' in response["Content-Disposition"]
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF-")
        pages, text = pdf_text(content)
        # Cover, contents, foreword, then one page at least per chapter.
        assert pages >= 3 + len(chapters)
        for chapter in chapters:
            assert chapter.title in text
        assert "Laissons faire" in text
        assert booklet.title in text

    def test_contents_show_page_numbers_and_links_are_kept(self, booklet, chapters):
        name, generated = ensure_booklet_pdf(booklet)
        assert generated
        with default_storage.open(name, "rb") as handle:
            reader = PdfReader(handle)
            contents = reader.pages[1].extract_text()
            annotations = [
                annotation.get_object()
                for page in reader.pages
                for annotation in page.get("/Annots") or []
            ]
        # Each chapter title is followed by the number of the page it starts on.
        for chapter in chapters:
            line = next(line for line in contents.splitlines() if chapter.title in line)
            assert line.rstrip()[-1].isdigit(), line
        internal = [a for a in annotations if "/Dest" in a or "/A" in a and "/D" in a["/A"]]
        assert len(internal) >= len(chapters)

    def test_download_does_not_regenerate_a_fresh_file(
        self, client, booklet, chapters, monkeypatch
    ):
        calls = []
        original = pdf_files.render_booklet_pdf
        monkeypatch.setattr(
            pdf_files, "render_booklet_pdf", lambda *args: calls.append(1) or original(*args)
        )
        assert client.get(booklet.url + "pdf/").status_code == 200
        assert client.get(booklet.url + "pdf/").status_code == 200
        assert len(calls) == 1

    def test_regenerated_after_a_chapter_edit_and_publish(
        self, settings, booklet, chapters, django_capture_on_commit_callbacks
    ):
        settings.BOOKLET_PDF_ON_PUBLISH = True
        first, _ = ensure_booklet_pdf(booklet)
        chapter = chapters[2]
        chapter.title = "Ce que demandent les Fabriques"
        with django_capture_on_commit_callbacks(execute=True):
            chapter.save_revision().publish()
        booklet.refresh_from_db()
        current = pdf_state(booklet.pk).file_name
        assert current != first
        assert default_storage.exists(current)
        assert not default_storage.exists(first)  # the stale file is gone
        with default_storage.open(current, "rb") as handle:
            _, text = pdf_text(handle.read())
        assert "Ce que demandent les Fabriques" in text
        assert "Les besoins des Fabriques" not in text

    def test_unpublished_booklet_has_no_pdf(self, client, booklet, chapters):
        booklet.unpublish()
        assert client.get(booklet.url + "pdf/").status_code == 404


class TestLocalFetcher:
    def test_refuses_the_network(self):
        with pytest.raises(ValueError):
            LocalFetcher().fetch("https://example.org/picture.png")

    def test_serves_static_files(self):
        response = LocalFetcher().fetch("http://testserver/static/css/booklet-pdf.css")
        assert b"@page" in response.read()
        assert response.content_type == "text/css"

    def test_refuses_paths_outside_static_and_media(self):
        assert read_local_file("/static/../settings.py") is None
        assert read_local_file("/media/../../etc/passwd") is None
        assert read_local_file("/fr/accueil/") is None
        assert read_local_file("/static/css/missing.css") is None


@pytest.mark.django_db
class TestPdfFollowsTheBooklet:
    def test_moving_a_chapter_regenerates(
        self, settings, booklet, chapters, django_capture_on_commit_callbacks
    ):
        settings.BOOKLET_PDF_ON_PUBLISH = True
        first, _ = ensure_booklet_pdf(booklet)
        with django_capture_on_commit_callbacks(execute=True):
            chapters[2].move(chapters[0], pos="left")
        current = pdf_state(booklet.pk).file_name
        assert current != first and default_storage.exists(current)
        with default_storage.open(current, "rb") as handle:
            _, text = pdf_text(handle.read())
        assert "1. Les besoins des Fabriques" in text

    def test_unpublishing_the_booklet_removes_its_pdf(self, booklet, chapters):
        name, _ = ensure_booklet_pdf(booklet)
        booklet.unpublish()
        assert not default_storage.exists(name)

    def test_command_generates_then_reports_fresh_files(self, booklet, chapters):
        from django.core.management import CommandError, call_command

        out = io.StringIO()
        call_command("generate_booklet_pdfs", stdout=out)
        assert "PDFs generated: 1, up to date: 0, failed: 0" in out.getvalue()
        out = io.StringIO()
        call_command("generate_booklet_pdfs", stdout=out)
        assert "PDFs generated: 0, up to date: 1" in out.getvalue()
        out = io.StringIO()
        call_command("generate_booklet_pdfs", force=True, stdout=out)
        assert "PDFs generated: 1, up to date: 0" in out.getvalue()
        with pytest.raises(CommandError):
            call_command("generate_booklet_pdfs", booklet=chapters[0].pk, stdout=io.StringIO())


def structure_types(node, seen=None) -> set[str]:
    """The structure element types (/H1, /P, /Figure...) under a tagged PDF's node."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            structure_types(child, seen)
    elif isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]))
        if "/K" in node:
            structure_types(node["/K"], seen)
    return seen


@pytest.mark.django_db
class TestTaggedPdf:
    def test_pdf_ua_with_structure_language_and_title(self, booklet, chapters):
        name, _ = ensure_booklet_pdf(booklet)
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
        reader = PdfReader(io.BytesIO(content))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "fr"
        assert root["/MarkInfo"]["/Marked"]
        assert reader.metadata.title == booklet.title
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        types = structure_types(root["/StructTreeRoot"])
        assert {"/H1", "/H2", "/P"} <= types, types
        # Declared PDF/UA-1 in its XMP metadata.
        assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()

    def test_english_booklet_says_english(self, home_en):
        from tests.factories import BookletChapterPageFactory, BookletPageFactory

        booklet = BookletPageFactory(parent=home_en, title="Meeting booklet")
        BookletChapterPageFactory(parent=booklet, title="Opening")
        name, _ = ensure_booklet_pdf(booklet)
        with default_storage.open(name, "rb") as handle:
            reader = PdfReader(handle)
            assert reader.trailer["/Root"]["/Lang"] == "en"
            assert reader.metadata.title == "Meeting booklet"


@pytest.fixture
def production_static(settings, tmp_path):
    """The production storage (hashed, compressed names) after collectstatic.

    Only the project's own static directories are collected, to keep it quick: the PDF's
    stylesheet and what it refers to are among them.
    """
    from django.core.management import call_command

    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


@pytest.mark.django_db
def test_styled_with_the_production_static_storage(production_static, booklet, chapters):
    from booklet.pdf import render_booklet_html

    html = render_booklet_html(booklet, booklet.chapters())
    assert "/static/css/booklet-pdf.css" not in html  # a hashed name, as in production
    name, _ = ensure_booklet_pdf(booklet)
    with default_storage.open(name, "rb") as handle:
        reader = PdfReader(handle)
        texts = [page.extract_text() for page in reader.pages]
    total = len(texts)
    # Page numbers in the footer ("3 / 7") and the booklet's title as the running header
    # on the chapters' pages: both come from booklet-pdf.css only.
    numbered = [n for n, text in enumerate(texts, start=1) if f"{n} / {total}" in text]
    assert len(numbered) >= len(chapters), texts
    chapter_pages = [text for text in texts if chapters[1].title in text][1:]
    assert chapter_pages and all(booklet.title in text for text in chapter_pages), texts
