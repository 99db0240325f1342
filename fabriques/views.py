"""The directory page and its open-data downloads, served by FabriqueIndexPage's routes."""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse, JsonResponse

from articles.models import parse_page_number
from home.models import Theme

from .directory import DirectoryFilters, attach_theme_slugs, facet_counts, facet_links
from .opendata import geojson_feature_collection
from .records import COLUMNS, record_from_page

FABRIQUES_PER_PAGE = 24


def filtered_fabriques(index_page, request, themes=None):
    """The directory's filter state and the live Fabriques that match it."""
    if themes is None:
        themes = list(Theme.objects.filter(locale_id=index_page.locale_id).order_by("name"))
    filters = DirectoryFilters.from_query(request.GET, {theme.slug for theme in themes})
    fabriques = attach_theme_slugs(list(index_page.fabriques()))
    return filters, fabriques, [f for f in fabriques if filters.matches(f)]


def directory(index_page, request):
    themes = list(Theme.objects.filter(locale_id=index_page.locale_id).order_by("name"))
    filters, fabriques, matching = filtered_fabriques(index_page, request, themes)
    paginator = Paginator(matching, FABRIQUES_PER_PAGE)
    try:
        page = paginator.page(parse_page_number(request.GET.get("page")))
    except EmptyPage as exc:
        raise Http404("Page inexistante") from exc
    base_url = index_page.get_url(request)
    query = filters.query_string()
    geojson_url = base_url + index_page.reverse_subpage("geojson").lstrip("/")
    csv_url = base_url + index_page.reverse_subpage("csv").lstrip("/")
    return index_page.render(
        request,
        context_overrides={
            "filters": filters,
            "fabriques": page,
            "paginator": paginator,
            "total_count": len(fabriques),
            "facets": facet_links(base_url, filters, facet_counts(fabriques, filters), themes),
            "query_prefix": f"{query}&" if query else "",
            "geojson_url": f"{geojson_url}?{query}" if query else geojson_url,
            "csv_url": f"{csv_url}?{query}" if query else csv_url,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def directory_geojson(index_page, request):
    _, _, matching = filtered_fabriques(index_page, request)
    collection = geojson_feature_collection(matching, request)
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def directory_csv(index_page, request):
    _, _, matching = filtered_fabriques(index_page, request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fabriques-de-territoire.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.DictWriter(response, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for fabrique in matching:
        writer.writerow(record_from_page(fabrique, sorted(fabrique.theme_slugs)).to_row())
    return response
