"""What every search path shares: the answer's shape, the backends, visible pages.

Both the engine and the database paths return a SearchOutcome (and so the same
JSON): results with an HTML-escaped excerpt whose matched words are in <mark>,
and facets with the count of every value for type, theme, region and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelsearch.backends import get_search_backend

from wagtail.models import Page

from home import searchable
from home.queries import visible_q

from .backends.base import SiteBackendMixin
from .highlight import excerpt as build_excerpt
from .params import FACETS


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


# The backends -----------------------------------------------------------------


def engine_configured() -> bool:
    return isinstance(get_search_backend("default"), SiteBackendMixin)


def backend_name() -> str:
    backend = get_search_backend("default")
    if isinstance(backend, SiteBackendMixin):
        return "opensearch" if "opensearch" in type(backend).__module__ else "elasticsearch"
    return "database"


def database_backend():
    """The database backend: the default one, or the fallback next to an engine."""
    return get_search_backend("database" if engine_configured() else "default")


# Pages a visitor may see --------------------------------------------------------


def visible_pages(ids: list[int], language: str) -> dict[int, Page]:
    """The pages a visitor may see among `ids` (a last check against the database)."""
    pages = Page.objects.filter(visible_q(), pk__in=ids, locale__language_code=language).specific()
    return {page.pk: page for page in pages}


def visible_page_ids():
    """The pages a visitor may see, as a subquery (the search backends refuse the
    view-restriction check as a filter of their own)."""
    return Page.objects.filter(visible_q()).values("pk")


def content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_models(*models).values()


def searchable_content_types():
    """The content types of the registered page models (home/searchable.py)."""
    return list(content_types([t.model for t in searchable.search_types()]))


# One result -----------------------------------------------------------------------


def type_key(page) -> str:
    search_type = searchable.for_model(type(page))
    return search_type.key if search_type else "page"


def page_excerpt(page, query: str, language: str) -> str:
    """The excerpt of a result, from the page as it is now in the database: never from
    an engine document, which may still hold text an editor has removed."""
    text = " ".join(searchable.searchable_text(page, local_only=True))
    return build_excerpt(text, query, language)


def result_dicts(pages: list[Page], excerpts: dict[int, str], request, language: str) -> list[dict]:
    """The results shown, in the order of `pages`, each dated by what it is
    (home/searchable.py): at most one query per page type whose date another page
    holds, none per result."""
    dates: dict[int, object] = {}
    for search_type in searchable.search_types():
        of_type = [page for page in pages if isinstance(page, search_type.model)]
        if of_type:
            dates.update(search_type.dates_of(of_type))
    return [
        result_dict(page, request, excerpts.get(page.pk, ""), language, dates.get(page.pk))
        for page in pages
    ]


def result_dict(page, request, excerpt: str, language: str, date=None) -> dict:
    """One result; `date` is machine-readable ("2021-01-20", or "2021" for a year) and
    `date_label` written for the visitor in the active language."""
    return {
        "title": page.title,
        "url": page.get_url(request),
        "type": type_key(page),
        "date": searchable.date_iso(date),
        "date_label": searchable.date_label(date),
        "locale": language,
        "excerpt": excerpt,
    }
