"""A cache generation for what every page shows: menu, translations, site settings.

Any publish, unpublish, move or delete of a page, or a save of the site settings,
starts a new generation, so cached values never outlive the content they describe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

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
