import csv
import io
import json
from decimal import Decimal

import pytest

from fabriques.importer import import_fabriques
from fabriques.models import FabriquePage
from fabriques.records import neutralise_cell, restore_cell
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


HYPERLINK = '=HYPERLINK("https://evil.example/","Cliquez ici")'


@pytest.fixture
def formula_fabrique(directory):
    return FabriquePageFactory(
        parent=directory,
        title=HYPERLINK,
        identifier="FT-59-666",
        phone="+33 1 23 45 67 89",
        address="@SUM(1+1)",
        longitude=Decimal("-1.553600"),
    )


def exported_row(client, directory, identifier: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(client.get(directory.url + "csv/").content.decode()))
    return next(row for row in rows if row["identifier"] == identifier)


@pytest.mark.django_db
class TestCsvInjection:
    """OWASP CSV injection: a cell starting with =, +, -, @, tab or carriage return is
    prefixed with a single quote, which the import takes off again."""

    def test_formula_cells_are_quoted(self, client, directory, formula_fabrique):
        row = exported_row(client, directory, "FT-59-666")
        assert row["name"] == "'" + HYPERLINK
        assert row["phone"] == "'+33 1 23 45 67 89"
        assert row["address"] == "'@SUM(1+1)"
        assert row["commune"] == formula_fabrique.commune  # nothing to quote
        assert row["longitude"] == "-1.553600"  # a number, not a formula

    def test_quoted_export_imports_unchanged(self, client, network, directory, formula_fabrique):
        exported = client.get(directory.url + "csv/").content
        report = import_fabriques(exported, directory)
        assert (report.rejected, report.created, report.updated) == ([], [], [])
        assert "FT-59-666" in report.unchanged
        formula_fabrique.refresh_from_db()
        assert formula_fabrique.title == HYPERLINK
        assert formula_fabrique.phone == "+33 1 23 45 67 89"

    def test_import_of_an_edited_export_takes_the_quote_off(self, client, directory):
        page = FabriquePageFactory(parent=directory, identifier="FT-59-667", phone="")
        row = exported_row(client, directory, "FT-59-667")
        row["phone"] = "'+33 3 20 00 00 00"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
        report = import_fabriques(buffer.getvalue().encode(), directory)
        assert (report.updated, report.rejected) == (["FT-59-667"], [])
        page.refresh_from_db()
        assert page.phone == "+33 3 20 00 00 00"

    @pytest.mark.parametrize(
        ("value", "cell"),
        [
            ("=1+1", "'=1+1"),
            ("+33 1", "'+33 1"),
            ("-2", "'-2"),
            ("@A1", "'@A1"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1+1", "''=1+1"),  # an already quoted value keeps its own quote
            ("'quoted'", "'quoted'"),
            ("Roubaix", "Roubaix"),
            ("", ""),
        ],
    )
    def test_neutralise_and_restore_are_inverse(self, value, cell):
        assert neutralise_cell(value) == cell
        assert restore_cell(cell) == value


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
