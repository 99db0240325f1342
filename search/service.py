"""The site search: parameters, the engine query, the database fallback, one answer.

Both paths return the same SearchOutcome (and so the same JSON): results with an
HTML-escaped excerpt whose matched words are in <mark>, and facets with the
count of every value for type, theme, region and year. A facet's counts apply
the other facets' filters but not its own, so that the visitor can switch value.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from modelsearch.backends import get_search_backend
from modelsearch.utils import normalise_query_string

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from home.listing import page_number
from home.queries import public_q

from . import registry
from .backends.base import SiteBackendMixin
from .highlight import WORD
from .highlight import excerpt as build_excerpt

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_FILTER_LENGTH = 100
RESULTS_PER_PAGE = 10
MAX_PAGE = 500  # engines refuse to page past 10,000 hits
FACETS = ("type", "theme", "region", "year")
ENGINE_FIELDS = {
    "type": "ftl_type",
    "theme": "ftl_themes",
    "region": "ftl_region",
    "year": "ftl_year",
}
YEARS = range(1900, 2201)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BadParameter(ValueError):
    """A parameter that cannot be corrected: the views answer 400 with this message."""


@dataclass
class SearchParams:
    q: str = ""
    type: str | None = None
    theme: str | None = None
    region: str | None = None
    year: str | None = None
    page: int = 1
    language: str = "fr"
    notices: list[str] = field(default_factory=list)

    def filters(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    def querystring_items(self) -> dict[str, str]:
        items = {"q": self.q}
        items.update(self.filters())
        return items


@dataclass
class SearchOutcome:
    count: int = 0
    results: list[dict] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {f: {} for f in FACETS})
    backend: str = "database"
    promotions: list[dict] = field(default_factory=list)
    notice: str = ""

    def as_json(self) -> dict:
        return {
            "count": self.count,
            "results": self.promotions + self.results,
            "facets": self.facets,
            "backend": self.backend,
        }


def clean_text(raw: str | None, limit: int) -> tuple[str, bool]:
    text = CONTROL_CHARS.sub(" ", raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def parse_params(data, language: str) -> SearchParams:
    """Read q, type, theme, region, year and page; fix what can be fixed, raise
    BadParameter for the rest."""
    params = SearchParams(language=language if language in dict(settings.LANGUAGES) else "fr")
    params.q, shortened = clean_text(data.get("q"), MAX_QUERY_LENGTH)
    if shortened:
        params.notices.append(
            _(
                "Votre recherche était trop longue : seuls les %(n)s premiers "
                "caractères ont été utilisés."
            )
            % {"n": MAX_QUERY_LENGTH}
        )
    type_key, _cut = clean_text(data.get("type"), MAX_FILTER_LENGTH)
    if type_key:
        if type_key not in registry.type_keys():
            raise BadParameter(
                _("Type inconnu « %(type)s » : choisissez parmi %(choices)s.")
                % {"type": type_key, "choices": ", ".join(registry.type_keys())}
            )
        params.type = type_key
    params.theme = clean_text(data.get("theme"), MAX_FILTER_LENGTH)[0] or None
    params.region = clean_text(data.get("region"), MAX_FILTER_LENGTH)[0] or None
    year, _cut = clean_text(data.get("year"), 10)
    if year:
        if not year.isdigit() or int(year) not in YEARS:
            raise BadParameter(
                _("Année invalide « %(year)s » : indiquez une année sur quatre chiffres.")
                % {"year": year}
            )
        params.year = str(int(year))
    params.page = page_number(data)
    return params


def engine_configured() -> bool:
    return isinstance(get_search_backend("default"), SiteBackendMixin)


def search(params: SearchParams, request=None) -> SearchOutcome:
    """The engine if there is one and it answers, else the database backend."""
    if not params.q and not params.filters():
        return SearchOutcome(backend=backend_name())
    if params.page > MAX_PAGE:
        return SearchOutcome(backend=backend_name())
    outcome = None
    if engine_configured():
        try:
            outcome = engine_search(params, request)
        except Exception as exc:
            logger.warning("Search engine unavailable, falling back to the database: %s", exc)
            outcome = database_search(params, request)
            outcome.notice = _(
                "Le moteur de recherche est momentanément indisponible : "
                "ces résultats viennent d'une recherche simplifiée."
            )
    else:
        outcome = database_search(params, request)
    if params.page == 1 and params.q:
        outcome.promotions = promotions(params, request, {r["url"] for r in outcome.results})
    return outcome


def backend_name() -> str:
    backend = get_search_backend("default")
    if isinstance(backend, SiteBackendMixin):
        return "opensearch" if "opensearch" in type(backend).__module__ else "elasticsearch"
    return "database"


# The engine -------------------------------------------------------------------


def engine_body(params: SearchParams) -> dict:
    lang = params.language
    title, text = f"ftl_title_{lang}", f"ftl_text_{lang}"
    if params.q:
        query = {
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
    else:
        query = {"bool": {"must": [{"match_all": {}}]}}
    query["bool"]["filter"] = [
        {"term": {"ftl_visible": True}},
        {"term": {"ftl_locale": lang}},
        {"bool": {"must_not": {"range": {"ftl_expire_at": {"lte": "now"}}}}},
    ]
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
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                text: {"fragment_size": 220, "number_of_fragments": 1, "no_match_size": 220}
            },
        },
        "from": (params.page - 1) * RESULTS_PER_PAGE,
        "size": RESULTS_PER_PAGE,
        "_source": False,
        "track_total_hits": True,
        "sort": ["_score", {"ftl_date": {"order": "desc", "missing": "_last"}}],
    }


def engine_search(params: SearchParams, request=None) -> SearchOutcome:
    backend = get_search_backend("default")
    index_name = backend.get_index_for_model(Page).name
    response = backend.engine_search(index_name, engine_body(params))
    hits = response["hits"]["hits"]
    excerpts = {
        int(hit["_id"]): (hit.get("highlight", {}).get(f"ftl_text_{params.language}") or [""])[0]
        for hit in hits
    }
    pages = visible_pages(list(excerpts), params.language)
    results = []
    for pk, excerpt in excerpts.items():
        page = pages.get(pk)
        if page is not None:
            results.append(result_dict(page, request, excerpt, params.language))
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


def visible_pages(ids: list[int], language: str) -> dict[int, Page]:
    """The pages a visitor may see among `ids` (a last check against the database)."""
    pages = (
        Page.objects.live()
        .filter(public_q(), pk__in=ids, locale__language_code=language)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .specific()
    )
    return {page.pk: page for page in pages}


def result_dict(page, request, excerpt: str, language: str) -> dict:
    search_type = registry.for_model(type(page))
    date = search_type.date_of(page) if search_type else None
    if isinstance(date, datetime.datetime):
        date = timezone.localtime(date).date()
    return {
        "title": page.title,
        "url": page.get_url(request),
        "type": search_type.key if search_type else "page",
        "date": date.isoformat() if date else None,
        "locale": language,
        "excerpt": excerpt,
    }


# The database backend ---------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """One matching page, as the facets see it (no page object is loaded)."""

    pk: int
    values: dict[str, tuple[str, ...]]  # facet name -> the page's values for it

    def keeps(self, chosen: dict[str, str]) -> bool:
        return all(value in self.values[name] for name, value in chosen.items())


def database_backend():
    return get_search_backend("database" if engine_configured() else "default")


def database_search(params: SearchParams, request=None) -> SearchOutcome:
    """Every match is counted for the facets from a few columns (one query per page
    type); only the page of results shown is loaded, in the backend's relevance order."""
    from wagtail.models import Locale

    backend = database_backend()
    # Plain words only: the database backends hand quotes and brackets to SQLite FTS
    # or PostgreSQL tsquery, which may choke on them.
    words = " ".join(WORD.findall(params.q))
    locale = Locale.objects.filter(language_code=params.language).first()
    if locale is None or (params.q and not words):
        return SearchOutcome(backend="database")
    types = registry.search_types()
    pages = (
        Page.objects.live()
        .filter(locale=locale, content_type__in=list(content_types([t.model for t in types])))
        .filter(pk__in=visible_page_ids())
    )
    if words:
        unranked = backend.search(words, pages, operator="and", order_by_relevance=False)
        matching = results_queryset(unranked)
    else:
        matching = pages
    candidates = []
    for search_type in types:
        candidates.extend(database_candidates(search_type, matching.values("pk")))

    chosen = params.filters()
    facets = {}
    for name in FACETS:
        others = {other: value for other, value in chosen.items() if other != name}
        pool = [c for c in candidates if c.keeps(others)] if others else candidates
        counter = Counter(chain.from_iterable(c.values[name] for c in pool))
        facets[name] = dict(counter.most_common())
    matched = {c.pk for c in candidates if c.keeps(chosen)}
    if words:
        order = ranked_ids(backend.search(words, pages, operator="and"))
    else:
        order = list(pages.order_by("-first_published_at", "-pk").values_list("pk", flat=True))
    order = [pk for pk in order if pk in matched]
    start = (params.page - 1) * RESULTS_PER_PAGE
    shown = Page.objects.filter(pk__in=order[start : start + RESULTS_PER_PAGE]).specific()
    shown = {page.pk: page for page in shown}
    results = []
    for pk in order[start : start + RESULTS_PER_PAGE]:
        page = shown.get(pk)
        if page is None:
            continue
        search_type = registry.for_model(type(page))
        text = " ".join(search_type.text_of(page, local_only=True))
        excerpt = build_excerpt(text, params.q, params.language)
        results.append(result_dict(page, request, excerpt, params.language))
    return SearchOutcome(count=len(order), results=results, facets=facets, backend="database")


