"""A cache generation for what every page shows: menu, translations, site settings.

Any publish, unpublish, move or delete of a page, or a save of the site settings,
starts a new generation, so cached values never outlive the content they describe.

What depends on the request's site is keyed by `site_cache_key(request)`, never by the raw
Host header: "TestServer", "testserver" and "testserver:80" are one site and one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http.request import split_domain_port

GENERATION_KEY = "tierslieux:content-generation"
TIMEOUT = 60 * 60
T = TypeVar("T")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def new_generation(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached(key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per generation for this key."""
    full_key = f"tierslieux:{generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=TIMEOUT)
    return value


def site_cache_key(request) -> str:
    """The part of a cache key that names the request's site.

    The Wagtail Site when one answers the request; otherwise the host, lower-case and
    without the scheme's default port. Never the raw Host header: its case and port
    variants would each fill an entry of their own.
    """
    if request is None:
        return "no-site"
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is not None:
        return f"site-{site.pk}"
    host, port = split_domain_port(request.get_host())
    default_port = "443" if request.is_secure() else "80"
    if port and port != default_port:
        host = f"{host}:{port}"
    return f"host-{host.lower()}"
