"""Developer settings: DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import require_secret_key
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only on a developer machine with DEBUG on.
SECRET_KEY = env_str("SECRET_KEY") or ("dev-insecure-key-do-not-use" if DEBUG else "")
require_secret_key(DEBUG, SECRET_KEY)
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
