"""The directory page and its open-data downloads, served by FabriqueIndexPage's routes."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from home.listing import paginate

from .directory import DirectoryFilters, attach_theme_slugs
from .opendata import geojson_feature_collection
from .records import COLUMNS, record_from_page

FABRIQUES_PER_PAGE = 24


def read_filters(index_page, request) -> DirectoryFilters:
    return index_page.read_filters(request, DirectoryFilters, index_page.fabriques())


def directory(index_page, request):
    filters = read_filters(index_page, request)
    fabriques = paginate(filters.qs, request.GET, FABRIQUES_PER_PAGE)
    attach_theme_slugs(fabriques.object_list)
    query = filters.query_string()
    base_url = filters.base_url
    geojson_url = base_url + index_page.reverse_subpage("geojson").lstrip("/")
    csv_url = base_url + index_page.reverse_subpage("csv").lstrip("/")
    total_count = len(filters.memory_items())
    return index_page.render(
        request,
        context_overrides={
            "filters": filters,
            "fabriques": fabriques,
            "paginator": fabriques.paginator,
            "total_count": total_count,
            "facets": filters.facets(),
            "query": query,
            "geojson_url": f"{geojson_url}?{query}" if query else geojson_url,
            "csv_url": f"{csv_url}?{query}" if query else csv_url,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def matching_fabriques(index_page, request) -> list:
    return attach_theme_slugs(list(read_filters(index_page, request).qs))


def directory_geojson(index_page, request):
    collection = geojson_feature_collection(matching_fabriques(index_page, request), request)
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def directory_csv(index_page, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fabriques-de-territoire.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.DictWriter(response, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for fabrique in matching_fabriques(index_page, request):
        writer.writerow(record_from_page(fabrique, sorted(fabrique.theme_slugs)).to_row())
    return response
