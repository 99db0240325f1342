"""Results dated by what they are, ranked title first and excerpted without repeats,
on both backends (the database one and the real engine).

An article is dated by its date, an event by its start, a Fabrique by the year of
its label (no date without one) and a booklet chapter by its booklet's edition,
never by the day the page was published; the year facet counts the same dates.
"""

import datetime
import json

import pytest

from django.utils import timezone, translation

from search.results import result_dicts
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    BookletChapterPageFactory,
    BookletPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    paragraph,
)

from .helpers import api

pytestmark = pytest.mark.django_db

WORD = "ornithorynque"  # in every page of `dated`, in its body only


def body(text: str) -> str:
    return json.dumps([paragraph(text)])


@pytest.fixture
def dated(settings, home):
    settings.BOOKLET_PDF_ON_PUBLISH = False
    directory = FabriqueIndexPageFactory(parent=home)
    pages = {
        "article": ArticlePageFactory(
            parent=ArticleIndexPageFactory(parent=home),
            title="Un article daté",
            date=datetime.date(2019, 3, 5),
            body=body(f"Un {WORD} dans l'article."),
        ),
        "event": EventPageFactory(
            parent=EventIndexPageFactory(parent=home),
            title="Un événement daté",
            # 23:30 UTC on 31 December is already 1 January in Paris.
            start=datetime.datetime(2022, 12, 31, 23, 30, tzinfo=datetime.UTC),
            end=None,
            body=body(f"Un {WORD} à l'événement."),
        ),
        "labelled": FabriquePageFactory(
            parent=directory,
            title="Une Fabrique labellisée",
            year_labelled=2020,
            body=body(f"Un {WORD} dans la Fabrique."),
        ),
        "unlabelled": FabriquePageFactory(
            parent=directory,
            title="Une Fabrique sans année",
            year_labelled=None,
            body=body(f"Un {WORD} dans l'autre Fabrique."),
        ),
        "chapter": BookletChapterPageFactory(
            parent=BookletPageFactory(parent=home, edition_date=datetime.date(2021, 1, 20)),
            title="Un chapitre daté",
            body=body(f"Un {WORD} dans le livret."),
        ),
    }
    for page in pages.values():
        page.save_revision().publish()
    return pages


def results_by_title(data) -> dict[str, dict]:
    return {result["title"]: result for result in data["results"]}


def test_each_result_is_dated_by_what_it_is(client, backend, dated):
    if backend is not None:
        backend.refresh()
    this_year = str(timezone.localdate().year)
    assert this_year not in {"2019", "2020", "2021", "2023"}
    data = api(client, q=WORD)
    found = results_by_title(data)
    assert len(found) == 5
    expected = {
        "Un article daté": ("2019-03-05", "5 mars 2019"),
        "Un événement daté": ("2023-01-01", "1 janvier 2023"),
        "Une Fabrique labellisée": ("2020", "2020"),
        "Une Fabrique sans année": (None, ""),
        "Un chapitre daté": ("2021-01-20", "20 janvier 2021"),
    }
    assert {title: (r["date"], r["date_label"]) for title, r in found.items()} == expected
    # The year facet counts the same dates, never the day of publication.
    assert data["facets"]["year"] == {"2019": 1, "2023": 1, "2020": 1, "2021": 1}
    chapters = api(client, q=WORD, year="2021")
    assert [r["title"] for r in chapters["results"]] == ["Un chapitre daté"]


def test_dates_are_written_in_the_visitors_language(client, backend, dated):
    if backend is not None:
        backend.refresh()
    html = client.get("/fr/search/", {"q": WORD}).content.decode()
    assert '<time datetime="2021-01-20">20 janvier 2021</time>' in html
    assert '<time datetime="2020">2020</time>' in html
    assert "2021-01-20</time>" not in html
    with translation.override("en"):
        (entry,) = result_dicts([dated["chapter"]], {}, None, "fr")
    assert entry["date_label"] == "20 January 2021"


@pytest.fixture
def employment(home):
    """An event titled with « emploi » and five Fabriques that say it once, in their body."""
    directory = FabriqueIndexPageFactory(parent=home)
    fabriques = [
        FabriquePageFactory(
            parent=directory,
            title=f"Fabrique numéro {n}",
            short_description="Un lieu pour l'emploi et la formation.",
            body=body("Des ateliers de couture et de réparation ouverts à tous."),
        )
        for n in range(5)
    ]
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Tiers-Lieux et retour à l'emploi",
        intro="Une table ronde.",
        body=body("Des témoignages de personnes accompagnées."),
    )
    for page in [*fabriques, event]:
        page.save_revision().publish()
    return event


def test_a_title_holding_the_words_ranks_first(client, backend, employment):
    if backend is not None:
        backend.refresh()
    data = api(client, q="emploi")
    assert data["count"] == 6
    assert data["results"][0]["title"] == employment.title


def test_excerpts_do_not_repeat_a_field(client, backend, home):
    """The département and the région of La Réunion have the same name."""
    fabrique = FabriquePageFactory(
        parent=FabriqueIndexPageFactory(parent=home),
        title="La Fabrique du Sud",
        short_description="Un atelier partagé.",
        commune="Saint-Pierre",
        departement_code="974",
        departement_name="La Réunion",
        region_code="04",
        region_name="La Réunion",
        body="[]",
    )
    fabrique.save_revision().publish()
    if backend is not None:
        backend.refresh()
    data = api(client, q="atelier")
    (result,) = data["results"]
    assert "Saint-Pierre" in result["excerpt"]
    assert result["excerpt"].count("Réunion") == 1


def test_a_new_edition_date_redates_the_chapters(client, backend, dated):
    """The chapters are not saved when their booklet changes: the engine's documents
    are updated when the booklet is published."""
    booklet = dated["chapter"].get_parent().specific
    booklet.edition_date = datetime.date(2024, 6, 3)
    booklet.save_revision().publish()
    if backend is not None:
        backend.refresh()
    data = api(client, q=WORD, type="booklet")
    assert [(r["date"], r["date_label"]) for r in data["results"]] == [
        ("2024-06-03", "3 juin 2024")
    ]
    assert data["facets"]["year"]["2024"] == 1 and "2021" not in data["facets"]["year"]
