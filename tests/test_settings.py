import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from tierslieux.settings.env import env_bool, env_list
from tierslieux.settings.search import search_backends_from_env

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("False", False),
        ("false", False),
        ("0", False),
        ("no", False),
        ("", False),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("ON", True),
    ],
)
def test_env_bool_parses_strings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", default=not expected) is expected


def test_env_bool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_search_defaults_to_database(monkeypatch):
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    monkeypatch.delenv("SEARCH_URL", raising=False)
    assert search_backends_from_env()["default"]["BACKEND"] == "search.backends.database"


def test_search_engine_needs_url(monkeypatch):
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch")
    monkeypatch.delenv("SEARCH_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        search_backends_from_env()


def test_unknown_search_engine_is_refused(monkeypatch):
    monkeypatch.setenv("SEARCH_BACKEND", "solr")
    with pytest.raises(ImproperlyConfigured, match="solr"):
        search_backends_from_env()


def run_django_check(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow  # a Django process
def test_production_refuses_to_start_without_secret_key():
    result = run_django_check("tierslieux.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.slow  # a Django process
def test_production_starts_with_secret_key():
    result = run_django_check("tierslieux.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # a Django process
def test_dev_with_debug_off_also_requires_secret_key():
    result = run_django_check("tierslieux.settings.dev", DEBUG="False")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
