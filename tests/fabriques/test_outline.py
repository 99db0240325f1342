"""The outline of France under the Fabriques map (fabriques/outline.py, make map-outline)."""

import json

import pytest

from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command

from fabriques.outline import TARGET_NAME, OutlineError, build_outline
from fabriques.territories import territories


def square(x: float, y: float) -> dict:
    """A unit square as Natural Earth gives a polygon (5 decimals, closed ring)."""
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Polygon", "coordinates": [[[a + 0.00001, b] for a, b in ring]]}


def feature(code: str, geometry: dict, country: str = "FRA") -> dict:
    return {
        "type": "Feature",
        "properties": {"adm0_a3": country, "gn_a1_code": f"FR.{code}", "name": code},
        "geometry": geometry,
    }


# Nord (32, Hauts-de-France) and Pas-de-Calais (32) side by side, Ardennes (44, Grand Est)
# under Nord: the Nord/Pas-de-Calais edge is inside a région, the Nord/Ardennes one is not.
SOURCE = {
    "features": [
        feature("59", square(0, 1)),
        feature("62", square(-1, 1)),
        feature("08", square(0, 0)),
        feature("xx", square(9, 9), country="BEL"),  # another country: left out
    ]
}


def segments(lines: list) -> set[frozenset]:
    return {
        frozenset((tuple(a), tuple(b)))
        for line in lines
        for a, b in zip(line, line[1:], strict=False)
    }


def test_departements_named_and_coded_by_insee():
    outline = build_outline(SOURCE, required={"59", "62", "08"})
    departements = [f for f in outline["features"] if f["properties"]["kind"] == "departement"]
    assert [f["properties"]["code"] for f in departements] == ["08", "59", "62"]
    nord = departements[1]["properties"]
    assert nord["name"] == territories().departements["59"].name
    assert nord["region"] == territories().departements["59"].region.code
    assert nord["overseas"] is False
    # Rounded to 3 decimals: 0.00001 is gone.
    assert list(departements[1]["geometry"]["coordinates"][0][0][0]) == [0.0, 1.0]


def test_region_borders_leave_out_the_edges_inside_a_region():
    outline = build_outline(SOURCE, required={"59", "62", "08"})
    borders = segments(outline["features"][-1]["geometry"]["coordinates"])
    nord_pas_de_calais = frozenset(((0.0, 1.0), (0.0, 2.0)))
    nord_ardennes = frozenset(((0.0, 1.0), (1.0, 1.0)))
    coast = frozenset(((0.0, 2.0), (1.0, 2.0)))
    assert nord_pas_de_calais not in borders
    assert nord_ardennes in borders
    assert coast in borders
    # 12 edges, 2 of them shared: 10 distinct, all but the one inside Hauts-de-France.
    assert len(borders) == 9


def test_unknown_or_missing_departements_are_errors():
    with pytest.raises(OutlineError, match="FR.99"):
        build_outline({"features": [feature("99", square(0, 0))]}, required=set())
    with pytest.raises(OutlineError, match="62"):
        build_outline({"features": [feature("59", square(0, 0))]}, required={"59", "62"})


def test_the_command_says_what_to_install(tmp_path):
    with pytest.raises(CommandError, match="make install-node"):
        call_command(
            "build_map_outline",
            "--source",
            str(tmp_path / "missing.json"),
            "--target",
            str(tmp_path / "out.geojson"),
        )


def test_the_built_outline_is_served_as_a_static_file():
    """make map-outline ran (make test, make test-fast and make run build it first)."""
    path = finders.find(TARGET_NAME)
    assert path, f"static file {TARGET_NAME} missing: run make map-outline"
    with open(path, encoding="utf-8") as outline_file:
        outline = json.load(outline_file)
    departements = {
        f["properties"]["code"]: f for f in outline["features"] if "code" in f["properties"]
    }
    assert set(departements) == set(territories().departements)
    overseas = {code for code, f in departements.items() if f["properties"]["overseas"]}
    assert overseas == {"971", "972", "973", "974", "976"}
    assert outline["features"][-1]["properties"]["kind"] == "regions"
