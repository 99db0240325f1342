"""The database backend (the default of `make run`, and the fallback): same answer."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.highlight import excerpt

from .helpers import api, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(database_backend, site_content):
    return site_content


def test_same_json_shape_facets_and_excerpts(client, content):
    data = api(client, q="participants")
    assert set(data) == {"count", "results", "facets", "backend"}
    assert data["backend"] == "database"
    (result,) = data["results"]
    assert set(result) == {"title", "url", "type", "date", "date_label", "locale", "excerpt"}
    assert result["type"] == "article" and result["date"] == "2020-11-20"
    assert result["date_label"] == "20 novembre 2020"
    assert "<mark>participants</mark>" in result["excerpt"]
    assert "l&#x27;après-midi" in result["excerpt"]


def test_facets_and_filters(client, content):
    data = api(client, q="culture")
    assert data["facets"]["type"] == {"article": 1, "event": 1, "fabrique": 1}
    assert data["facets"]["theme"] == {"culture": 3}
    assert data["facets"]["region"] == {"Bretagne": 2}
    filtered = api(client, q="culture", type="fabrique")
    assert titles(filtered) == {"La Scène du Bourg"}
    assert filtered["facets"]["type"] == {"article": 1, "event": 1, "fabrique": 1}


def test_no_drafts_private_expired_or_other_language(client, content):
    data = api(client, q="réinsertion")
    assert titles(data) == {"Les tiers-lieux, acteurs de la réinsertion professionnelle"}
    assert api(client, q="employment")["count"] == 0
    english = api(client, q="employment", lang="en")
    assert titles(english) == {"Third places and getting back to employment"}


def test_autocomplete_is_accent_insensitive(client, content):
    response = client.get(reverse("search_autocomplete"), {"q": "scene bou", "lang": "fr"})
    assert [r["title"] for r in response.json()["results"]] == ["La Scène du Bourg"]
    response = client.get(reverse("search_autocomplete"), {"q": "reinser", "lang": "en"})
    assert response.json()["results"] == []


def test_search_page_query_count_does_not_grow(client, content):
    from tests.factories import ArticlePageFactory

    news_index = content["reinsertion"].get_parent()
    client.get("/fr/search/", {"q": "tiers"})  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get("/fr/search/", {"q": "tiers"})
    for n in range(8):
        ArticlePageFactory(parent=news_index, title=f"Tiers-lieux numéro {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/fr/search/", {"q": "tiers"})
    assert len(many) <= len(few) + 2
    assert len(many) <= 12


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        (
            "La réinsertion professionnelle",
            "reinsertion",
            "La <mark>réinsertion</mark> professionnelle",
        ),
        ("Les Fabriques de Territoire", "fabrique", "Les <mark>Fabriques</mark> de Territoire"),
        (
            "<b>x</b> & tiers-lieux",
            "tiers lieux",
            "&lt;b&gt;x&lt;/b&gt; &amp; <mark>tiers</mark>-<mark>lieux</mark>",
        ),
        ("le retour à l'emploi", "l'emploi", "le retour à l&#x27;<mark>emploi</mark>"),
    ],
)
def test_highlighter(text, query, expected):
    assert excerpt(text, query) == expected


def new_year_event(home):
    """An event that starts at 00:30 on 1 January in Paris: still 31 December in UTC."""
    import datetime
    import zoneinfo

    from tests.factories import EventIndexPageFactory, EventPageFactory

    start = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    assert start.astimezone(datetime.UTC).year == 2025
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home), title="Réveillon coopératif", start=start
    )


def test_years_count_in_the_site_time_zone(client, database_backend, home):
    new_year_event(home)
    data = api(client, q="réveillon")
    assert data["facets"]["year"] == {"2026": 1}
    assert api(client, q="réveillon", year="2026")["count"] == 1


def test_html_facets_are_the_listings_facet_links(client, content):
    from bs4 import BeautifulSoup

    response = client.get("/fr/search/", {"q": "culture", "type": "fabrique"})
    soup = BeautifulSoup(response.content, "html.parser")
    groups = {
        group.select_one(".filters__title").get_text(): group
        for group in soup.select(".search-facets .filters__group")
    }
    assert set(groups) >= {"Type", "Thématique", "Région"}
    links = {a.get_text(" ", strip=True): a for a in groups["Type"].select("a")}
    # "All" first (clears the type), then every type with its count.
    assert list(links)[0] == "Tous"
    assert links["Tous"]["href"] == "?q=culture"
    assert links["Fabrique de Territoire (1)"]["aria-current"] == "true"
    assert links["Article (1)"]["href"] == "?q=culture&type=article"
    assert "aria-current" not in links["Article (1)"].attrs
    theme = {a.get_text(" ", strip=True): a["href"] for a in groups["Thématique"].select("a")}
    assert theme["Culture (1)"] == "?q=culture&type=fabrique&theme=culture"


def test_html_pagination_keeps_the_search(client, database_backend, news_index):
    from tests.factories import ArticlePageFactory

    for n in range(11):
        ArticlePageFactory(parent=news_index, title=f"Coopérative numéro {n}")
    response = client.get("/fr/search/", {"q": "coopérative", "type": "article"})
    html = response.content.decode()
    assert 'href="?q=coop%C3%A9rative&amp;type=article&amp;page=2"' in html
