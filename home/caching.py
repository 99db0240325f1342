"""A cache generation for what every page shows: menu, translations, site settings.

Any publish, unpublish, move or delete of a page, or a save of the site settings,
starts a new generation, so cached values never outlive the content they describe.

What depends on the request's site is keyed by `site_cache_key(request)`, never by the raw
Host header: "TestServer", "testserver" and "testserver:80" are one site and one entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port

GENERATION_KEY = "tierslieux:content-generation"
TIMEOUT = 60 * 60
T = TypeVar("T")

# A bump the cache server did not take (it was down): owed, and paid by this process at
# its next generation() that reaches the server, so a publish made during an outage does
# not leave the old pages cached once the server is back.
_owed_bump = False


def _fresh_generation() -> int:
    """A number no earlier generation used, for a cache that lost its counter (restarted
    empty, evicted): entries of the old numbers can never be read again."""
    return time.time_ns() // 1000


def generation() -> int:
    if _owed_bump:
        _bump()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _fresh_generation()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def new_generation(**kwargs) -> None:
    """Start a new generation now, and again once the transaction commits.

    The first bump hides the old entries at once; the second one drops whatever a
    concurrent request cached between the two from the not yet committed rows (a page
    rendered with the old title under the new number). Then the front cache is purged.
    """
    _bump()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_front_cache()
    elif not any(entry[1] is _bump_and_purge_front_cache for entry in connection.run_on_commit):
        # Once per transaction, however many pages and snippets it saves.
        transaction.on_commit(_bump_and_purge_front_cache, robust=True)


def _bump() -> None:
    global _owed_bump
    try:
        bumped = cache.incr(GENERATION_KEY)
    except ValueError:  # no counter: any fresh number is newer than every earlier one
        bumped = cache.set(GENERATION_KEY, _fresh_generation(), timeout=None) or True
    # None: the cache server did not answer (tierslieux.cache_backends); try again later.
    _owed_bump = bumped is None


def _bump_and_purge_front_cache() -> None:
    _bump()
    purge_front_cache()


def purge_front_cache() -> None:
    """Ban every page from the front cache (Varnish, a CDN: WAGTAILFRONTENDCACHE).

    A change shows on many pages (menus, listings, links, bylines), as the whole-site
    generation above says; the front cache drops them all alike. Without a front cache
    configured this does nothing.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
    from wagtail.models import Site

    roots = {site.root_url for site in Site.objects.all()}
    # Sent from this process, not queued for the worker: one ban is one small request,
    # and the next visitor must not get the old page from the front cache while the
    # ban waits in the queue (or while the worker is down).
    purge_urls_from_cache_task.call(sorted(f"{root}/" for root in roots))


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
