"""The page cache: whole responses for anonymous visitors, in the shared cache.

A response is kept per content generation (home/caching.py), so any publish, unpublish,
move or delete, any snippet or settings save makes every kept page unreadable at once: a
page shows menus, listings, links and bylines of other pages, and tracking which page shows
what would be a second invalidation mechanism to keep right. The key is the normalised host,
the path, the query (parameters sorted) and the language the request would be answered in.

Kept: a GET from a visitor without a session or messages cookie, answered 200 without a
cookie and without `Cache-Control: private/no-cache/no-store`, outside the admin. So never
for logged-in users (they have a session), previews (admin URLs, `request.is_preview`),
private pages (a login redirect, or a password form that sets the CSRF cookie), nor for a
response that sets a cookie or carries messages (the messages cookie is set or deleted).

The middleware sits right after whitenoise: a hit skips sessions, authentication, CSRF and
the page's view and costs two cache reads (the generation and the page) and no query. It
stores the response as the later middleware left it (CSP and Permissions-Policy included).
Cacheable responses get `Cache-Control: public, max-age=<browsers>, s-maxage=<front cache>`
so that a front cache (Varnish, a CDN) keeps them until Wagtail purges it; responses for a
visitor with a session get `private`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request

from .caching import generation

HEADER = "X-Page-Cache"
# Paths never kept: the admin and its previews, Django's admin.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/")
NOT_SHARED = ("private", "no-cache", "no-store")


def visitor_is_anonymous(request: HttpRequest) -> bool:
    """No session (so not logged in, no password-protected page unlocked), no messages."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def normalised_host(request: HttpRequest) -> str:
    """The host, lower-case, without the scheme's default port (validated by get_host)."""
    host, port = split_domain_port(request.get_host())
    if port and port != ("443" if request.is_secure() else "80"):
        host = f"{host}:{port}"
    return host.lower()


def normalised_query(request: HttpRequest) -> str:
    """The query with its parameters sorted: ?b=2&a=1 and ?a=1&b=2 are one entry."""
    return urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), True)))


def page_cache_key(request: HttpRequest) -> str:
    language = get_language_from_request(request, check_path=True)
    scheme = "https" if request.is_secure() else "http"
    parts = "\n".join(
        (scheme, normalised_host(request), request.path, normalised_query(request), language)
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"tierslieux:{generation()}:page:{digest}"


def can_look_up(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_TIMEOUT > 0
        and request.method == "GET"
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and visitor_is_anonymous(request)
    )


def can_keep(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not any(word in cache_control for word in NOT_SHARED)
    )


def freeze(response: HttpResponse) -> tuple:
    headers = [(k, v) for k, v in response.items() if k != HEADER]
    return (response.status_code, headers, response.content)


def thaw(frozen: tuple) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answer anonymous GETs from the shared cache; keep what may be kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not can_look_up(request):
            response = self.get_response(request)
            if not visitor_is_anonymous(request) and "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response
        key = page_cache_key(request)
        frozen = cache.get(key)
        if frozen is not None:
            response = thaw(frozen)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if can_keep(request, response):
            if "Cache-Control" not in response:  # else the view chose (robots.txt...)
                patch_cache_control(
                    response,
                    public=True,
                    max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
                    s_maxage=settings.PAGE_CACHE_FRONT_MAX_AGE,
                )
            cache.set(key, freeze(response), timeout=settings.PAGE_CACHE_TIMEOUT)
            response[HEADER] = "miss"
        return response
