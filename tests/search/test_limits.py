"""Rate limits on the search API and autocomplete (search/limits.py, django-ratelimit).

Counted per client address in the shared cache: here the test settings' per-process
cache, then the real Redis of CACHE_URL (scripts/cache-server), where the count must be
kept (FAILS when REQUIRE_CACHE_SERVER=1 and Redis does not answer, else skips), and a
cache server that is down, which must not refuse anyone.
"""

import pytest

from django.utils import translation

ENDPOINTS = {
    "SEARCH_API_RATE": "/api/search/?q=tiers&lang=fr",
    "AUTOCOMPLETE_RATE": "/api/search/autocomplete/?q=tie&lang=fr",
}


def statuses(client, url: str, count: int, address: str = "203.0.113.7") -> list[int]:
    return [client.get(url, REMOTE_ADDR=address).status_code for _ in range(count)]


@pytest.fixture
def low_rates(settings, database_backend):
    settings.SEARCH_API_RATE = "3/m"
    settings.AUTOCOMPLETE_RATE = "4/m"
    return settings


@pytest.mark.django_db
class TestRateLimits:
    @pytest.mark.parametrize("rate_setting", sorted(ENDPOINTS))
    def test_over_the_rate_is_a_429_with_a_message(self, client, low_rates, rate_setting):
        url = ENDPOINTS[rate_setting]
        allowed = int(getattr(low_rates, rate_setting).split("/")[0])
        assert statuses(client, url, allowed) == [200] * allowed
        response = client.get(url, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        assert "Trop de requêtes" in response.json()["error"]
        assert 1 <= int(response["Retry-After"]) <= 60
        # Another client is not concerned.
        assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200

    def test_each_endpoint_counts_apart(self, client, low_rates):
        assert statuses(client, ENDPOINTS["SEARCH_API_RATE"], 4)[-1] == 429
        assert client.get(
            ENDPOINTS["AUTOCOMPLETE_RATE"], REMOTE_ADDR="203.0.113.7"
        ).status_code == (200)

    def test_message_in_the_requested_language(self, client, low_rates):
        url = ENDPOINTS["SEARCH_API_RATE"].replace("lang=fr", "lang=en")
        statuses(client, url, 3)
        with translation.override("en"):
            response = client.get(url, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        assert response.json()["error"].startswith("Too many requests")

    def test_behind_a_proxy_the_configured_header_names_the_client(self, client, low_rates):
        low_rates.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
        url = ENDPOINTS["SEARCH_API_RATE"]
        # The proxy's address is the same for all: only the header tells clients apart.
        for _ in range(3):
            client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
        assert client.get(
            url, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7"
        ).status_code == (429)
        assert client.get(
            url, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2"
        ).status_code == (200)


def redis_cache(settings, url: str) -> None:
    """Count in a Redis cache (Django's setting_changed signal renews the cache handler)."""
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "tierslieux-test-ratelimit",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    settings.RATELIMIT_USE_CACHE = "limits"


@pytest.mark.django_db
def test_counted_in_the_shared_redis(client, low_rates, redis_url):
    import redis

    redis_cache(low_rates, redis_url)
    server = redis.Redis.from_url(redis_url)
    pattern = "tierslieux-test-ratelimit:*"
    for key in server.scan_iter(pattern):  # only this test's keys: others share the server
        server.delete(key)
    assert statuses(client, ENDPOINTS["SEARCH_API_RATE"], 4) == [200, 200, 200, 429]
    # The count is in Redis, where every process and machine reads it.
    keys = list(server.scan_iter(pattern))
    assert keys, "no rate-limit counter in Redis"
    server.delete(*keys)


@pytest.mark.django_db
def test_cache_server_down_refuses_no_one(client, low_rates, caplog):
    redis_cache(low_rates, "redis://127.0.0.1:1/0")  # nothing listens on port 1
    assert statuses(client, ENDPOINTS["SEARCH_API_RATE"], 5) == [200] * 5
    assert "Rate limit of search-api not counted" in caplog.text
