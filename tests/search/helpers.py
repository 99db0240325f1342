"""Helpers shared by the search tests."""

from django.urls import reverse


def api(client, **params):
    """The JSON search answer (French unless `lang` says otherwise), asserting a 200."""
    response = client.get(reverse("search_api"), {"lang": "fr", **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return {result["title"] for result in data["results"]}
