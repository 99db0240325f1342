"""The search page (/<lang>/search/), its JSON twin (/api/search/) and autocomplete.

The JSON endpoints sit outside the language prefixes: the language comes from
the `lang` parameter, else the Accept-Language header, else French. A repeated
or malformed parameter is a 400 with a message (search/params.py).
"""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from home import searchable

from . import service
from .facets import facet_groups
from .limits import too_many_requests
from .params import CONTROL_CHARS, MAX_QUERY_LENGTH


def search(request: HttpRequest) -> HttpResponse:
    try:
        params = service.parse_params(request.GET, translation.get_language() or "fr")
    except service.BadParameter as exc:
        query = CONTROL_CHARS.sub("", (request.GET.get("q") or "")[:MAX_QUERY_LENGTH])
        context = {"error": str(exc), "search_query": query}
        return TemplateResponse(request, "search/search.html", context, status=400)
    outcome = service.run(params, request)
    paginator = Paginator(range(outcome.count), service.RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(params.page)
    except EmptyPage:
        page_obj = None
    labels = {t.key: t.label for t in searchable.search_types()}
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": params.q,
            "params": params,
            "outcome": outcome,
            "results": [dict(r, type_label=labels.get(r["type"], "")) for r in outcome.results],
            "promotions": outcome.promotions,
            "paginator": paginator,
            "page_obj": page_obj,
            "facet_groups": facet_groups(outcome, params),
            "notices": params.notices + ([outcome.notice] if outcome.notice else []),
            "query": urlencode(params.querystring_items()),
        },
    )


def json_response(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Accept-Language"
    return response


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    try:
        language = service.request_language(request)
        params = service.parse_params(request.GET, language)
    except service.BadParameter as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    with translation.override(language):
        if refused := too_many_requests(request, "search-api", "SEARCH_API_RATE"):
            return refused
        outcome = service.run(params, request)
    response = json_response(outcome.as_json())
    response["Content-Language"] = language
    return response


@require_GET
def autocomplete_api(request: HttpRequest) -> JsonResponse:
    try:
        language = service.request_language(request)
    except service.BadParameter as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    with translation.override(language):
        if refused := too_many_requests(request, "autocomplete", "AUTOCOMPLETE_RATE"):
            return refused
        suggestions = service.autocomplete(request.GET.get("q"), language, request)
    return json_response({"results": suggestions})
