"""The directory's filters: parsed strictly from the query string, counted in one pass.

The directory loads its live Fabriques once (two queries: pages and their themes),
then filters and counts them in Python: the map needs every matching Fabrique anyway,
and the network counts hundreds of places, not millions.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from articles.models import FilterLink

from . import territories
from .models import FabriquePage, TerritoryType

MAX_QUERY_LENGTH = 100
FACETS = ("region", "departement", "theme", "type")
# The filters a facet's counts disregard: a région's count ignores the chosen département,
# which lies inside a région, so that every région stays one click away.
FACET_IGNORES = {
    "region": ("region", "departement"),
    "departement": ("departement",),
    "theme": ("theme",),
    "type": ("type",),
}
ALL_LABELS = {
    "region": _("Toutes les régions"),
    "departement": _("Tous les départements"),
    "theme": _("Toutes les thématiques"),
    "type": _("Tous les territoires"),
}


def fold(text: str) -> str:
    """Lower case without accents, for a forgiving text filter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class DirectoryFilters:
    region: str = ""
    departement: str = ""
    theme: str = ""
    type: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query: QueryDict, theme_slugs: set[str]) -> DirectoryFilters:
        """Known parameters, validated: an unknown code or slug is a 404, never a 500."""
        values = {}
        for name in [f.name for f in fields(cls)]:
            given = query.getlist(name)
            if len(given) > 1:
                raise BadRequest(f"Paramètre {name} répété")
            values[name] = given[0].strip() if given else ""
        if len(values["q"]) > MAX_QUERY_LENGTH:
            raise BadRequest("Recherche trop longue")
        if values["region"]:
            region = territories.region(values["region"])
            if region is None or region.code != values["region"]:
                raise Http404("Région inconnue")
        if values["departement"]:
            departement = territories.departement(values["departement"])
            if departement is None or departement.code != values["departement"]:
                raise Http404("Département inconnu")
            if values["region"] and departement.region.code != values["region"]:
                raise Http404("Département hors de la région choisie")
        if values["theme"] and values["theme"] not in theme_slugs:
            raise Http404("Thématique inconnue")
        if values["type"] and values["type"] not in TerritoryType.values:
            raise Http404("Type de territoire inconnu")
        return cls(**values)

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def query_string(self) -> str:
        """The canonical query string of this state: fixed order, empty values left out."""
        pairs = [(f.name, getattr(self, f.name)) for f in fields(self)]
        return urlencode([(name, value) for name, value in pairs if value])

    def url(self, base_url: str) -> str:
        query = self.query_string()
        return f"{base_url}?{query}" if query else base_url

    def matches(self, fabrique: FabriquePage, ignore: tuple[str, ...] = ()) -> bool:
        if "region" not in ignore and self.region and fabrique.region_code != self.region:
            return False
        if (
            "departement" not in ignore
            and self.departement
            and fabrique.departement_code != self.departement
        ):
            return False
        if "theme" not in ignore and self.theme and self.theme not in fabrique.theme_slugs:
            return False
        if "type" not in ignore and self.type and fabrique.territory_type != self.type:
            return False
        if self.q:
            needle = fold(self.q)
            return needle in fold(fabrique.title) or needle in fold(fabrique.commune)
        return True


def facet_value(fabrique: FabriquePage, facet: str) -> list[str]:
    if facet == "region":
        return [fabrique.region_code]
    if facet == "departement":
        return [fabrique.departement_code]
    if facet == "theme":
        return list(fabrique.theme_slugs)
    return [fabrique.territory_type]


def facet_counts(fabriques: list[FabriquePage], filters: DirectoryFilters) -> dict[str, Counter]:
    """For each facet, how many Fabriques each value would give with the other filters kept."""
    counts = {facet: Counter() for facet in FACETS}
    for fabrique in fabriques:
        for facet in FACETS:
            if filters.matches(fabrique, ignore=FACET_IGNORES[facet]):
                counts[facet].update(facet_value(fabrique, facet))
    return counts


def facet_links(
    base_url: str, filters: DirectoryFilters, counts: dict[str, Counter], themes: list
) -> dict[str, list[FilterLink]]:
    """Links with counts for every value that gives results, plus the current one."""
    labels = {
        "region": {code: r.name for code, r in territories.territories().regions.items()},
        "departement": {
            code: f"{d.name} ({code})" for code, d in territories.territories().departements.items()
        },
        "theme": {theme.slug: theme.name for theme in themes},
        "type": {value: str(label) for value, label in TerritoryType.choices},
    }
    links = {}
    for facet in FACETS:
        current = getattr(filters, facet)
        cleared = replace(filters, **{facet: ""})
        items = [FilterLink(ALL_LABELS[facet], cleared.url(base_url), not current)]
        values = [v for v in labels[facet] if counts[facet][v] or v == current]
        if facet in ("region", "theme"):
            values.sort(key=lambda v: fold(labels[facet][v]))
        for value in values:
            state = replace(filters, **{facet: value})
            if facet == "region" and filters.departement:
                departement = territories.departement(filters.departement)
                if departement.region.code != value:
                    state = replace(state, departement="")
            label, url = labels[facet][value], state.url(base_url)
            items.append(FilterLink(label, url, value == current, counts[facet][value]))
        links[facet] = items
    return links


def attach_theme_slugs(fabriques: list[FabriquePage]) -> list[FabriquePage]:
    """Read the prefetched themes once per Fabrique (no query)."""
    for fabrique in fabriques:
        fabrique.theme_list = list(fabrique.themes.all())
        fabrique.theme_slugs = {theme.slug for theme in fabrique.theme_list}
    return fabriques
