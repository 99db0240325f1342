"""The official list of French régions and départements (INSEE codes), shipped as data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "territories.json"


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    region: Region


@dataclass(frozen=True)
class Territories:
    regions: dict[str, Region]
    departements: dict[str, Departement]


@cache
def territories() -> Territories:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    regions = {item["code"]: Region(item["code"], item["name"]) for item in data["regions"]}
    departements = {
        item["code"]: Departement(item["code"], item["name"], regions[item["region"]])
        for item in data["departements"]
    }
    return Territories(regions, departements)


def normalise_code(raw: str) -> str:
    """'1' → '01', '2a' → '2A': codes as spreadsheets tend to mangle them."""
    code = raw.strip().upper()
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def region(code: str) -> Region | None:
    return territories().regions.get(normalise_code(code))


def departement(code: str) -> Departement | None:
    return territories().departements.get(normalise_code(code))
