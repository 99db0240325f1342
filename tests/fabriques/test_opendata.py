import csv
import io
import json
from decimal import Decimal

import pytest

from fabriques.importer import import_fabriques
from fabriques.models import FabriquePage
from tests.fabriques.test_import import HEADER
from tests.factories import FabriquePageFactory


@pytest.fixture
def network(directory, themes):
    roubaix = FabriquePageFactory(
        parent=directory,
        title="La Condition Publique",
        identifier="FT-59-001",
        themes=[themes["culture"]],
        email="contact@condition.example.org",
        social_links="https://a.example.org/x\nhttps://b.example.org/y",
        year_labelled=2019,
        structure="scic",
    )
    die = FabriquePageFactory(
        parent=directory,
        title="La Ferme Commune; Die",  # a separator inside a value
        identifier="FT-26-001",
        commune="Die",
        departement_code="26",
        departement_name="Drôme",
        region_code="84",
        region_name="Auvergne-Rhône-Alpes",
        latitude=Decimal("44.753600"),
        longitude=Decimal("5.370000"),
        territory_type="rural",
        themes=[themes["agriculture"], themes["culture"]],
    )
    unlocated = FabriquePageFactory(
        parent=directory, identifier="FT-59-002", latitude=None, longitude=None
    )
    return roubaix, die, unlocated


@pytest.mark.django_db
class TestGeoJSON:
    def test_feature_collection_of_points_lon_lat(self, client, network, directory):
        response = client.get(directory.url + "geojson/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        data = json.loads(response.content)
        assert data["type"] == "FeatureCollection"
        assert {f["id"] for f in data["features"]} == {"FT-59-001", "FT-26-001"}
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        die = next(f for f in data["features"] if f["id"] == "FT-26-001")
        assert die["geometry"]["coordinates"] == [5.37, 44.7536]
        assert die["properties"]["url"] == "http://testserver" + network[1].url
        assert die["properties"]["themes"] == ["agriculture", "culture"]

    def test_honours_the_filters(self, client, network, directory):
        data = json.loads(client.get(directory.url + "geojson/?region=84").content)
        assert [f["id"] for f in data["features"]] == ["FT-26-001"]
        data = json.loads(client.get(directory.url + "geojson/?theme=agriculture&q=rien").content)
        assert data["features"] == []
        assert client.get(directory.url + "geojson/?type=lunaire").status_code == 404


@pytest.mark.django_db
class TestCsvExport:
    def test_same_columns_as_the_import_and_filters(self, client, network, directory):
        response = client.get(directory.url + "csv/?region=32")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        assert list(rows[0]) == HEADER
        assert {row["identifier"] for row in rows} == {"FT-59-001", "FT-59-002"}
        roubaix = next(row for row in rows if row["identifier"] == "FT-59-001")
        assert roubaix["social_links"] == "https://a.example.org/x|https://b.example.org/y"
        assert roubaix["latitude"] == "50.694200"

    def test_export_then_import_round_trips(self, client, network, directory):
        exported = client.get(directory.url + "csv/").content
        report = import_fabriques(exported, directory)
        assert (report.rejected, report.created, report.updated) == ([], [], [])
        assert sorted(report.unchanged) == ["FT-26-001", "FT-59-001", "FT-59-002"]

    def test_round_trip_restores_an_edited_page(self, client, network, directory):
        roubaix, die, unlocated = network
        exported = client.get(directory.url + "csv/").content
        die.commune = "Ailleurs"
        die.save_revision().publish()
        report = import_fabriques(exported, directory)
        assert (report.updated, report.rejected) == (["FT-26-001"], [])
        assert sorted(report.unchanged) == ["FT-59-001", "FT-59-002"]
        die.refresh_from_db()
        assert die.commune == "Die"
        assert die.title == "La Ferme Commune; Die"


@pytest.mark.django_db
class TestPageApi:
    def test_fabrique_fields_in_the_api(self, client, network):
        response = client.get(
            "/api/v2/pages/",
            {"type": "fabriques.FabriquePage", "fields": "identifier,commune,themes,latitude"},
        )
        assert response.status_code == 200
        items = {item["identifier"]: item for item in response.json()["items"]}
        assert set(items) == {"FT-59-001", "FT-26-001", "FT-59-002"}
        assert items["FT-26-001"]["themes"] == ["agriculture", "culture"]
        assert items["FT-26-001"]["commune"] == "Die"
        assert Decimal(items["FT-26-001"]["latitude"]) == Decimal("44.7536")

    def test_drafts_are_not_in_the_api(self, client, network):
        network[1].unpublish()
        response = client.get("/api/v2/pages/", {"type": "fabriques.FabriquePage"})
        assert response.json()["meta"]["total_count"] == 2
        assert FabriquePage.objects.count() == 3
