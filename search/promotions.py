"""Promoted results (Wagtail's search promotions): shown first, on the first page."""

from __future__ import annotations

from modelsearch.utils import normalise_query_string

from django.utils.html import escape

from wagtail.contrib.search_promotions.models import SearchPromotion

from .params import SearchParams
from .results import result_dicts, visible_pages


def promotions(params: SearchParams, request, already: set[str]) -> list[dict]:
    """The editors' picks for this query, visible ones only, minus URLs in `already`."""
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(params.q))
        .select_related("page")
        .order_by("sort_order")
    )
    found = []
    for pick in picks:
        page = pick.page
        if page is not None:
            pages = visible_pages([page.pk], params.language)
            if page.pk not in pages:
                continue
            (entry,) = result_dicts([pages[page.pk]], {}, request, params.language)
        else:
            entry = {
                "title": pick.external_link_text or pick.external_link_url,
                "url": pick.external_link_url,
                "type": "promotion",
                "date": None,
                "date_label": "",
                "locale": params.language,
                "excerpt": "",
            }
        if pick.description:
            entry["excerpt"] = escape(pick.description)
        entry["promoted"] = True
        if entry["url"] not in already:
            found.append(entry)
    return found
