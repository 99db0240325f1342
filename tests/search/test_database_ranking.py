"""The database backend's relevance order: the site's SQLite backend ranks in one pass
and must order exactly as modelsearch's own backend does; the site search keeps that
order across page types and pages of results."""

import json

import pytest
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as library_backend_for_connection

from django.db import connection

from wagtail.models import Page

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

from .helpers import api

pytestmark = pytest.mark.django_db

ON_SQLITE = connection.vendor == "sqlite"


def library_backend():
    """modelsearch's unmodified backend for this database."""
    return library_backend_for_connection({})


@pytest.fixture
def ranked_articles(database_backend, home):
    """Thirteen articles that mention « coopérative » 1 to 13 times, and one that does not."""
    news = ArticleIndexPageFactory(parent=home)
    pages = []
    for n in range(1, 14):
        words = ["coopérative"] * n + ["jardin"] * (14 - n)
        pages.append(
            ArticlePageFactory(
                parent=news,
                title=f"Chronique {n}",
                intro="Des nouvelles du réseau.",
                body=json.dumps([{"type": "paragraph", "value": f"<p>{' '.join(words)}</p>"}]),
            )
        )
    ArticlePageFactory(parent=news, title="Sans rapport", intro="Un atelier de cuisine.")
    return pages


def test_database_backend_is_chosen_by_the_connection(database_backend):
    backend = get_search_backend("default")
    if ON_SQLITE:
        from search.backends.sqlite import RankedSQLiteSearchBackend

        assert type(backend) is RankedSQLiteSearchBackend
    else:
        assert type(backend) is type(library_backend())


@pytest.mark.skipif(not ON_SQLITE, reason="the one-pass ranking replaces the SQLite backend only")
def test_sqlite_one_pass_ranking_orders_like_modelsearch(ranked_articles):
    ours, theirs = get_search_backend("default"), library_backend()
    pages = Page.objects.live()
    for query in ["coopérative", "coopérative jardin", "chronique"]:
        expected = [page.pk for page in theirs.search(query, pages, operator="and")]
        assert len(expected) > 1
        assert [page.pk for page in ours.search(query, pages, operator="and")] == expected
        assert [page.pk for page in ours.search(query, pages)[3:8]] == [
            page.pk for page in theirs.search(query, pages)[3:8]
        ]
        assert ours.search(query, pages).count() == theirs.search(query, pages).count()
    # Most mentions first (bm25), from the library's own ranking.
    best = theirs.search("coopérative", pages)[0]
    assert best.title == "Chronique 13"
    # Scores asked by name, negations and autocomplete keep working.
    scored = list(ours.search("coopérative", pages).annotate_score("_score"))
    assert all(page._score is not None for page in scored)
    assert [p.pk for p in ours.autocomplete("chron", pages)] == [
        p.pk for p in theirs.autocomplete("chron", pages)
    ]


def test_site_search_keeps_the_backend_order_across_result_pages(client, ranked_articles):
    first, second = api(client, q="coopérative"), api(client, q="coopérative", page=2)
    assert first["count"] == 13
    assert len(first["results"]) == 10 and len(second["results"]) == 3
    urls = [r["url"] for r in first["results"] + second["results"]]
    assert len(set(urls)) == 13
    expected = [
        page.get_url()
        for page in library_backend().search("coopérative", Page.objects.live(), operator="and")
    ]
    assert urls == expected
    assert first["facets"]["type"] == {"article": 13}
    assert sum(first["facets"]["year"].values()) == 13


def test_site_search_ranks_across_page_types(client, database_backend, site_content):
    data = api(client, q="Fabriques")
    kinds = {result["type"] for result in data["results"]}
    assert len(kinds) > 1
    pages = Page.objects.live().filter(locale=site_content["reinsertion"].locale)
    expected = [
        page.get_url() for page in library_backend().search("Fabriques", pages, operator="and")
    ]
    urls = [result["url"] for result in data["results"]]
    # Pages titled with the word first, each group in the backend's own order.
    titled = {p.get_url() for p in pages if "fabriques" in p.title.lower()}
    assert titled  # (on SQLite, without stemming, only the titles say "Fabriques")
    expected = [url for url in expected if url in titled] + [
        url for url in expected if url not in titled
    ]
    assert urls == [url for url in expected if url in urls]
