"""The search engine, chosen in this one place from SEARCH_BACKEND and SEARCH_URL.

Unset means Wagtail's database backend: the embedded default of `make run`.
Elasticsearch and OpenSearch go through the same modelsearch code
(elasticsearchbase); only the client library differs.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

ENGINE_BACKENDS = {
    "database": "wagtail.search.backends.database",
    "elasticsearch": "wagtail.search.backends.elasticsearch9",
    "opensearch": "wagtail.search.backends.opensearch3",
}


def search_backends_from_env() -> dict:
    engine = (env_str("SEARCH_BACKEND") or "database").strip().lower()
    url = env_str("SEARCH_URL")
    if engine not in ENGINE_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={engine!r} is unknown: use one of "
            f"{', '.join(sorted(ENGINE_BACKENDS))}."
        )
    if engine == "database":
        return {"default": {"BACKEND": ENGINE_BACKENDS[engine]}}
    if not url:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={engine} needs SEARCH_URL (e.g. http://127.0.0.1:9200)."
        )
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[engine],
            "URLS": [u.strip() for u in url.split(",") if u.strip()],
            "INDEX": env_str("SEARCH_INDEX", "tierslieux") or "tierslieux",
            "TIMEOUT": 10,
        }
    }
