"""Cache backends: Django's RedisCache that survives Redis going away, and the front
cache (Varnish) purged by bans.

The cache only saves work: with Redis down (restarted, unreachable, out of memory), pages
must still be served and editors must still publish. Every failing operation is logged
(logger "tierslieux.cache", once per outage and then once a minute) and answers as an
empty cache would: a read misses, a write does nothing, `incr` returns None (which
home.caching takes as "the new generation is still owed").
"""

from __future__ import annotations

import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from redis.exceptions import RedisError

from django.core.cache.backends.redis import RedisCache

from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("tierslieux.cache")
frontend_logger = logging.getLogger("wagtail.frontendcache")
LOG_EVERY = 60.0


class ResilientRedisCache(RedisCache):
    """RedisCache whose errors are logged, not raised."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        # A dead or hung server must cost a page at most a fraction of a second.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        options.setdefault("retry_on_timeout", False)
        super().__init__(server, {**params, "OPTIONS": options})
        self._last_logged = 0.0

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._last_logged >= LOG_EVERY:
            self._last_logged = now
            logger.error("Cache server unavailable (%s): %s; serving without cache", operation, exc)
        else:
            logger.debug("Cache server unavailable (%s): %s", operation, exc)


def _guarded(name: str, fallback):
    """RedisCache's `name`, answering `fallback(args)` instead of raising a Redis error."""
    method = getattr(RedisCache, name)

    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            self._failed(name, exc)
            return fallback(*args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


# What an empty, unwritable cache would answer.
FALLBACKS = {
    "add": lambda *a, **k: False,
    "get": lambda key, default=None, *a, **k: default,
    "set": lambda *a, **k: None,
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "incr": lambda *a, **k: None,
    "set_many": lambda data, *a, **k: list(data),
    "delete_many": lambda *a, **k: None,
    "clear": lambda *a, **k: False,
}
for _name, _fallback in FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _guarded(_name, _fallback))


class VarnishBanBackend(HTTPBackend):
    """Wagtail's HTTP purge backend sending BAN instead of PURGE: the front cache drops
    every object whose path starts with the URL's (deploy/varnish.vcl), so banning "/"
    empties the cache, and banning a page also drops its sub-pages and feeds."""

    def purge(self, url: str) -> None:
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parsed.path or "/", "", ""))
        request = Request(target, method="BAN", headers={"Host": host})
        try:
            with urlopen(request, timeout=5):
                pass
        except (HTTPError, URLError, OSError) as exc:
            frontend_logger.error("Could not ban %s from the front cache: %s", url, exc)
