"""Site search. The engine-specific work (French analysis, facets) lands with the search issue."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from articles.models import parse_page_number

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        filters, parsed = parse_query_string(query)
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(parsed)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(parse_page_number(request.GET.get("page")))
    except EmptyPage:
        page = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page,
            "paginator": paginator,
            "query_prefix": urlencode({"q": query}) + "&",
        },
    )
