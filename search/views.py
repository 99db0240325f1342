"""The search page (/<lang>/search/), its JSON twin (/api/search/) and autocomplete.

The JSON endpoints sit outside the language prefixes: the language comes from
the `lang` parameter, else the Accept-Language header, else French.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import registry, service


def facet_links(outcome, params):
    """Each facet value as (label, count, url, current), for the HTML page."""
    from home.models import Theme

    theme_names = dict(
        Theme.objects.filter(locale__language_code=params.language).values_list("slug", "name")
    )
    labels = {
        "type": {t.key: t.label for t in registry.search_types()},
        "theme": theme_names,
    }
    titles = {
        "type": _("Type"),
        "theme": _("Thématique"),
        "region": _("Région"),
        "year": _("Année"),
    }
    groups = []
    for name in service.FACETS:
        values = outcome.facets.get(name, {})
        if not values:
            continue
        entries = []
        ordered = (
            sorted(values.items(), key=lambda kv: (-int(kv[0]), 0))
            if name == "year"
            else values.items()
        )
        for value, count in ordered:
            items = params.querystring_items()
            current = items.get(name) == value
            if current:
                items.pop(name)
            else:
                items[name] = value
            entries.append(
                {
                    "label": labels.get(name, {}).get(value, value),
                    "count": count,
                    "url": "?" + urlencode(items),
                    "current": current,
                }
            )
        groups.append({"name": name, "title": titles[name], "entries": entries})
    return groups


def search(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or "fr"
    try:
        params = service.parse_params(request.GET, language)
    except service.BadParameter as exc:
        return TemplateResponse(
            request,
            "search/search.html",
            {
                "error": str(exc),
                "search_query": (request.GET.get("q") or "")[:200].replace("\x00", ""),
            },
            status=400,
        )
    outcome = service.search(params, request)
    paginator = Paginator(range(outcome.count), service.RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(params.page)
    except EmptyPage:
        page_obj = None
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": params.q,
            "params": params,
            "outcome": outcome,
            "results": with_type_labels(outcome.results),
            "promotions": outcome.promotions,
            "paginator": paginator,
            "page_obj": page_obj,
            "facet_groups": facet_links(outcome, params),
            "notices": params.notices + ([outcome.notice] if outcome.notice else []),
            "query_prefix": urlencode(params.querystring_items()) + "&",
        },
    )


def with_type_labels(results: list[dict]) -> list[dict]:
    labels = {t.key: t.label for t in registry.search_types()}
    return [dict(result, type_label=labels.get(result["type"], "")) for result in results]


def request_language(request: HttpRequest) -> str:
    """`lang` if given (400 if unknown), else Accept-Language, else French."""
    codes = dict(settings.LANGUAGES)
    lang = (request.GET.get("lang") or "").strip().lower()
    if lang:
        if lang not in codes:
            raise service.BadParameter(
                _("Langue inconnue « %(lang)s » : %(choices)s.")
                % {"lang": lang[:20], "choices": ", ".join(codes)}
            )
        return lang
    detected = translation.get_language_from_request(request, check_path=False)
    return detected.split("-")[0] if detected and detected.split("-")[0] in codes else "fr"


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    try:
        language = request_language(request)
        params = service.parse_params(request.GET, language)
    except service.BadParameter as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    with translation.override(language):
        outcome = service.search(params, request)
    response = JsonResponse(outcome.as_json(), json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response


@require_GET
def autocomplete_api(request: HttpRequest) -> JsonResponse:
    try:
        language = request_language(request)
    except service.BadParameter as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    with translation.override(language):
        suggestions = service.autocomplete(request.GET.get("q"), language, request)
    response = JsonResponse({"results": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Accept-Language"
    return response
