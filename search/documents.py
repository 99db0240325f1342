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
- ftl_visible: a visitor may see the page (home.queries.visible_q: live, not expired,
  no view restriction on it or an ancestor, nor on an alias's source).
"""

from __future__ import annotations

from django.conf import settings

from wagtail.models import Page

from home.queries import visible_ids
from home.searchable import date_iso, for_model, searchable_text, year_of_date

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


def engine_date(value) -> str | None:
    """The date field's value: a year alone (a Fabrique's label) counts from 1 January."""
    iso = date_iso(value)
    return f"{iso}-01-01" if iso and len(iso) == 4 else iso


def document_fields(page, visible: set[int] | None = None) -> dict:
    """The ftl_* fields of one page; {} for models the site search does not cover."""
    search_type = for_model(type(page))
    if search_type is None or not isinstance(page, Page):
        return {}
    if visible is None:
        visible = visible_ids([page])
    language = language_of(page)
    date = search_type.date_of(page)
    themes = search_type.theme_slugs_and_names(page)
    # The page's search_fields, as the database backend indexes them (themes included).
    text = searchable_text(page)
    return {
        "ftl_locale": language,
        "ftl_type": search_type.key,
        "ftl_themes": [slug for slug, _name in themes],
        "ftl_region": search_type.region_of(page) or None,
        "ftl_year": year_of_date(date) or None,
        "ftl_date": engine_date(date),
        "ftl_expire_at": page.expire_at.isoformat() if page.expire_at else None,
        "ftl_visible": page.pk in visible,
        "ftl_suggest": page.title,
        f"ftl_title_{language}": page.title,
        f"ftl_text_{language}": "\n".join(text),
    }
