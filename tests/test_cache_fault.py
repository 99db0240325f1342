"""Redis down (issue 11, item 7): pages are still served, editors still publish.

A redis-server of the test's own (FAULT_CACHE_PORT, default 6390; the shared one is never
stopped) serves the site's cache (tierslieux.cache_backends.ResilientRedisCache); the test
stops it, reads and publishes, starts it again. REQUIRE_CACHE_SERVER=1 makes a missing
redis-server fail instead of skip.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from django.core.cache import cache
from django.test import override_settings

from home import caching
from home.pagecache import HEADER
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings turn the page cache off; here it is what is tested."""
    settings.PAGE_CACHE_TIMEOUT = 3600


class RedisServer:
    def __init__(self, port: int, directory):
        self.port = port
        self.directory = directory
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        self.popen = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.terminate()
            self.popen.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        if os.environ.get("REQUIRE_CACHE_SERVER") == "1":
            pytest.fail("REQUIRE_CACHE_SERVER=1 but redis-server is missing", pytrace=False)
        pytest.skip("redis-server is missing (scripts/cache-server installs it)")
    server = RedisServer(int(os.environ.get("FAULT_CACHE_PORT", "6390")), tmp_path)
    server.start()
    location = f"redis://127.0.0.1:{server.port}/0"
    config = {
        "default": {
            "BACKEND": "tierslieux.cache_backends.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "fault-test",
        }
    }
    try:
        with override_settings(CACHES=config):
            yield server
    finally:
        server.stop()


def test_pages_are_served_and_published_while_redis_is_down(
    client, news_index, redis_server, caplog
):
    article = ArticlePageFactory(parent=news_index, title="Rencontre à Brest")
    client.get(article.url)
    assert client.get(article.url)[HEADER] == "hit"

    redis_server.stop()
    with caplog.at_level(logging.ERROR, logger="tierslieux.cache"):
        response = client.get(article.url)
        assert response.status_code == 200
        assert "Rencontre à Brest" in response.text
        article.title = "Rencontre à Lorient"
        article.save_revision().publish()
        assert "Rencontre à Lorient" in client.get(article.url).text
    assert any("Cache server unavailable" in r.getMessage() for r in caplog.records)

    redis_server.start()  # empty, as after a restart
    response = client.get(article.url)
    assert "Rencontre à Lorient" in response.text
    assert client.get(article.url)[HEADER] == "hit"


def test_a_generation_the_server_did_not_take_is_paid_when_it_answers(redis_server, monkeypatch):
    before = caching.generation()
    redis_server.stop()
    caching.new_generation()  # publish during the outage: the bump is owed
    assert caching._owed_bump
    redis_server.start()
    # The server came back with its entries (here: the counter written again as it was).
    cache.set(caching.GENERATION_KEY, before, timeout=None)
    assert caching.generation() > before
    assert not caching._owed_bump
