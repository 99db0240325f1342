import json

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabriques.views import FABRIQUES_PER_PAGE
from tests.factories import FabriquePageFactory


@pytest.fixture
def network(directory, themes):
    """Five Fabriques in three régions, four départements, with various themes and types."""
    make = FabriquePageFactory
    return {
        "roubaix": make(
            parent=directory, title="La Condition Publique", themes=[themes["culture"]]
        ),
        "lens": make(
            parent=directory,
            title="La Base Arrière",
            commune="Lens",
            departement_code="62",
            departement_name="Pas-de-Calais",
            territory_type="qpv",
            themes=[themes["insertion-professionnelle"], themes["culture"]],
        ),
        "gueret": make(
            parent=directory,
            title="La Grange Numérique",
            commune="Guéret",
            departement_code="23",
            departement_name="Creuse",
            region_code="75",
            region_name="Nouvelle-Aquitaine",
            territory_type="rural",
            themes=[themes["mediation-numerique"]],
        ),
        "die": make(
            parent=directory,
            title="La Ferme Commune",
            commune="Die",
            departement_code="26",
            departement_name="Drôme",
            region_code="84",
            region_name="Auvergne-Rhône-Alpes",
            territory_type="rural",
            themes=[themes["agriculture"]],
        ),
        "redon": make(
            parent=directory,
            title="La Scène du Bourg",
            commune="Redon",
            departement_code="35",
            departement_name="Ille-et-Vilaine",
            region_code="53",
            region_name="Bretagne",
            territory_type="rural",
            themes=[themes["culture"]],
        ),
    }


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [a.get_text() for a in soup.select(".fabriques-list .card__title a")]


def facet(soup, title):
    """{label: (count, current)} of the filter group with that title."""
    for group in soup.select(".filters__group"):
        if group.find("h2").get_text() == title:
            result = {}
            for link in group.select("a"):
                count = link.select_one(".count")
                label = link.get_text().replace(count.get_text() if count else "", "").strip()
                number = int(count.get_text().strip("()")) if count else None
                result[label] = (number, link.has_attr("aria-current"), link["href"])
            return result
    return {}


