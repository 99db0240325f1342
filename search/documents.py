"""The fields this project adds to every indexed page document.

modelsearch keeps its own fields (used by the admin search); the site search
queries these ones, one set per language so that each is analysed with its own
language's analyzer (settings.SEARCH_LANGUAGE_ANALYZERS, defined in
tierslieux/settings/search.py):

- ftl_title_<lang>, ftl_text_<lang>: the title, and the text of the model's other
  search_fields (home/searchable.py `searchable_text`: the same fields as the
  database backend), filled only for the page's own language (a French page has
  ftl_*_fr, an English one ftl_*_en);
- ftl_suggest: title prefixes for autocomplete, accent-folded;
- ftl_locale, ftl_type, ftl_themes, ftl_region, ftl_year, ftl_date: filters and facets;
- ftl_visible: live, not expired, not behind a view restriction.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from home.searchable import for_model, searchable_text, year_of_date

DEFAULT_LANGUAGE = "fr"


def languages() -> list[str]:
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return codes or [DEFAULT_LANGUAGE]


def analyzer_for(language: str) -> str:
    analyzers = settings.SEARCH_LANGUAGE_ANALYZERS
    return analyzers.get(language, analyzers[DEFAULT_LANGUAGE])


def mapping_properties() -> dict:
    props = {
        "ftl_locale": {"type": "keyword"},
        "ftl_type": {"type": "keyword"},
        "ftl_themes": {"type": "keyword"},
        "ftl_region": {"type": "keyword"},
        "ftl_year": {"type": "keyword"},
        "ftl_date": {"type": "date"},
        "ftl_expire_at": {"type": "date"},
        "ftl_visible": {"type": "boolean"},
        "ftl_suggest": {
            "type": "text",
            "analyzer": "ftl_prefixes",
            "search_analyzer": "ftl_prefix_query",
        },
    }
    for language in languages():
        analyzer = analyzer_for(language)
        props[f"ftl_title_{language}"] = {"type": "text", "analyzer": analyzer}
        props[f"ftl_text_{language}"] = {
            "type": "text",
            "analyzer": analyzer,
            # Offsets were for the engine's highlighting; excerpts now come from the
            # database (search/results.py), but existing indexes keep this mapping.
            "index_options": "offsets",
        }
    return props


_LANGUAGE_CODES: dict[int, str] = {}


def language_of(page) -> str:
    """The page's language code without a query per page (locales rarely change)."""
    if page.locale_id not in _LANGUAGE_CODES:
        from wagtail.models import Locale

        _LANGUAGE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LANGUAGE_CODES.get(page.locale_id, DEFAULT_LANGUAGE)


def restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page: Page, paths: list[str]) -> bool:
    return not any(page.path.startswith(path) for path in paths)


def document_fields(page, paths: list[str] | None = None) -> dict:
    """The ftl_* fields of one page; {} for models the site search does not cover."""
    search_type = for_model(type(page))
    if search_type is None or not isinstance(page, Page):
        return {}
    if paths is None:
        paths = restricted_paths()
    language = language_of(page)
    date = search_type.date_of(page)
    expired = page.expire_at is not None and page.expire_at <= timezone.now()
    themes = search_type.theme_slugs_and_names(page)
    # The page's search_fields, as the database backend indexes them (themes included).
    text = searchable_text(page)
    return {
        "ftl_locale": language,
        "ftl_type": search_type.key,
        "ftl_themes": [slug for slug, _name in themes],
        "ftl_region": search_type.region_of(page) or None,
        "ftl_year": year_of_date(date) or None,
        "ftl_date": date.isoformat() if date else None,
        "ftl_expire_at": page.expire_at.isoformat() if page.expire_at else None,
        "ftl_visible": bool(page.live and not expired and is_public(page, paths)),
        "ftl_suggest": page.title,
        f"ftl_title_{language}": page.title,
        f"ftl_text_{language}": "\n".join(text),
    }
