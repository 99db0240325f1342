"""Fast, isolated settings for the test suite."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Always a fresh temporary directory, whatever MEDIA_ROOT the environment gives.
MEDIA_ROOT = tempfile.mkdtemp(prefix="tierslieux-test-media-")
# An empty STATIC_ROOT of its own: whitenoise's middleware scans it (and warns when it is
# missing); the files themselves come from the finders through StaticFilesStorage.
STATIC_ROOT = tempfile.mkdtemp(prefix="tierslieux-test-static-")
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Room for a whole demo site's renditions and fragments, as Redis or the file
        # cache of the other settings have (the default 300 culls them at random).
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
# The page cache off: the pages' own tests (and their query budgets) measure the rendering;
# tests/home/test_pagecache.py and tests/test_cache_fault.py turn it on.
PAGE_CACHE_TIMEOUT = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Tests never touch a developer's own search index (SEARCH_BACKEND=opensearch...): the
# prefix is always "test_" + the given one (SEARCH_INDEX_PREFIX included).
for _search_backend in WAGTAILSEARCH_BACKENDS.values():  # noqa: F405
    if "INDEX_PREFIX" in _search_backend:
        _search_backend["INDEX_PREFIX"] = "test_" + _search_backend["INDEX_PREFIX"]

# On SQLite the test database lives in a file of its own (not the developer's database,
# not in memory), so that pytest's --reuse-db can keep it between runs: `make test-fast`
# reuses it, `make test` (--create-db) builds it again from the migrations.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-database.sqlite3")}  # noqa: F405