@pytest.mark.django_db
class TestDirectory:
    def test_lists_everything_by_name_with_counts(self, client, network, directory):
        soup, names = listed(client, directory.url)
        assert names == sorted(names) and len(names) == 5
        assert len(soup.find_all("h1")) == 1
        regions = facet(soup, "Régions")
        assert regions["Hauts-de-France"][:2] == (2, False)
        assert regions["Bretagne"][:2] == (1, False)
        assert regions["Toutes les régions"][1] is True
        assert "Corse" not in regions  # no Fabrique there: no dead-end link
        themes = facet(soup, "Thématiques")
        assert themes["Culture"][0] == 3
        assert facet(soup, "Types de territoire")["Rural"][0] == 3

    def test_region_filter_and_counts_of_other_facets(self, client, network, directory):
        soup, names = listed(client, directory.url + "?region=32")
        assert sorted(names) == ["La Base Arrière", "La Condition Publique"]
        regions = facet(soup, "Régions")
        assert regions["Hauts-de-France"][:2] == (2, True)
        assert regions["Bretagne"][0] == 1  # counts of a facet ignore its own filter
        departements = facet(soup, "Départements")
        assert set(departements) == {"Tous les départements", "Nord (59)", "Pas-de-Calais (62)"}
        assert facet(soup, "Thématiques")["Culture"][0] == 2
        assert soup.select_one(".result-count").get_text().strip() == "2 Fabriques sur 5"

    def test_filters_combine_and_links_keep_the_others(self, client, network, directory):
        soup, names = listed(client, directory.url + "?region=32&theme=culture")
        assert sorted(names) == ["La Base Arrière", "La Condition Publique"]
        bretagne = facet(soup, "Régions")["Bretagne"]
        assert bretagne[:2] == (1, False)
        assert bretagne[2] == directory.url + "?region=53&theme=culture"
        qpv = facet(soup, "Types de territoire")["Quartier prioritaire (QPV)"]
        assert qpv[2] == directory.url + "?region=32&theme=culture&type=qpv"
        soup, names = listed(client, qpv[2])
        assert names == ["La Base Arrière"]
        assert "Bretagne" not in facet(soup, "Régions")  # no QPV Fabrique on culture there
        clear_type = facet(soup, "Types de territoire")["Tous les territoires"][2]
        assert clear_type == directory.url + "?region=32&theme=culture"

    def test_choosing_another_region_drops_a_foreign_departement(self, client, network, directory):
        soup, names = listed(client, directory.url + "?region=32&departement=62")
        assert names == ["La Base Arrière"]
        assert facet(soup, "Régions")["Bretagne"][2] == directory.url + "?region=53"

    def test_text_filter_on_name_or_commune_ignores_accents(self, client, network, directory):
        assert listed(client, directory.url + "?q=gueret")[1] == ["La Grange Numérique"]
        assert listed(client, directory.url + "?q=SCÈNE")[1] == ["La Scène du Bourg"]
        soup, names = listed(client, directory.url + "?q=bourg&theme=agriculture")
        assert names == []
        assert "Aucune Fabrique ne correspond" in soup.select_one(".empty-state").get_text()

    @pytest.mark.parametrize(
        ("query", "status"),
        [
            ("region=99", 404),
            ("region=hauts-de-france", 404),
            ("departement=20", 404),
            ("region=84&departement=59", 404),
            ("theme=cuisine", 404),
            ("type=montagne", 404),
            ("region=32&region=53", 400),
            ("q=" + "x" * 101, 400),
            ("page=99", 404),
            ("page=abc", 400),
            ("theme=%3Cb%3E", 400),
            ("utm_source=lettre", 200),
        ],
    )
    def test_bad_filter_values_are_clear_errors(self, client, network, directory, query, status):
        assert client.get(f"{directory.url}?{query}").status_code == status
        assert client.get(f"{directory.url}geojson/?{query}").status_code in (status, 200)

    def test_drafts_and_other_directories_are_not_listed(self, client, network, directory):
        network["die"].unpublish()
        _, names = listed(client, directory.url)
        assert "La Ferme Commune" not in names and len(names) == 4

    def test_pagination_keeps_the_filters(self, client, directory, themes):
        for n in range(FABRIQUES_PER_PAGE + 3):
            FabriquePageFactory(parent=directory, title=f"Fabrique {n:02d}", territory_type="rural")
        soup, names = listed(client, directory.url + "?type=rural")
        assert len(names) == FABRIQUES_PER_PAGE
        next_link = soup.select_one(".pagination a[rel=next]")["href"]
        assert next_link == "?type=rural&page=2"
        _, names = listed(client, directory.url + next_link)
        assert len(names) == 3

    def test_empty_directory(self, client, directory):
        soup, names = listed(client, directory.url)
        assert names == []
        assert "Aucune Fabrique publiée" in soup.select_one(".empty-state").get_text()

    def test_map_is_an_enhancement_over_the_list(self, client, network, directory, settings):
        settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        soup, _ = listed(client, directory.url + "?theme=culture")
        map_element = soup.select_one("#fabriques-map")
        assert map_element.has_attr("hidden")  # shown by our script only
        assert map_element["data-geojson-url"] == directory.url + "geojson/?theme=culture"
        assert map_element["data-tile-url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
        # The map and its library are loaded after the first paint, from our own files:
        # nothing of theirs holds back the page (no stylesheet, no script in the head).
        scripts = [s["src"] for s in soup.select("script[src]")]
        assert scripts == ["/static/js/after-load.js", "/static/js/facets-fold.js"]
        loader = soup.select_one('script[src="/static/js/after-load.js"]')
        assert loader.has_attr("defer")
        assert loader["data-scripts"].split() == [
            "/static/leaflet/leaflet.js",
            "/static/js/fabriques-map.js",
        ]
        assert loader["data-styles"].split() == ["/static/leaflet/leaflet.css"]
        assert [link["href"] for link in soup.select('link[rel="stylesheet"]')] == [
            "/static/css/site.css"
        ]
        assert not soup.select("script:not([src])")

    def test_leaflet_is_served_as_our_static_file(self):
        from django.contrib.staticfiles import finders

        assert finders.find("leaflet/leaflet.js")
        assert finders.find("leaflet/leaflet.css")
        assert finders.find("js/fabriques-map.js")
        assert finders.find("js/after-load.js")


@pytest.mark.django_db
class TestDirectoryQueryCount:
    def count(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_does_not_grow_with_the_number_of_fabriques(self, client, directory, themes):
        theme_list = list(themes.values())
        FabriquePageFactory(parent=directory, themes=theme_list[:2])
        client.get(directory.url)  # warm the caches (site root paths, menu, settings)
        client.get(directory.url)
        small = self.count(client, directory.url)
        for n in range(30):
            FabriquePageFactory(parent=directory, themes=theme_list[n % 3 :])
        client.get(directory.url)
        client.get(directory.url)
        large = self.count(client, directory.url)
        filtered = self.count(client, directory.url + "?region=32&theme=culture&q=fab&page=1")
        assert small <= 12
        assert large == small == filtered
        assert self.count(client, directory.url + "geojson/") <= 12
        assert self.count(client, directory.url + "csv/") <= 12


def test_geojson_is_strict_json(client, db):
    # Sanity of the helper's output type, independent of the database contents.
    from fabriques.opendata import geojson_feature_collection

    assert json.loads(json.dumps(geojson_feature_collection([], None))) == {
        "type": "FeatureCollection",
        "features": [],
    }
