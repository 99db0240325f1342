"""The cache every process of the site shares, chosen from the environment.

CACHE_URL names a Redis server (redis://host:port/db, rediss:// for TLS, unix:// for a
socket): Django's own RedisCache with the `redis` client, whose errors are logged and not
raised (tierslieux/cache_backends.py: with Redis down the site is served uncached).
Without it, a file cache under VAR_DIR/cache, which every process on the machine reads
and writes. Never a per-process cache (LocMemCache) outside the tests: a publish in one
gunicorn worker starts a new cache generation (home/caching.py) that the other workers
must see.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

KEY_PREFIX = "tierslieux"


def key_prefix() -> str:
    """CACHE_KEY_PREFIX: several sites (or a test) sharing one Redis keep apart."""
    return (env_str("CACHE_KEY_PREFIX") or "").strip() or KEY_PREFIX


REDIS_SCHEMES = {"redis", "rediss", "unix"}


MAX_ENTRIES = 20_000


def cache_from_env(var_dir: Path) -> dict:
    url = (env_str("CACHE_URL") or "").strip()
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(Path(var_dir) / "cache"),
                "KEY_PREFIX": key_prefix(),
                # Django's default (300 entries, then a third culled at random) is less
                # than one demo site's renditions and fragments: pages would miss.
                "OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES},
            }
        }
    scheme = urlsplit(url).scheme.lower()
    if scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL={url!r}: unsupported scheme {scheme!r}. Use a Redis URL "
            "(redis://127.0.0.1:6379/1, rediss:// or unix://), or leave CACHE_URL unset "
            "for the file cache under VAR_DIR/cache."
        )
    return {
        "default": {
            "BACKEND": "tierslieux.cache_backends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix(),
        }
    }