def visible_page_ids():
    """Public, unexpired pages, as a subquery (the search backends refuse the
    view-restriction check as a filter of their own)."""
    return (
        Page.objects.filter(public_q())
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .values("pk")
    )


def results_queryset(results):
    """The queryset behind a database backend's unranked results, to use as a
    subquery. Every modelsearch database backend (PostgreSQL, MySQL, SQLite, the
    LIKE fallback) builds one with get_queryset()."""
    return results.get_queryset()


def ranked_ids(results) -> list[int]:
    """Primary keys of every match, best first, without loading the pages."""
    if hasattr(results, "ranked_ids"):  # search.backends.sqlite: one-pass ranking
        return results.ranked_ids()
    return list(results.get_queryset().values_list("pk", flat=True))


def database_candidates(search_type, page_ids) -> list[Candidate]:
    """The facet values of the pages of one type among `page_ids`, in one query."""
    columns = ["pk", search_type.date or "first_published_at"]
    if search_type.region:
        columns.append(search_type.region)
    if search_type.themes:
        columns.append(f"{search_type.themes}__slug")
    rows = search_type.model.objects.filter(pk__in=page_ids).order_by().values_list(*columns)
    found: dict[int, Candidate] = {}
    themes: dict[int, list[str]] = {}
    for row in rows:
        pk = row[0]
        if search_type.themes and row[-1]:
            themes.setdefault(pk, []).append(row[-1])
        if pk in found:
            continue
        region = str(row[2] or "") if search_type.region else ""
        year = registry.year_of_date(row[1])
        found[pk] = Candidate(
            pk=pk,
            values={
                "type": (search_type.key,),
                "region": (region,) if region else (),
                "year": (year,) if year else (),
            },
        )
    for pk, candidate in found.items():
        candidate.values["theme"] = tuple(themes.get(pk, ()))
    return list(found.values())


