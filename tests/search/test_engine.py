"""Against the real engine (OpenSearch in CI): analysis, facets, excerpts, isolation."""

import pytest

from django.urls import reverse

from .helpers import api, titles

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def indexed(engine_site_content):
    """The site content, indexed once for the tests that only read it."""
    return engine_site_content


FRENCH_CASES = [
    # ASCII folding: no accent typed, accented text found.
    ("reinsertion", "Les tiers-lieux, acteurs de la réinsertion professionnelle"),
    # Light stemmer: singular finds the plural.
    ("fabrique", "Retour sur la 1ère rencontre annuelle des Fabriques de Territoire"),
    # Hyphenated compound: "tiers lieux" finds "tiers-lieux".
    ("tiers lieux", "Les tiers-lieux, acteurs de la réinsertion professionnelle"),
    # Stop words do not have to appear: "de la" is ignored.
    ("ferme de la Drome", "Une ferme partagée dans la Drôme"),
    # Typographic apostrophe and elision.
    ("l’agriculture", "Une ferme partagée dans la Drôme"),
    # Plural and accent together, in the title: "Scène" from "scenes".
    ("scenes", "La Scène du Bourg"),
]


def test_french_analysis(client, indexed):
    """One page load for all cases (building the site is the slow part)."""
    missed = [
        (query, expected)
        for query, expected in FRENCH_CASES
        if expected not in titles(api(client, q=query))
    ]
    assert missed == []


def test_elision_l_emploi_and_emploi_find_the_same_pages(client, indexed):
    with_article = api(client, q="l'emploi")
    without = api(client, q="emploi")
    assert titles(with_article) == titles(without)
    assert "Les tiers-lieux, acteurs de la réinsertion professionnelle" in titles(without)


def test_english_pages_are_analysed_as_english(client, indexed):
    # The English stemmer: "helping" finds "help", "returned" finds "return".
    data = api(client, q="place helping returned", lang="en")
    assert titles(data) == {"Third places and getting back to employment"}
    # French analysis would not stem English: the French side finds nothing.
    assert api(client, q="helping")["count"] == 0


def test_a_search_never_returns_another_language(client, indexed):
    french_words_in_english = api(client, q="Fabriques", lang="en")
    assert all(result["locale"] == "en" for result in french_words_in_english["results"])
    assert "Retour sur la 1ère rencontre annuelle des Fabriques de Territoire" not in titles(
        french_words_in_english
    )
    english_word_in_french = api(client, q="employment", lang="fr")
    assert english_word_in_french["count"] == 0


def test_accept_language_chooses_the_language(client, indexed):
    response = client.get(
        reverse("search_api"), {"q": "employment"}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8"
    )
    assert titles(response.json()) == {"Third places and getting back to employment"}


def test_titles_weigh_more_than_body(client, indexed):
    data = api(client, q="ateliers")
    # In the title of the event's intro and in the body of the article: both found.
    assert len(data["results"]) >= 2
    data = api(client, q="rencontre fabriques")
    assert data["results"][0]["title"].lower().startswith(("retour sur la 1ère", "1ère rencontre"))


def test_never_shows_drafts_unpublished_private_or_expired_pages(client, indexed):
    data = api(client, q="réinsertion")
    assert titles(data) == {"Les tiers-lieux, acteurs de la réinsertion professionnelle"}
    assert data["count"] == 1
    assert data["backend"] == "opensearch" or data["backend"] == "elasticsearch"


def test_a_draft_revision_of_a_live_page_is_not_indexed(client, engine, site_content):
    page = site_content["ferme"]
    page.title = "Titre brouillon zygomatique"
    page.save_revision()
    engine.refresh()
    assert api(client, q="zygomatique")["count"] == 0
    assert api(client, q="ferme")["count"] == 1


def test_restricting_a_parent_hides_its_children(client, engine, site_content):
    from wagtail.models import PageViewRestriction

    news = site_content["reinsertion"].get_parent()
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    engine.refresh()
    assert api(client, q="tiers lieux")["count"] == 0


