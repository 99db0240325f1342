"""The search's parameters, read under the listings' policy (home/listing.py).

- a repeated parameter (q, type, theme, region, year, page, lang) or a malformed one
  (a year not of four digits, a page not a positive integer, a type, theme or region
  that is not a short slug or name) is a BadParameter: the views answer 400 with its
  message;
- a well-formed value that names nothing (an unknown type or theme, a year without
  content, a page past the end) is not an error: the search finds nothing;
- an over-long query is cut, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from home.listing import SLUG, YEAR, BadParameter, page_number, single_values

__all__ = ["BadParameter", "SearchParams", "parse_params", "request_language"]

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
MAX_PAGE = 500  # engines refuse to page past 10,000 hits
FACETS = ("type", "theme", "region", "year")
PARAMETERS = ("q", *FACETS)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The region facet gives region names ("Provence-Alpes-Côte d'Azur"), not slugs.
REGION_NAME = re.compile(r"[-\w '’.]{1,100}")
SYNTAX = {"type": SLUG, "theme": SLUG, "region": REGION_NAME}


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
        """The parameters of this search but the page, in a stable order."""
        items = {"q": self.q}
        items.update(self.filters())
        return items


def clean_text(raw: str | None, limit: int) -> tuple[str, bool]:
    """Control characters out, spaces collapsed, cut at a word under `limit`."""
    text = CONTROL_CHARS.sub(" ", raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def as_query_dict(data) -> QueryDict:
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for name, value in (data or {}).items():
        if isinstance(value, list | tuple):
            query.setlist(name, [str(item) for item in value])
        else:
            query[name] = str(value)
    return query


def parse_params(data: QueryDict | Mapping, language: str) -> SearchParams:
    """Read q, type, theme, region, year and page; BadParameter if one is repeated or
    malformed."""
    query = as_query_dict(data)
    values = single_values(query, PARAMETERS)
    params = SearchParams(language=language if language in dict(settings.LANGUAGES) else "fr")
    params.q, shortened = clean_text(values.get("q"), MAX_QUERY_LENGTH)
    if shortened:
        params.notices.append(
            _(
                "Votre recherche était trop longue : seuls les %(n)s premiers "
                "caractères ont été utilisés."
            )
            % {"n": MAX_QUERY_LENGTH}
        )
    for name, syntax in SYNTAX.items():
        value = values.get(name)
        if value is not None and not syntax.fullmatch(value):
            raise BadParameter(
                _("Valeur mal formée pour « %(name)s » : « %(value)s ».")
                % {"name": name, "value": CONTROL_CHARS.sub("", value[:40])}
            )
        setattr(params, name, value)
    year = values.get("year")
    if year is not None and not YEAR.fullmatch(year):
        raise BadParameter(
            _("Année invalide « %(year)s » : indiquez une année sur quatre chiffres.")
            % {"year": CONTROL_CHARS.sub("", year[:20])}
        )
    params.year = year
    params.page = page_number(query)
    return params


def request_language(request) -> str:
    """The JSON API's language: `lang` if given (400 if unknown or repeated), else
    Accept-Language, else French."""
    codes = dict(settings.LANGUAGES)
    lang = single_values(request.GET, ["lang"]).get("lang", "").lower()
    if lang:
        if lang not in codes:
            raise BadParameter(
                _("Langue inconnue « %(lang)s » : %(choices)s.")
                % {"lang": lang[:20], "choices": ", ".join(codes)}
            )
        return lang
    detected = translation.get_language_from_request(request, check_path=False)
    return detected.split("-")[0] if detected and detected.split("-")[0] in codes else "fr"
