"""The searchable text of every registered type is its model's own search_fields.

The registry (home/searchable.py) holds no text paths: the engine documents
(search/documents.py ftl_text_*) and the database backend both read search_fields,
so a word found only in a field listed there is found by both, and a word found only
in a field not listed there by neither.
"""

import dataclasses
import json

import pytest

from home import searchable
from search.documents import document_fields
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    BookletChapterPageFactory,
    BookletPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    PersonFactory,
    paragraph,
)

from .helpers import api, titles

pytestmark = pytest.mark.django_db

# Per type: a word that only one of its search_fields holds (see `pages` below).
MARKERS = {
    "article": "vandervelde",  # an author's name (RelatedFields "authors")
    "event": "zorglub",  # the venue Fabrique's title (RelatedFields "venue_fabrique")
    "fabrique": "syldavie",  # commune
    "booklet": "bordurie",  # a paragraph of the body (StreamField)
}
UNLISTED = "quetzal"  # in FabriquePage.identifier, which search_fields does not list


def test_the_registry_has_no_text_of_its_own():
    assert "text" not in {field.name for field in dataclasses.fields(searchable.SearchType)}
    with pytest.raises(TypeError):
        searchable.register("home.HomePage", key="x", label="x", text=("hero_intro",))
    searchable.unregister("home.HomePage")


def test_every_registered_type_has_a_case_here():
    assert set(searchable.type_keys()) <= set(MARKERS)


@pytest.fixture
def pages(settings, home, locale_fr):
    settings.BOOKLET_PDF_ON_PUBLISH = False
    directory = FabriqueIndexPageFactory(parent=home)
    fabrique = FabriquePageFactory(
        parent=directory,
        title="La Fabrique des Possibles",
        commune="Klow-en-Syldavie",
        identifier="FT-QUETZAL-1",
    )
    venue = FabriquePageFactory(parent=directory, title="La Fabrique Zorglub", commune="Brest")
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Une journée portes ouvertes",
        intro="Visites et ateliers.",
        venue_fabrique=venue,
    )
    article = ArticlePageFactory(
        parent=ArticleIndexPageFactory(parent=home),
        title="Un entretien au long cours",
        intro="Une rencontre.",
    )
    article.authors.set([PersonFactory(name="Bartholomé Vandervelde", locale=locale_fr)])
    chapter = BookletChapterPageFactory(
        parent=BookletPageFactory(parent=home),
        title="Chapitre des voyages",
        intro="Un récit.",
        body=json.dumps([paragraph("Un voyage en Bordurie avec les Fabriques.")]),
    )
    found = {"article": article, "event": event, "fabrique": fabrique, "booklet": chapter}
    for page in [*found.values(), venue]:
        page.save_revision().publish()  # as in the admin: related fields written, re-indexed
    return found


def test_the_engine_document_text_is_the_search_fields(pages):
    for key, page in pages.items():
        page = type(page).objects.get(pk=page.pk)
        text = document_fields(page)["ftl_text_fr"]
        assert text == "\n".join(searchable.searchable_text(page)), key
        assert MARKERS[key] in text.lower(), key
        assert UNLISTED not in text.lower()


def test_a_word_only_in_search_fields_is_found_by_both_backends(client, backend, pages):
    if backend is not None:
        backend.refresh()
    for key, page in pages.items():
        data = api(client, q=MARKERS[key], type=key)
        assert titles(data) == {page.title}, (key, data)
    assert api(client, q=UNLISTED)["count"] == 0
