"""The site as deployed, over HTTP with real processes (issue 11, items 4 and 6).

gunicorn with tierslieux.settings.production and 2 workers, after `collectstatic` with the
manifest storage, on PostgreSQL, Redis (CACHE_URL), OpenSearch (SEARCH_URL) and Varnish in
front (scripts/front-cache). An editor logs in through the admin form (CSRF token, secure
cookies behind X-Forwarded-Proto: https), publishes a new title and body, renames a
section and changes the site settings; every anonymous request after each change, on
either worker, shows it. A publish purges Varnish. `check --deploy` is clean with the
README's production environment.

Each service is required in CI: REQUIRE_POSTGRES, REQUIRE_CACHE_SERVER,
REQUIRE_SEARCH_ENGINE and REQUIRE_FRONT_CACHE make a missing one fail instead of skip.

More processes join through `site_processes()`: the task worker and the scheduler of
issue 11 item 2 are one `Process` each.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.processes import (
    WORKERS,
    Browser,
    Process,
    database_of_its_own,
    drop_database,
    drop_indexes,
    free_port,
    gunicorn,
    manage,
    production_environment,
    running,
    varnish,
)

pytestmark = pytest.mark.slow

ARTICLE_TYPE = "articles.ArticlePage"
MANAGE = [sys.executable, "manage.py"]


def require(variable: str, reason: str):
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class Site:
    port: int
    front_port: int | None
    env: dict[str, str]
    admin_password: str
    log_dir: Path
    processes: list[Process]

    def visitor(self) -> Browser:
        return Browser(self.port)

    def worker_pids(self) -> list[str]:
        """The pid of the worker that served each request so far (gunicorn's access log)."""
        log = self.log_dir / "access.log"
        return [line.split()[0] for line in log.read_text().splitlines() if line.strip()]


def service_urls() -> dict[str, str]:
    """The services of CI's environment; each missing one skips (or fails when required)."""
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        require("REQUIRE_POSTGRES", "the production test needs PostgreSQL (DATABASE_URL)")
    cache = os.environ.get("CACHE_URL", "")
    if not cache:
        require("REQUIRE_CACHE_SERVER", "CACHE_URL is not set (scripts/cache-server start)")
    search = os.environ.get("SEARCH_URL", "")
    if os.environ.get("SEARCH_BACKEND") not in ("opensearch", "elasticsearch") or not search:
        require("REQUIRE_SEARCH_ENGINE", "no search engine (SEARCH_BACKEND, SEARCH_URL)")
    if shutil.which("varnishd") is None and not os.path.exists("/usr/sbin/varnishd"):
        require("REQUIRE_FRONT_CACHE", "varnishd is missing (scripts/front-cache installs it)")
    return {"database": database, "cache": cache, "search": search}


def site_processes(site_env: dict, port: int, front_port: int, log_dir: Path) -> list[Process]:
    """Every process of the deployed site, started in this order."""
    return [
        gunicorn(port, site_env, log_dir),
        varnish(front_port, port, site_env, log_dir),
        # The Procfile's worker and scheduler, as production runs them.
        Process("worker", [*MANAGE, "db_worker", "--queue-name", "*", "--no-reload"], site_env),
        Process("scheduler", [*MANAGE, "run_scheduler"], site_env),
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    services = service_urls()
    tmp = tmp_path_factory.mktemp("production")
    port, front_port = free_port(), free_port()
    db_name = f"production_{uuid.uuid4().hex[:8]}"
    env = production_environment(tmp, port, db_name, front_port)
    env["DATABASE_URL"] = database_of_its_own(services["database"], db_name)
    try:
        started = time.monotonic()
        manage("collectstatic", "--noinput", env=env)
        manage("migrate", "--noinput", env=env)
        manage("load_demo_content", "--site-url", f"https://127.0.0.1:{port}", env=env)
        manage("update_index", env=env)
        manage("ensure_demo_admin", env=env)
        print(f"production site built in {time.monotonic() - started:.0f} s")
        password = (tmp / "var" / "demo-admin-password").read_text().strip()
        processes = site_processes(env, port, front_port, tmp)
        with running(processes, tmp):
            yield Site(port, front_port, env, password, tmp, processes)
    finally:
        drop_database(services["database"], db_name)
        if services["search"]:
            drop_indexes(services["search"], env["SEARCH_INDEX_PREFIX"])


@pytest.fixture(scope="module")
def editor(site) -> Browser:
    browser = site.visitor()
    browser.log_in("admin", site.admin_password)
    return browser


def first_page(site: Site, page_type: str) -> dict:
    """id, title and path of a live page of that type, from Wagtail's public API."""
    import json

    response = site.visitor().get(f"/api/v2/pages/?type={page_type}&fields=title")
    assert response.status == 200, response.text[:500]
    item = json.loads(response.text)["items"][0]
    path = urlsplit(item["meta"]["html_url"]).path
    return {"id": item["id"], "title": item["title"], "path": path}


def assert_every_request_shows(site: Site, path: str, text: str, within: float = 1.0) -> None:
    """Anonymous requests for `within` seconds (at least 10, new connections each) all
    show `text`, and both workers served some of them."""
    before = len(site.worker_pids())
    stale, count, deadline = [], 0, time.monotonic() + within
    while count < 10 or time.monotonic() < deadline:
        response = site.visitor().get(path)
        count += 1
        if response.status != 200 or text not in response.text:
            stale.append(response.status)
    assert not stale, f"{len(stale)} of {count} requests for {path} did not show {text!r}"
    served_by = set(site.worker_pids()[before:])
    assert len(served_by) == WORKERS, f"only worker(s) {served_by} answered; add requests"


def publish(editor: Browser, page_id: int, changes: dict) -> None:
    response = editor.post_form(
        f"/admin/pages/{page_id}/edit/",
        {**changes, "action-publish": "action-publish"},
        form_id="page-edit-form",
    )
    assert response.status == 302, f"publish refused ({response.status}): {errors(response.text)}"


def body(text: str) -> dict:
    """An article body of one paragraph, as the admin's StreamField sends it (the browser
    builds these fields with JavaScript: they are not in the form's HTML)."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    return nested_form_data({"body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])})


def errors(html: str) -> str:
    return " | ".join(re.findall(r'class="error-message"[^>]*>\s*(?:<p>)?([^<]+)', html))[:800]


def test_check_deploy_passes_with_the_readme_environment(site):
    output = manage("check", "--deploy", "--fail-level", "WARNING", env=site.env)
    assert "no issues" in output


def test_the_static_files_are_collected_with_hashed_names(site):
    home = site.visitor().get("/fr/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
    assert site.visitor().get(stylesheet).status == 200


def test_a_published_title_and_body_reach_every_worker(site, editor):
    article = first_page(site, ARTICLE_TYPE)
    assert_every_request_shows(site, article["path"], article["title"])  # warm both workers
    publish(editor, article["id"], {"title": "Un titre tout neuf", **body("Un corps tout neuf.")})
    assert_every_request_shows(site, article["path"], "Un titre tout neuf")
    assert_every_request_shows(site, article["path"], "Un corps tout neuf.")


def test_a_renamed_section_reaches_every_worker(site, editor):
    article = first_page(site, ARTICLE_TYPE)
    section = first_page(site, "articles.ArticleIndexPage")
    assert_every_request_shows(site, article["path"], section["title"])
    publish(editor, section["id"], {"title": "Nouvelles du réseau"})
    assert_every_request_shows(site, article["path"], "Nouvelles du réseau")


def test_changed_site_settings_reach_every_worker(site, editor):
    assert_every_request_shows(site, "/fr/", "</footer>")
    page = editor.follow(editor.get("/admin/settings/home/sitesettings/"))
    path = re.search(r'action="(/admin/settings/home/sitesettings/\d+/)"', page.text).group(1)
    response = editor.post_form(path, {"tagline": "Un slogan tout neuf"})
    assert response.status == 302, errors(response.text)
    assert_every_request_shows(site, "/fr/", "Un slogan tout neuf")


def test_a_publish_purges_the_front_cache(site, editor):
    article = first_page(site, ARTICLE_TYPE)
    front = Browser(site.front_port)
    front.get(article["path"])
    cached = front.get(article["path"])
    assert cached.headers["X-Front-Cache"] == "hit"
    publish(editor, article["id"], {"title": "Un titre passé par Varnish", **body("Varnish")})
    response = front.get(article["path"])
    assert "Un titre passé par Varnish" in response.text
    assert response.headers["X-Front-Cache"] == "miss"


def test_an_editor_is_never_served_from_the_front_cache(site, editor):
    article = first_page(site, ARTICLE_TYPE)
    front = Browser(site.front_port)
    front.cookies = dict(editor.cookies)
    for _ in range(2):
        response = front.get(article["path"])
        assert response.headers["X-Front-Cache"] == "miss"
        assert "private" in response.headers["Cache-Control"]


def wait_for(check, timeout: float, message: str, every: float = 1.0):
    """Poll `check` until it returns something true, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    pytest.fail(message, pytrace=False)


def test_the_booklet_pdf_is_rendered_by_the_worker_and_styled(site):
    """The worker renders the PDF the demo enqueued (no request renders it); its text has
    the page numbers and the running header that only the PDF stylesheet draws, found
    under the manifest storage's hashed names."""
    from pypdf import PdfReader

    booklet = first_page(site, "booklet.BookletPage")

    def pdf():
        response = site.visitor().get(booklet["path"] + "pdf/")
        if response.status == 503:
            assert response.headers["Retry-After"], "a 503 without Retry-After"
            return None
        assert response.status == 200, response.status
        return response

    response = wait_for(pdf, 240, "the worker never rendered the booklet's PDF", every=3)
    assert response.headers["Content-Type"] == "application/pdf"
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(response.body)).pages]
    total = len(texts)
    numbered = [n for n, text in enumerate(texts, start=1) if f"{n} / {total}" in text]
    assert len(numbered) >= total // 2, texts[:3]
    with_header = [text for text in texts[1:] if booklet["title"] in text]
    assert len(with_header) >= total // 2, texts[:3]


def test_a_scheduled_article_goes_live_at_its_time(site, editor):
    """Published through the admin with a go-live time: the page keeps its old title until
    then, then the scheduler's publish_scheduled (run by the worker) publishes it, and
    every worker shows it."""
    article = first_page(site, ARTICLE_TYPE)
    zone = ZoneInfo("Europe/Paris")  # TIME_ZONE: the admin reads dates in it
    now = time.time()
    # The admin takes minutes only: between 30 and 90 s ahead, in the site's time zone.
    moment = datetime.datetime.fromtimestamp(now + 90, tz=zone).replace(second=0, microsecond=0)
    go_live_at = moment.strftime("%Y-%m-%d %H:%M")
    changes = {"title": "Un article programmé", "go_live_at": go_live_at, **body("Programmé.")}
    publish(editor, article["id"], changes)
    assert "Un article programmé" not in site.visitor().get(article["path"]).text
    seconds_left = moment.timestamp() - time.time()

    def live():
        return "Un article programmé" in site.visitor().get(article["path"]).text

    wait_for(live, seconds_left + 60 + 30, f"not live by {go_live_at} plus a scheduler round")
    assert_every_request_shows(site, article["path"], "Un article programmé")