def test_result_shape_and_excerpt_with_marks(client, indexed):
    data = api(client, q="participants")
    assert set(data) == {"count", "results", "facets", "backend"}
    result = data["results"][0]
    assert set(result) == {"title", "url", "type", "date", "date_label", "locale", "excerpt"}
    assert result["type"] == "article"
    assert result["date"] == "2020-11-20"
    assert result["date_label"] == "20 novembre 2020"
    assert result["locale"] == "fr"
    assert (
        result["url"]
        == "/fr/actualites/retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire/"
    )
    assert "<mark>participants</mark>" in result["excerpt"]
    # The text around the marks is escaped: "l'après-midi" comes back as an entity.
    assert "l&#x27;après-midi" in result["excerpt"] or "l&#39;après-midi" in result["excerpt"]


def test_facets_count_every_value(client, indexed):
    data = api(client, q="fabriques")
    facets = data["facets"]
    assert set(facets) == {"type", "theme", "region", "year"}
    # "fabriques" matches the article, the event and the Fabrique ("Une Fabrique
    # culturelle"): the Fabrique is dated by its first publication (this year).
    assert facets["type"] == {"article": 1, "event": 1, "fabrique": 1}
    assert facets["theme"] == {"culture": 3}
    # The event takes the region of the Fabrique that hosts it.
    assert facets["region"] == {"Bretagne": 2}
    assert indexed["scene"].year_labelled is None
    assert facets["year"] == {"2020": 2}


def test_filters_and_facets_of_other_values(client, indexed):
    data = api(client, q="fabriques", type="event")
    assert titles(data) == {"1ère Rencontre des Fabriques de Territoire"}
    # The type facet still shows the other type, to switch to it.
    assert data["facets"]["type"] == {"article": 1, "event": 1, "fabrique": 1}
    # Other facets apply the type filter: only the event's values remain.
    assert data["facets"]["theme"] == {"culture": 1}
    assert api(client, q="culture", region="Bretagne")["count"] == 2
    assert api(client, q="tiers lieux", theme="culture")["count"] == 0
    assert api(client, q="ferme", year="2021")["count"] == 1
    assert api(client, q="ferme", year="2020")["count"] == 0


def test_pagination(client, engine, news_index):
    from tests.factories import ArticlePageFactory

    for n in range(12):
        ArticlePageFactory(parent=news_index, title=f"Coopérative numéro {n}")
    engine.refresh()
    first = api(client, q="coopérative")
    second = api(client, q="coopérative", page=2)
    assert first["count"] == second["count"] == 12
    assert len(first["results"]) == 10 and len(second["results"]) == 2
    assert not titles(first) & titles(second)


def test_promotions_come_first(client, indexed):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("emploi"), page=indexed["ferme"], description="Notre choix."
    )
    data = api(client, q="emploi")
    assert data["results"][0]["title"] == "Une ferme partagée dans la Drôme"
    assert data["results"][0]["excerpt"] == "Notre choix."


def test_autocomplete_prefixes_accent_insensitive(client, indexed):
    response = client.get(reverse("search_autocomplete"), {"q": "reinser", "lang": "fr"})
    assert [r["title"] for r in response.json()["results"]] == [
        "Les tiers-lieux, acteurs de la réinsertion professionnelle"
    ]
    response = client.get(reverse("search_autocomplete"), {"q": "scene bou", "lang": "fr"})
    assert [r["title"] for r in response.json()["results"]] == ["La Scène du Bourg"]


def test_html_page_shows_results_facets_and_marks(client, indexed):
    response = client.get("/fr/search/", {"q": "fabriques"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    assert "Bretagne" in html
    assert html.count("<h1") == 1


def test_search_page_stays_within_twelve_queries(client, indexed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/fr/search/", {"q": "culture"})  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/search/", {"q": "culture"})
    assert response.status_code == 200
    assert len(queries) <= 12, [q["sql"][:120] for q in queries.captured_queries]


def test_years_count_in_the_site_time_zone(client, engine, home):
    from .test_database_backend import new_year_event

    new_year_event(home)
    engine.refresh()
    data = api(client, q="réveillon")
    assert data["facets"]["year"] == {"2026": 1}
    assert api(client, q="réveillon", year="2026")["count"] == 1
