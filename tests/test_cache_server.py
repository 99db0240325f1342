"""Cache invalidations cross process boundaries, as with several gunicorn workers.

Each test runs two separate Django processes (`manage.py shell -c` on the dev settings):
A reads the cache generation (home/caching.py) and starts a new one, then B reads it and
must see A's increment. Against the real Redis of CACHE_URL (scripts/cache-server): the
Redis test FAILS when REQUIRE_CACHE_SERVER=1 (CI) and Redis is unreachable, else skips.
And against the default file cache (no CACHE_URL), which must be shared too.

Only these subprocesses read CACHE_URL: the test settings keep a per-process LocMemCache.
"""

import os
from pathlib import Path

import pytest

from tests.processes import django_shell as shell_output

READ_AND_BUMP = (
    "from home.caching import generation, new_generation\n"
    "before = generation()\n"
    "new_generation()\n"
    "print(before, generation())\n"
)
READ = "from home.caching import generation\nprint(generation())\n"


def django_shell(code: str, environment: dict[str, str]) -> list[int]:
    return [int(word) for word in shell_output(code, environment).split()]


def dev_environment(tmp_path: Path, **env: str) -> dict[str, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL", "DEBUG", "SECRET_KEY"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tierslieux.settings.dev",
        SECRET_KEY="cache-test-secret-key",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return environment


def assert_shared_between_processes(environment: dict[str, str]) -> None:
    before, after = django_shell(READ_AND_BUMP, environment)
    assert after == before + 1
    (seen,) = django_shell(READ, environment)
    assert seen == after, f"process B read generation {seen}, process A wrote {after}"


@pytest.mark.slow  # two Django processes and a Redis server
def test_redis_cache_shares_invalidations_between_processes(tmp_path, redis_url):
    assert_shared_between_processes(dev_environment(tmp_path, CACHE_URL=redis_url))


@pytest.mark.slow  # two Django processes
def test_default_file_cache_shares_invalidations_between_processes(tmp_path):
    assert_shared_between_processes(dev_environment(tmp_path))
    assert any((tmp_path / "cache").iterdir()), "the file cache is not under VAR_DIR/cache"
