"""The search on the database backend: without an engine, or when the engine is down.

Every match is counted for the facets from a few columns (one query per page
type); only the page of results shown is loaded, in the backend's relevance
order, except that pages whose title holds every word searched come first, as
the engine weighs titles over body text (PostgreSQL's and SQLite's rankings let a
word said once in a short description outweigh a title). The excerpts come from
search/highlight.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from wagtail.models import Locale, Page

from home import searchable

from .highlight import WORD, holds_every_word, query_stems
from .params import FACETS, RESULTS_PER_PAGE, SearchParams
from .results import (
    SearchOutcome,
    database_backend,
    page_excerpt,
    result_dicts,
    searchable_content_types,
    visible_page_ids,
)


@dataclass(slots=True)
class Candidate:
    """One matching page, as the facets see it (no page object is loaded)."""

    pk: int
    values: dict[str, tuple[str, ...]]  # facet name -> the page's values for it
    title_match: bool = False  # the title holds every word searched

    def keeps(self, chosen: dict[str, str]) -> bool:
        return all(value in self.values[name] for name, value in chosen.items())


def database_search(params: SearchParams, request=None) -> SearchOutcome:
    backend = database_backend()
    # Plain words only: the database backends hand quotes and brackets to SQLite FTS
    # or PostgreSQL tsquery, which may choke on them.
    words = " ".join(WORD.findall(params.q))
    locale = Locale.objects.filter(language_code=params.language).first()
    if locale is None or (params.q and not words):
        return SearchOutcome(backend="database")
    pages = (
        Page.objects.live()
        .filter(locale=locale, content_type__in=searchable_content_types())
        .filter(pk__in=visible_page_ids())
    )
    if words:
        unranked = backend.search(words, pages, operator="and", order_by_relevance=False)
        matching = results_queryset(unranked)
    else:
        matching = pages
    stems = query_stems(words, params.language) if words else []
    candidates = []
    for search_type in searchable.search_types():
        candidates.extend(database_candidates(search_type, matching.values("pk"), stems))

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
    if stems:
        in_title = {c.pk for c in candidates if c.title_match}
        # A stable partition: each group keeps the backend's relevance order.
        order.sort(key=lambda pk: pk not in in_title)
    start = (params.page - 1) * RESULTS_PER_PAGE
    shown_ids = order[start : start + RESULTS_PER_PAGE]
    loaded = Page.objects.filter(pk__in=shown_ids).specific().in_bulk()
    shown = [loaded[pk] for pk in shown_ids if pk in loaded]
    excerpts = {page.pk: page_excerpt(page, params.q, params.language) for page in shown}
    results = result_dicts(shown, excerpts, request, params.language)
    return SearchOutcome(count=len(order), results=results, facets=facets, backend="database")


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


def database_candidates(search_type, page_ids, stems: Sequence[str] = ()) -> list[Candidate]:
    """The facet values of the pages of one type among `page_ids`, and whether their
    title holds every stem of `stems`, in one query."""
    date = search_type.date_expression()
    queryset = search_type.model.objects.filter(pk__in=page_ids).order_by()
    columns = {"pk": "pk", "title": "title"}
    if date is not None:
        queryset = queryset.annotate(**{searchable.DATE_FIELD: date})
        columns["date"] = searchable.DATE_FIELD
    if search_type.region:
        columns["region"] = search_type.region
    if search_type.themes:
        columns["theme"] = f"{search_type.themes}__slug"
    found: dict[int, Candidate] = {}
    themes: dict[int, list[str]] = {}
    for row in queryset.values_list(*columns.values()):
        row = dict(zip(columns, row, strict=True))
        pk = row["pk"]
        if row.get("theme"):
            themes.setdefault(pk, []).append(row["theme"])
        if pk in found:
            continue
        region = str(row.get("region") or "")
        year = searchable.year_of_date(row.get("date"))
        found[pk] = Candidate(
            pk=pk,
            values={
                "type": (search_type.key,),
                "region": (region,) if region else (),
                "year": (year,) if year else (),
            },
            title_match=holds_every_word(row["title"], stems),
        )
    for pk, candidate in found.items():
        candidate.values["theme"] = tuple(themes.get(pk, ()))
    return list(found.values())
