"""The search page's facets as the listings' facet links (home.listing.Facet).

Each facet offers "all" and every value that gives results with its count, plus
the chosen value even when it gives none (so that it can be seen and cleared).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from home import searchable
from home.listing import Facet, facet

from .params import FACETS, SearchParams
from .results import SearchOutcome


def titles() -> dict[str, tuple[str, str]]:
    """Each facet's title and the label of its "all" link."""
    return {
        "type": (_("Type"), _("Tous")),
        "theme": (_("Thématique"), _("Toutes les thématiques")),
        "region": (_("Région"), _("Toutes les régions")),
        "year": (_("Année"), _("Toutes")),
    }


def value_labels(language: str) -> dict[str, dict[str, str]]:
    from home.models import Theme

    themes = Theme.objects.filter(locale__language_code=language).values_list("slug", "name")
    return {
        "type": {t.key: str(t.label) for t in searchable.search_types()},
        "theme": dict(themes),
    }


def facet_groups(outcome: SearchOutcome, params: SearchParams) -> list[Facet]:
    labels = value_labels(params.language)
    groups = []
    for name, (title, all_label) in titles().items():
        counts = outcome.facets.get(name, {})
        current = getattr(params, name)
        values = list(counts)
        if name == "year":
            values.sort(key=int, reverse=True)
        if current and current not in counts:
            values.append(current)
        groups.append(
            facet(
                name,
                title,
                all_label=all_label,
                current=current,
                values=[(value, labels.get(name, {}).get(value, value)) for value in values],
                url_for=lambda value, name=name: url_with(params, name, value),
                counts=counts,
            )
        )
    return groups


def url_with(params: SearchParams, name: str, value: str | None) -> str:
    """This search with facet `name` set to `value` (None clears it), on its first page."""
    items = params.querystring_items()
    items.pop(name, None)
    if value is not None:
        items[name] = value
    return "?" + urlencode({key: items[key] for key in ("q", *FACETS) if key in items})
