"""The search on the engine (OpenSearch or Elasticsearch): one request body, one answer.

The body queries the ftl_* fields of search/documents.py. A facet's counts apply
the other facets' filters but not its own, so that the visitor can switch value:
each facet is an aggregation under the other filters, and the chosen filters are
a post_filter on the hits.
"""

from __future__ import annotations

from modelsearch.backends import get_search_backend

from wagtail.models import Page

from .params import FACETS, RESULTS_PER_PAGE, SearchParams
from .results import SearchOutcome, backend_name, page_excerpt, result_dicts, visible_pages

ENGINE_FIELDS = {
    "type": "ftl_type",
    "theme": "ftl_themes",
    "region": "ftl_region",
    "year": "ftl_year",
}


def text_query(params: SearchParams) -> dict:
    lang = params.language
    title, text = f"ftl_title_{lang}", f"ftl_text_{lang}"
    if not params.q:
        return {"bool": {"must": [{"match_all": {}}]}}
    return {
        "bool": {
            "must": [
                {
                    "multi_match": {
                        "query": params.q,
                        "type": "cross_fields",
                        "operator": "and",
                        "fields": [f"{title}^3", text],
                    }
                }
            ],
            "should": [
                {"match_phrase": {title: {"query": params.q, "boost": 4}}},
                {"match_phrase": {text: {"query": params.q, "boost": 2}}},
            ],
        }
    }


def visible_filter(language: str) -> list[dict]:
    return [
        {"term": {"ftl_visible": True}},
        {"term": {"ftl_locale": language}},
        {"bool": {"must_not": {"range": {"ftl_expire_at": {"lte": "now"}}}}},
    ]


def engine_body(params: SearchParams) -> dict:
    query = text_query(params)
    query["bool"]["filter"] = visible_filter(params.language)
    chosen = {
        name: {"term": {ENGINE_FIELDS[name]: value}} for name, value in params.filters().items()
    }
    aggs = {}
    for name in FACETS:
        others = [clause for other, clause in chosen.items() if other != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": ENGINE_FIELDS[name], "size": 1000}}},
        }
    return {
        "query": query,
        "post_filter": {"bool": {"filter": list(chosen.values())}},
        "aggs": aggs,
        "from": (params.page - 1) * RESULTS_PER_PAGE,
        "size": RESULTS_PER_PAGE,
        "_source": False,
        "track_total_hits": True,
        "sort": ["_score", {"ftl_date": {"order": "desc", "missing": "_last"}}],
    }


def run_body(body: dict) -> dict:
    """Send a raw body to the engine's page index."""
    backend = get_search_backend("default")
    return backend.engine_search(backend.get_index_for_model(Page).name, body)


def engine_search(params: SearchParams, request=None) -> SearchOutcome:
    response = run_body(engine_body(params))
    hits = response["hits"]["hits"]
    ids = [int(hit["_id"]) for hit in hits]
    pages = visible_pages(ids, params.language)
    shown = [pages[pk] for pk in ids if pk in pages]
    # Excerpts from the database, like the rest of the result (see page_excerpt).
    excerpts = {page.pk: page_excerpt(page, params.q, params.language) for page in shown}
    results = result_dicts(shown, excerpts, request, params.language)
    facets = {
        name: {
            b["key"]: b["doc_count"] for b in response["aggregations"][name]["values"]["buckets"]
        }
        for name in FACETS
    }
    return SearchOutcome(
        count=response["hits"]["total"]["value"],
        results=results,
        facets=facets,
        backend=backend_name(),
    )
