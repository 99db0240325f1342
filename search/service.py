"""The site search's one entry point, for the HTML page and the JSON API alike.

    params = parse_params(request.GET, language)   # BadParameter: answer 400
    outcome = run(params, request)                 # a SearchOutcome

`run` asks the engine if there is one and it answers, else the database backend
(search/engine.py, search/database.py); both give the same SearchOutcome. The
parameters' policy is in search/params.py, promotions in search/promotions.py,
autocomplete in search/suggestions.py.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from .database import database_search
from .engine import engine_search
from .params import (
    FACETS,
    MAX_PAGE,
    RESULTS_PER_PAGE,
    BadParameter,
    SearchParams,
    parse_params,
    request_language,
)
from .promotions import promotions
from .results import SearchOutcome, backend_name, engine_configured
from .suggestions import autocomplete

__all__ = [
    "FACETS",
    "RESULTS_PER_PAGE",
    "BadParameter",
    "SearchOutcome",
    "SearchParams",
    "autocomplete",
    "parse_params",
    "request_language",
    "run",
]

logger = logging.getLogger(__name__)


def run(params: SearchParams, request=None) -> SearchOutcome:
    """The search's answer. Without words or filters, or past the last page, it is
    empty (count 0)."""
    if not params.q and not params.filters():
        return SearchOutcome(backend=backend_name())
    if params.page > MAX_PAGE:
        return SearchOutcome(backend=backend_name())
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
    if params.page > 1 and (params.page - 1) * RESULTS_PER_PAGE >= outcome.count:
        return SearchOutcome(backend=outcome.backend, notice=outcome.notice)
    if params.page == 1 and params.q:
        outcome.promotions = promotions(params, request, {r["url"] for r in outcome.results})
    return outcome
