"""The directory's filters, declared on the listing layer (home/listing.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import django_filters

from django.http import Http404
from django.utils.translation import gettext as _

from home.listing import FREE_TEXT, ListingFilterSet
from home.models import theme_choices
from home.text import fold

from . import territories
from .choices import TerritoryType

if TYPE_CHECKING:
    from .models import FabriquePage


class DirectoryFilters(ListingFilterSet):
    """?region=<INSEE>&departement=<INSEE>&theme=<slug>&type=<territory>&q=<name or commune>."""

    region = django_filters.ChoiceFilter(field_name="region_code")
    departement = django_filters.ChoiceFilter(field_name="departement_code")
    theme = django_filters.ChoiceFilter(field_name="themes__slug")
    type = django_filters.ChoiceFilter(field_name="territory_type")
    q = django_filters.CharFilter(method="filter_text")
    syntax = {"q": FREE_TEXT}
    # The directory holds hundreds of places: its facets are counted from one read of
    # every Fabrique's values, so filtering never adds a query.
    count_in_memory = True
    memory_fields = ("title", "commune")
    # A région's counts disregard the chosen département, which lies inside a région,
    # so that every région stays one click away.
    facet_ignores = {"region": ("region", "departement")}

    def load_choices(self):
        known = territories.territories()
        themes = theme_choices(self.context["index"].locale_id)
        return {
            "region": sorted(
                ((code, region.name) for code, region in known.regions.items()),
                key=lambda choice: fold(choice[1]),
            ),
            "departement": [
                (code, f"{departement.name} ({code})")
                for code, departement in known.departements.items()
            ],
            "theme": sorted(themes, key=lambda choice: fold(choice[1])),
            "type": [(value, str(label)) for value, label in TerritoryType.choices],
        }

    def check_combination(self) -> None:
        region, departement = self.value("region"), self.value("departement")
        if region and departement and territories.departement(departement).region.code != region:
            raise Http404(_("Ce département n'est pas dans la région choisie."))

    def link_state(self, name, value):
        """Choosing a région keeps the département only if it lies inside it."""
        state = {name: value}
        departement = self.value("departement")
        outside = departement and territories.departement(departement).region.code != value
        if name == "region" and value and outside:
            state["departement"] = None
        return state

    def filter_text(self, queryset, name, value):
        """Name or commune contains the words, accents and case aside (matched in memory:
        SQLite has no unaccent)."""
        items = self.memory_items()
        return queryset.filter(
            pk__in=[pk for pk, item in items.items() if self.memory_match(item, name, value)]
        )

    def memory_match(self, item, name, value):
        if name == "q":
            needle = fold(value)
            return needle in fold(item["title"]) or needle in fold(item["commune"])
        return super().memory_match(item, name, value)

    def facets(self):
        return [
            self.facet("region", _("Régions"), _("Toutes les régions")),
            self.facet("departement", _("Départements"), _("Tous les départements")),
            self.facet("theme", _("Thématiques"), _("Toutes les thématiques")),
            self.facet("type", _("Types de territoire"), _("Tous les territoires")),
        ]


def attach_theme_slugs(fabriques: list[FabriquePage]) -> list[FabriquePage]:
    """Read the prefetched themes once per Fabrique (no query)."""
    for fabrique in fabriques:
        fabrique.theme_list = list(fabrique.themes.all())
        fabrique.theme_slugs = {theme.slug for theme in fabrique.theme_list}
    return fabriques
