"""Benchmark (not a test): page throughput under production settings, against hello-world.

    make bench-pages            (BENCH_SECONDS=5 per measure, BENCH_CONNECTIONS=8)

Builds a site of its own as a deployment would (collectstatic, migrate, the demo content,
update_index on an engine) in a new database next to DATABASE_URL's (PostgreSQL), else in
SQLite, with the shared cache of CACHE_URL (else the file cache) and the engine of
SEARCH_BACKEND/SEARCH_URL (else the database backend). Then, in the same run and under the
same gunicorn (2 sync workers), wrk (Debian's) measures:
- the baseline: a `startproject` hello-world view (bench/hello/);
- each page type with the page cache cold (PAGE_CACHE_TIMEOUT=0: every request renders,
  the fragment caches of menus and bodies are warm) and warm (served from the page cache).
It prints requests per second, the ratio to hello-world, and the SQL queries each page
costs uncached and cached (counted in this process, production settings, through Django's
test client). Targets (issue 11): warm >= 0.5, uncached article >= 0.04, <= 12 queries.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.processes import (  # noqa: E402
    Browser,
    Process,
    answers,
    database_of_its_own,
    drop_database,
    drop_indexes,
    free_port,
    gunicorn,
    manage,
    production_environment,
    running,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SEARCH_QUERY = "fabrique"


def wrk(port: int, path: str) -> float:
    """Requests per second that wrk (2 threads) gets from 127.0.0.1:port."""
    result = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout=60s",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"{path}: wrk saw errors\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def first_url(browser: Browser, page_type: str) -> str:
    response = browser.get(f"/api/v2/pages/?type={page_type}&fields=_,html_url&limit=1")
    items = json.loads(response.text)["items"]
    if not items:
        raise SystemExit(f"the demo content has no {page_type}")
    return urlsplit(items[0]["meta"]["html_url"]).path


def pages(browser: Browser) -> list[tuple[str, str]]:
    return [
        ("home", "/fr/"),
        ("news index", first_url(browser, "articles.ArticleIndexPage")),
        ("article", first_url(browser, "articles.ArticlePage")),
        ("agenda", first_url(browser, "agenda.EventIndexPage")),
        ("event", first_url(browser, "agenda.EventPage")),
        ("directory", first_url(browser, "fabriques.FabriqueIndexPage")),
        ("Fabrique", first_url(browser, "fabriques.FabriquePage")),
        ("booklet", first_url(browser, "booklet.BookletPage")),
        ("chapter", first_url(browser, "booklet.BookletChapterPage")),
        ("search page", f"/fr/search/?q={SEARCH_QUERY}"),
        ("search API", f"/api/search/?q={SEARCH_QUERY}&lang=fr"),
    ]


def count_queries(env: dict, paths: list[str]) -> dict[str, tuple[int, int, int]]:
    """Queries per page in a child process with the site's production environment:
    everything cold (a new content generation first), then rendered with the fragment
    caches warm (the page cache off: the figure the test suite's budget of 12 is about),
    then served by the page cache."""
    code = (
        "import json, sys\n"
        "from django.db import connection\n"
        "from django.test import Client, override_settings\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from home.caching import new_generation\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        "def count(path):\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        response = client.get(path, secure=True)\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "    return len(queries)\n"
        "counts = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    new_generation()\n"
        "    with override_settings(PAGE_CACHE_TIMEOUT=0):\n"
        "        cold, rendered = count(path), count(path)\n"
        "    count(path)\n"
        "    counts[path] = [cold, rendered, count(path)]\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code, json.dumps(paths)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return {path: tuple(found) for path, found in json.loads(result.stdout).items()}


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    port, hello_port = free_port(), free_port()
    database = os.environ.get("DATABASE_URL", "")
    env = production_environment(tmp, port, f"bench_{uuid.uuid4().hex[:8]}")
    env.pop("FRONTEND_CACHE_URL", None)
    name = env["CACHE_KEY_PREFIX"]
    if database.startswith("postgres"):
        env["DATABASE_URL"] = database_of_its_own(database, name)
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
    search = env.get("SEARCH_URL") if env.get("SEARCH_BACKEND") != "database" else None
    try:
        print("Building the site (collectstatic, migrate, demo content)...", flush=True)
        manage("collectstatic", "--noinput", env=env)
        manage("migrate", "--noinput", env=env)
        manage("load_demo_content", "--site-url", f"https://127.0.0.1:{port}", env=env)
        if search:
            manage("update_index", env=env)
        hello = Process(
            "hello",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.hello.wsgi:application",
                "--workers=2",
                f"--bind=127.0.0.1:{hello_port}",
            ],
            {**env, "DJANGO_SETTINGS_MODULE": "bench.hello.settings"},
            answers(hello_port),
        )
        with running([hello], tmp):
            baseline = wrk(hello_port, "/")
        cold_env = {**env, "PAGE_CACHE_TIMEOUT": "0"}
        with running([gunicorn(port, cold_env, tmp)], tmp):
            listed = pages(Browser(port))
            cold = {path: wrk(port, path) for _, path in listed}
        with running([gunicorn(port, env, tmp)], tmp):
            for _, path in listed:
                Browser(port).get(path)
            warm = {path: wrk(port, path) for _, path in listed}
        queries = count_queries(env, [path for _, path in listed])
    finally:
        if database.startswith("postgres"):
            drop_database(database, name)
        if search:
            drop_indexes(search, env["SEARCH_INDEX_PREFIX"])
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"\ngunicorn 2 sync workers, production settings, wrk -t2 -c{CONNECTIONS} "
        f"-d{SECONDS}s; database {env['DATABASE_URL'].split(':')[0]}, cache "
        f"{'redis' if env.get('CACHE_URL') else 'file'}, search "
        f"{env.get('SEARCH_BACKEND') or 'database'}"
    )
    print(f"hello-world (startproject): {baseline:.0f} req/s\n")
    header = f"{'page':<12} {'cold req/s':>10} {'ratio':>6} {'warm req/s':>10} {'ratio':>6}"
    print(f"{header} {'queries all cold/rendered/cached':>34}")
    for label, path in listed:
        all_cold, rendered, cached = queries[path]
        print(
            f"{label:<12} {cold[path]:>10.1f} {cold[path] / baseline:>6.3f} "
            f"{warm[path]:>10.0f} {warm[path] / baseline:>6.3f} "
            f"{all_cold:>20}/{rendered}/{cached}"
        )


if __name__ == "__main__":
    main()
