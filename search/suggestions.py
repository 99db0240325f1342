"""Autocomplete: titles of visible pages whose words start with what was typed."""

from __future__ import annotations

import logging

from wagtail.models import Page

from home.queries import visible_q
from home.text import fold

from .engine import run_body
from .highlight import WORD
from .params import MAX_QUERY_LENGTH, clean_text
from .results import engine_configured, searchable_content_types, type_key, visible_pages

logger = logging.getLogger(__name__)


def autocomplete(prefix: str | None, language: str, request=None, limit: int = 8) -> list[dict]:
    """Up to `limit` suggestions: the engine's, or the database's if it fails."""
    prefix, _cut = clean_text(prefix, MAX_QUERY_LENGTH)
    if not prefix:
        return []
    if engine_configured():
        try:
            return engine_autocomplete(prefix, language, request, limit)
        except Exception as exc:
            logger.warning("Autocomplete falls back to the database: %s", exc)
    return database_autocomplete(prefix, language, request, limit)


def engine_autocomplete(prefix: str, language: str, request, limit: int) -> list[dict]:
    body = {
        "query": {
            "bool": {
                "must": [{"match": {"ftl_suggest": {"query": prefix, "operator": "and"}}}],
                "filter": [
                    {"term": {"ftl_visible": True}},
                    {"term": {"ftl_locale": language}},
                ],
            }
        },
        "size": limit,
        "_source": False,
    }
    ids = [int(hit["_id"]) for hit in run_body(body)["hits"]["hits"]]
    pages = visible_pages(ids, language)
    return [suggestion(pages[pk], request) for pk in ids if pk in pages]


def database_autocomplete(prefix: str, language: str, request, limit: int) -> list[dict]:
    wanted = WORD.findall(fold(prefix))
    if not wanted:
        return []
    rows = (
        Page.objects.filter(visible_q(), locale__language_code=language)
        .filter(content_type__in=searchable_content_types())
        .order_by("-first_published_at")
        .values_list("pk", "title")
    )
    # Accent-insensitive prefix match on the words of titles, done in Python
    # because SQLite has no unaccent(); titles are short.
    found = []
    for pk, title in rows.iterator():
        words = WORD.findall(fold(title))
        if all(any(w.startswith(p) for w in words) for p in wanted):
            found.append(pk)
            if len(found) >= limit:
                break
    pages = Page.objects.filter(pk__in=found).specific().in_bulk()
    return [suggestion(pages[pk], request) for pk in found if pk in pages]


def suggestion(page, request) -> dict:
    return {"title": page.title, "url": page.get_url(request), "type": type_key(page)}
