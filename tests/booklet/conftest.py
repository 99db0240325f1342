import shutil
from pathlib import Path

import pytest

from tests.factories import BookletChapterPageFactory, BookletPageFactory


@pytest.fixture(autouse=True)
def _no_pdf_on_publish(settings):
    """Most tests publish pages: generate PDFs only where a test asks for it."""
    settings.BOOKLET_PDF_ON_PUBLISH = False


@pytest.fixture(autouse=True)
def _fresh_pdf_storage(settings):
    """Page ids come back after a rollback: never let a test see another test's PDFs."""
    from booklet.pdf_files import PDF_DIRECTORY

    directory = Path(settings.MEDIA_ROOT) / PDF_DIRECTORY
    shutil.rmtree(directory, ignore_errors=True)
    yield
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def booklet(home):
    return BookletPageFactory(parent=home, title="Livret de la rencontre")


@pytest.fixture
def chapters(booklet):
    return [
        BookletChapterPageFactory(parent=booklet, title=title, slug=slug)
        for title, slug in [
            ("Discours d'ouverture", "ouverture"),
            ("Le permis de faire", "permis-de-faire"),
            ("Les besoins des Fabriques", "besoins"),
        ]
    ]