# Promotions and autocomplete --------------------------------------------------


def promotions(params: SearchParams, request, already: set[str]) -> list[dict]:
    from wagtail.contrib.search_promotions.models import SearchPromotion

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
            entry = result_dict(pages[page.pk], request, "", params.language)
        else:
            entry = {
                "title": pick.external_link_text or pick.external_link_url,
                "url": pick.external_link_url,
                "type": "promotion",
                "date": None,
                "locale": params.language,
                "excerpt": "",
            }
        if pick.description:
            from django.utils.html import escape

            entry["excerpt"] = escape(pick.description)
        entry["promoted"] = True
        if entry["url"] not in already:
            found.append(entry)
    return found


def autocomplete(prefix: str, language: str, request=None, limit: int = 8) -> list[dict]:
    prefix, _cut = clean_text(prefix, MAX_QUERY_LENGTH)
    if not prefix:
        return []
    if engine_configured():
        try:
            backend = get_search_backend("default")
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
            response = backend.engine_search(backend.get_index_for_model(Page).name, body)
            ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
            pages = visible_pages(ids, language)
            return [suggestion(pages[pk], request) for pk in ids if pk in pages]
        except Exception as exc:
            logger.warning("Autocomplete falls back to the database: %s", exc)
    return database_autocomplete(prefix, language, request, limit)


def database_autocomplete(prefix: str, language: str, request, limit: int) -> list[dict]:
    from .highlight import fold

    wanted = WORD.findall(fold(prefix))
    if not wanted:
        return []
    models = [t.model for t in registry.search_types()]
    rows = (
        Page.objects.live()
        .filter(public_q(), locale__language_code=language)
        .filter(content_type__in=list(content_types(models)))
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


def content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_models(*models).values()


def suggestion(page, request) -> dict:
    search_type = registry.for_model(type(page))
    return {
        "title": page.title,
        "url": page.get_url(request),
        "type": search_type.key if search_type else "page",
    }
