"""Abuse limits: request rates on the search API and autocomplete, upload sizes, and the
image pixel limit against decompression bombs. Every value can come from the environment."""

import re

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

__all__ = [
    "AUTOCOMPLETE_RATE",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "FILE_UPLOAD_MAX_MEMORY_SIZE",
    "RATELIMIT_FAIL_OPEN",
    "RATELIMIT_IP_META_KEY",
    "RATELIMIT_USE_CACHE",
    "SEARCH_API_RATE",
    "WAGTAILDOCS_MAX_UPLOAD_SIZE",
    "WAGTAILIMAGES_MAX_IMAGE_PIXELS",
    "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
]

RATE = re.compile(r"^\d+/\d*[smhd]$")


def rate_from_env(name: str, default: str) -> str:
    """A django-ratelimit rate ("60/m": 60 per minute; s, m, h, d), checked at start-up."""
    value = (env_str(name) or default).strip()
    if not RATE.match(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: give a count per period, e.g. 60/m (s, m, h, d)."
        )
    return value


def int_from_env(name: str, default: int) -> int:
    raw = (env_str(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.")
    return int(raw)


# Per client IP address, counted in the shared cache (Redis with CACHE_URL), so that every
# process and machine counts together. Autocomplete asks once per keystroke: a higher rate.
SEARCH_API_RATE = rate_from_env("SEARCH_API_RATE", "60/m")
AUTOCOMPLETE_RATE = rate_from_env("AUTOCOMPLETE_RATE", "180/m")

# Behind a reverse proxy REMOTE_ADDR is the proxy's: name the header holding the client's
# address as request.META knows it (HTTP_X_REAL_IP), or leave empty for REMOTE_ADDR.
RATELIMIT_IP_META_KEY = (env_str("RATELIMIT_IP_META_KEY") or "").strip() or None
RATELIMIT_USE_CACHE = "default"
# The shared cache down must not refuse every visitor: searches go on, unlimited.
RATELIMIT_FAIL_OPEN = True

# Uploads (admin: images, documents). A request body outside files, and each image.
DATA_UPLOAD_MAX_MEMORY_SIZE = int_from_env("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int_from_env("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
# Width x height: a small PNG that decodes to gigabytes (a decompression bomb) is refused
# before Wagtail or Pillow allocate it. 40 megapixels covers any camera photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int_from_env("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILDOCS_MAX_UPLOAD_SIZE = int_from_env("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
