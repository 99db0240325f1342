"""Production settings: DEBUG off, secret key required, secure cookies."""

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, require_secret_key
from .env import env_bool, env_int

require_secret_key(DEBUG, SECRET_KEY)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
# HSTS on by default: a year, subdomains included (the whole domain is served over HTTPS).
# SECURE_HSTS_SECONDS=0 switches it off; lower it first when moving away from HTTPS.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# "preload" consents to the browsers' built-in HSTS list, which is slow to leave: it is
# an explicit decision (SECURE_HSTS_PRELOAD=true), so its deploy-check warning is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
# Hashed names (cacheable forever) plus gzip and brotli variants, served by whitenoise.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
# Warnings and errors (a 500's traceback, the cache server unavailable) on stderr, which
# gunicorn and the process manager collect; Django's default sends them nowhere without DEBUG.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
