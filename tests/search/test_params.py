"""Bad parameters never give a 500, on the configured backend and on the database."""

import pytest

from django.urls import reverse

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

GOOD_OR_CORRECTED = [
    {"q": ""},
    {"q": "   "},
    {"q": "tiers " * 1000},  # 6,000 characters
    {"q": "x" * 5000},
    {"q": '"tiers-lieux'},
    {"q": 'tiers "lieux" (réinsertion) [emploi] {x}'},
    {"q": "\\ \\\\ back\\slash"},
    {"q": "nul\x00octet"},
    {"q": "AND OR NOT * ? ~ ^ : / ! &&"},
    {"q": "tiers", "page": "-1"},
    {"q": "tiers", "page": "abc"},
    {"q": "tiers", "page": "0"},
    {"q": "tiers", "page": "99999999999999999999"},
    {"q": "tiers", "theme": "inconnue"},
    {"q": "tiers", "region": "<script>"},
]
REFUSED = [
    {"q": "tiers", "type": "inconnu"},
    {"q": "tiers", "type": "x" * 5000},
    {"q": "tiers", "year": "abc"},
    {"q": "tiers", "year": "-1"},
    {"q": "tiers", "year": "99999"},
    {"q": "tiers", "lang": "xx"},
]


@pytest.fixture(params=["configured", "database"])
def any_backend(request, news_index):
    if request.param == "database":
        request.getfixturevalue("database_backend")
    ArticlePageFactory(parent=news_index, title="Les tiers-lieux et l'emploi")
    return request.param


@pytest.mark.parametrize("params", GOOD_OR_CORRECTED)
def test_bad_parameters_are_corrected(client, any_backend, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == {"count", "results", "facets", "backend"}
    html = client.get("/fr/search/", params)
    assert html.status_code == 200


@pytest.mark.parametrize("params", REFUSED)
def test_unknown_values_are_refused_with_a_message(client, any_backend, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 400
    assert response.json()["error"]
    if "lang" not in params:
        html = client.get("/fr/search/", params)
        assert html.status_code == 400
        assert 'role="alert"' in html.content.decode()


def test_corrected_values(client, database_backend, news_index):
    ArticlePageFactory(parent=news_index, title="Les tiers-lieux et l'emploi")
    negative = client.get(reverse("search_api"), {"q": "tiers", "page": "-1"}).json()
    assert negative["count"] == 1 and len(negative["results"]) == 1
    empty = client.get(reverse("search_api"), {"q": ""}).json()
    assert empty["count"] == 0 and empty["results"] == []
    long_query = client.get("/fr/search/", {"q": "tiers " * 1000})
    assert "trop longue" in long_query.content.decode()
