import json
import os
import subprocess
import sys
import tempfile
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


def run_settings_probe(environment: dict[str, str], *options: str):
    """A plain `pytest` (the venv's script, as a developer types it) on tests/settings_probe.py."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "pytest"), "tests/settings_probe.py", "-q", "-s"]
        + ["-p", "no:cacheprovider", *options],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # a pytest process
def test_pytest_uses_the_test_settings_whatever_the_environment(tmp_path):
    """A plain `pytest` with a developer's environment exported still gets the test settings:
    the test settings module, a fresh temporary MEDIA_ROOT and "test_"-prefixed indexes."""
    given_media = tmp_path / "my-media"
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tierslieux.settings.dev",
        MEDIA_ROOT=str(given_media),
        SEARCH_BACKEND="opensearch",
        SEARCH_URL="http://127.0.0.1:9",
        SEARCH_INDEX_PREFIX="mine_",
    )
    result = run_settings_probe(environment)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if "SETTINGS-PROBE" in line)
    seen = json.loads(line.split("SETTINGS-PROBE", 1)[1])
    assert seen["settings_module"] == "tierslieux.settings.test"
    assert seen["settings_module_used"] == "tierslieux.settings.test"
    media_root = Path(seen["media_root"])
    assert media_root != given_media
    assert media_root.is_relative_to(tempfile.gettempdir())
    assert media_root.name.startswith("tierslieux-test-media-")
    assert seen["search_backend"] != "search.backends.database"
    assert seen["index_prefix"] == "test_mine_"


@pytest.mark.slow  # a pytest process
def test_pytest_refuses_other_settings_given_as_option():
    result = run_settings_probe(dict(os.environ), "--ds", "tierslieux.settings.dev")
    assert result.returncode != 0
    assert "SETTINGS-PROBE" not in result.stdout
    assert "tierslieux.settings.test only" in result.stdout + result.stderr


def production_settings(*names: str, **env: str) -> dict:
    """The values of `names` in the production settings, read in a process of their own."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("SECURE_") and k != "DEBUG"
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="tierslieux.settings.production")
    environment.setdefault("SECRET_KEY", "x" * 50)
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


HSTS_SETTINGS = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")


@pytest.mark.slow  # a Django process
def test_production_sends_hsts_for_a_year_by_default():
    seen = production_settings(*HSTS_SETTINGS, "SECURE_REFERRER_POLICY")
    assert seen["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert seen["SECURE_HSTS_PRELOAD"] is False
    assert seen["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"


@pytest.mark.slow  # a Django process
def test_production_hsts_comes_from_the_environment():
    seen = production_settings(
        *HSTS_SETTINGS,
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    )
    assert seen == {
        "SECURE_HSTS_SECONDS": 600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": True,
    }


@pytest.mark.slow  # a Django process
def test_production_hsts_switched_off_with_zero():
    assert production_settings("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="0") == {
        "SECURE_HSTS_SECONDS": 0
    }


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` as a cron job runs it: no DJANGO_SETTINGS_MODULE, no
    deployment values but those given."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
        and not k.startswith("SECURE_")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # a Django process
def test_manage_py_defaults_to_production_and_needs_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.slow  # a Django process
def test_deploy_check_passes_with_the_documented_production_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k7#Vq2$mZ9!pL4xR8wT1yB6nC3dF0gH5jK2sA7eU9iO4rW6tY1zX8cV3bN5mQ0-",
        ALLOWED_HOSTS="www.francetierslieux.fr",
        CSRF_TRUSTED_ORIGINS="https://www.francetierslieux.fr",
        DEBUG="False",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "W0" not in result.stdout + result.stderr
