"""The parameter policy shared with the listings (home/listing.py), on the configured
backend and on the database: never a 500.

- repeated or malformed: 400 with a message (the HTML page shows it, the JSON says
  {"error": ...});
- well formed but naming nothing (unknown type or theme, a year without content, a
  page past the end): an empty result (200, count 0);
- an over-long query: cut, with a notice.
"""

import pytest

from django.urls import reverse
from django.utils.html import escape

from search.results import engine_configured
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CORRECTED = [
    {"q": ""},
    {"q": "   "},
    {"q": "tiers " * 1000},  # 6,000 characters
    {"q": "x" * 5000},
    {"q": '"tiers-lieux'},
    {"q": 'tiers "lieux" (réinsertion) [emploi] {x}'},
    {"q": "\\ \\\\ back\\slash"},
    {"q": "nul\x00octet"},
    {"q": "AND OR NOT * ? ~ ^ : / ! &&"},
    {"q": "tiers", "region": "Provence-Alpes-Côte d'Azur"},
]
NAMING_NOTHING = [
    {"q": "tiers", "type": "inconnu"},
    {"q": "tiers", "theme": "inconnue"},
    {"q": "tiers", "region": "Atlantide"},
    {"q": "tiers", "year": "1850"},
    {"q": "tiers", "page": "2"},
    {"q": "tiers", "page": "999999"},
]
MALFORMED = [
    {"q": "tiers", "page": "-1"},
    {"q": "tiers", "page": "abc"},
    {"q": "tiers", "page": "0"},
    {"q": "tiers", "page": "99999999999999999999"},
    {"q": "tiers", "year": "abc"},
    {"q": "tiers", "year": "-1"},
    {"q": "tiers", "year": "99999"},
    {"q": "tiers", "year": "21"},
    {"q": "tiers", "type": "x" * 5000},
    {"q": "tiers", "type": "<b>"},
    {"q": "tiers", "theme": "deux mots"},
    {"q": "tiers", "theme": "t" * 101},
    {"q": "tiers", "region": "<script>"},
    {"q": "tiers", "region": "r" * 101},
]
REPEATED = [
    {"q": ["tiers", "lieux"]},
    {"q": "tiers", "type": ["article", "event"]},
    {"q": "tiers", "theme": ["culture", "culture"]},
    {"q": "tiers", "region": ["Bretagne", "Corse"]},
    {"q": "tiers", "year": ["2020", "2021"]},
    {"q": "tiers", "page": ["1", "2"]},
]


@pytest.fixture(params=["configured", "database"])
def any_backend(request, news_index):
    engine = None
    if request.param == "database":
        request.getfixturevalue("database_backend")
    elif engine_configured():
        engine = request.getfixturevalue("engine")  # an empty index, not another run's
    ArticlePageFactory(parent=news_index, title="Les tiers-lieux et l'emploi")
    if engine is not None:
        engine.refresh()
    return request.param


def refused(client, params, wanted: str = "") -> None:
    """A 400 with a message, in the JSON and on the HTML page."""
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 400, response.content
    message = response.json()["error"]
    assert wanted in message
    html = client.get("/fr/search/", params)
    assert html.status_code == 400
    page = html.content.decode()
    assert 'role="alert"' in page
    assert escape(message) in page


@pytest.mark.parametrize("params", CORRECTED)
def test_bad_queries_are_corrected(client, any_backend, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"count", "results", "facets", "backend"}
    html = client.get("/fr/search/", params)
    assert html.status_code == 200


@pytest.mark.parametrize("params", NAMING_NOTHING)
def test_values_naming_nothing_give_an_empty_result(client, any_backend, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == 0 and data["results"] == []
    html = client.get("/fr/search/", params)
    assert html.status_code == 200
    page = html.content.decode()
    assert "Aucun résultat" in page
    assert 'role="alert"' not in page


@pytest.mark.parametrize("params", MALFORMED)
def test_malformed_values_are_refused_with_a_message(client, any_backend, params):
    refused(client, params)


@pytest.mark.parametrize("params", REPEATED)
def test_repeated_parameters_are_refused_with_a_message(client, any_backend, params):
    (name,) = [name for name, value in params.items() if isinstance(value, list)]
    refused(client, params, f"« {name} »")


def test_unknown_or_repeated_language_is_refused(client, database_backend):
    for params in ({"q": "tiers", "lang": "xx"}, {"q": "tiers", "lang": ["fr", "en"]}):
        response = client.get(reverse("search_api"), params)
        assert response.status_code == 400
        assert response.json()["error"]


def test_corrected_values(client, database_backend, news_index):
    ArticlePageFactory(parent=news_index, title="Les tiers-lieux et l'emploi")
    found = client.get(reverse("search_api"), {"q": "tiers", "page": "1"}).json()
    assert found["count"] == 1 and len(found["results"]) == 1
    empty = client.get(reverse("search_api"), {"q": ""}).json()
    assert empty["count"] == 0 and empty["results"] == []
    long_query = client.get("/fr/search/", {"q": "tiers " * 1000})
    assert long_query.status_code == 200
    assert "trop longue" in long_query.content.decode()


def test_a_page_past_the_end_is_empty_and_the_last_one_is_not(client, database_backend, home):
    from tests.factories import ArticleIndexPageFactory

    news = ArticleIndexPageFactory(parent=home)
    for n in range(11):
        ArticlePageFactory(parent=news, title=f"Coopérative numéro {n}")
    last = client.get(reverse("search_api"), {"q": "coopérative", "page": "2"}).json()
    assert last["count"] == 11 and len(last["results"]) == 1
    past = client.get(reverse("search_api"), {"q": "coopérative", "page": "3"}).json()
    assert past["count"] == 0 and past["results"] == []
