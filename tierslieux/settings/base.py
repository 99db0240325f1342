"""Settings shared by every environment; deployment values come from the environment."""

from importlib.util import find_spec
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from .cache import cache_from_env
from .env import env_bool, env_int, env_list, env_str
from .limits import *  # noqa: F403
from .search import LANGUAGE_ANALYZERS, search_backends_from_env
from .security import VIDEO_PROVIDERS, content_security_policy, permissions_policy

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "articles",
    "fabriques",
    "agenda",
    "booklet",
    "search",
    "editorial",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_ratelimit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from STATIC_ROOT, before any other work (whitenoise): hashed
    # names get far-future cache headers, gzip/brotli variants are served when accepted.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous visitors from the shared cache (home/pagecache.py): a hit
    # skips everything below; a miss is kept with the headers everything below added.
    "home.pagecache.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Sent on every response by SecurityMiddleware (the header is tested on a page).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# django-ratelimit names Django's own RedisCache "not officially supported" (W001): it is
# (INCR is atomic). Without CACHE_URL the file cache counts (E003: its increments are not
# atomic, so concurrent requests may count once): close enough on one server.
SILENCED_SYSTEM_CHECKS: list[str] = ["django_ratelimit.W001"]

ROOT_URLCONF = "tierslieux.urls"
WSGI_APPLICATION = "tierslieux.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English through wagtail-localize.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Static files built from packages at install time (make map-outline), not committed.
GENERATED_STATIC_DIR = BASE_DIR / "static_generated"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    GENERATED_STATIC_DIR,
    # Leaflet's own files as the django-leaflet package ships them (leaflet/leaflet.js):
    # not an installed app, whose admin module would require GDAL.
    Path(find_spec("leaflet").submodule_search_locations[0]) / "static",
]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "static_collected")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Shared by every process: Redis from CACHE_URL, else files under VAR_DIR/cache
# (tierslieux/settings/cache.py); the test settings keep a per-process LocMemCache.
CACHES = cache_from_env(VAR_DIR)
if not CACHES["default"]["BACKEND"].endswith("RedisCache"):
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# The page cache (home/pagecache.py): seconds a page is kept in the shared cache (0: off;
# any content change hides it anyway), and the Cache-Control it sends: s-maxage for a front
# cache (purged by Wagtail, so it may keep pages long), max-age for browsers (never purged).
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 60 * 60)
PAGE_CACHE_FRONT_MAX_AGE = env_int("PAGE_CACHE_FRONT_MAX_AGE", 24 * 60 * 60)
PAGE_CACHE_BROWSER_MAX_AGE = env_int("PAGE_CACHE_BROWSER_MAX_AGE", 0)
# A front cache (Varnish, deploy/varnish.vcl) in front of the application servers: its
# address for the bans Wagtail sends after each content change (home.caching).
# Several, comma-separated, when there are several front caches.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        "BACKEND": "tierslieux.cache_backends.VarnishBanBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_URL"))
}

# Background work (django-tasks): index updates, reference index, branch reindexing,
# queue replays, scheduled publishing. The queue is a table of the site's own database
# (django-tasks-db), emptied by `manage.py db_worker`; a task enqueued inside a
# transaction is seen by the worker only once that transaction commits. Every process
# of `make run` and of production runs the same way (Procfile: web, worker, scheduler);
# only the test settings run tasks at once, in the caller's process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "France Tiers-Lieux"
# ASCII slugs for editors' pages as for the demo's ("rencontre-a-brest", not "...-à-brest"
# which URLs show as %C3%A0).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin asks no third party: no avatars from Gravatar (which would learn the editors'
# e-mail hashes), no check for new Wagtail releases from the editors' browsers.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"

# Review notifications (the "Relecture" workflow) go through Django's mail backend: SMTP
# from the environment here, the console in dev, locmem in tests.
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "France Tiers-Lieux <noreply@localhost>"
WAGTAILSEARCH_BACKENDS = search_backends_from_env()
# The engine analyzer of each language's fields (read by search/documents.py).
SEARCH_LANGUAGE_ANALYZERS = LANGUAGE_ANALYZERS
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The video block embeds YouTube and Vimeo only: the CSP lets their players in (frame-src).
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": VIDEO_PROVIDERS}]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Map of the Fabriques directory: a tile server URL template such as
# https://tile.example.org/{z}/{x}/{y}.png; empty means markers on a plain background.
MAP_TILE_URL = env_str("MAP_TILE_URL") or ""
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION") or ""

# Security headers (tierslieux/settings/security.py); the map's tile server may serve images.
CONTENT_SECURITY_POLICY = content_security_policy(MAP_TILE_URL)
PERMISSIONS_POLICY = permissions_policy()


def require_secret_key(debug: bool, secret_key: str) -> None:
    """Refuse to start without a secret key once DEBUG is off."""
    if not debug and not secret_key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(a long random string) when DEBUG is off."
        )
