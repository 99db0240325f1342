"""The cache every process shares: CACHE_URL (Redis) or a file cache under VAR_DIR."""

from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from tierslieux.settings.cache import KEY_PREFIX, cache_from_env


def test_default_is_a_file_cache_under_var_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("CACHE_URL", raising=False)
    config = cache_from_env(tmp_path)["default"]
    assert config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert Path(config["LOCATION"]) == tmp_path / "cache"
    assert config["KEY_PREFIX"] == KEY_PREFIX == "tierslieux"


def test_empty_cache_url_is_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("CACHE_URL", "")
    config = cache_from_env(tmp_path)["default"]
    assert config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/1", "rediss://cache.example.org:6380/0", "unix:///tmp/r.sock"]
)
def test_redis_url_selects_django_redis_cache(monkeypatch, tmp_path, url):
    from django.core.cache.backends.redis import RedisCache
    from django.utils.module_loading import import_string

    monkeypatch.setenv("CACHE_URL", url)
    config = cache_from_env(tmp_path)["default"]
    assert issubclass(import_string(config["BACKEND"]), RedisCache)
    assert config["LOCATION"] == url
    assert config["KEY_PREFIX"] == "tierslieux"


def test_unsupported_scheme_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(ImproperlyConfigured, match=r"CACHE_URL.*memcached.*redis://"):
        cache_from_env(tmp_path)


def test_test_settings_keep_a_per_process_cache():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
