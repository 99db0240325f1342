"""The fault drill, on an engine of its own that this test really stops (freezes its
JVM: requests time out, the data stays) and starts again.

`scripts/search-engine start --port $SEARCH_DRILL_PORT` (9210 by default; CI starts it
beforehand, else this test does, and stops it after). Never the shared engine of
SEARCH_URL, which other tests and developers use. Fails rather than skips with
REQUIRE_SEARCH_ENGINE=1.
"""

import copy
import io
import os
import signal
import subprocess
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from search.models import PendingIndexUpdate
from tests.factories import ArticlePageFactory

from .conftest import live_engine, missing, reset_engine_index
from .helpers import api, titles

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SCRIPT = BASE_DIR / "scripts" / "search-engine"


class DrillEngine:
    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        var = Path(os.environ.get("SEARCH_ENGINE_DIR") or BASE_DIR / "var" / "search-engine")
        self.pidfile = var / str(port) / "pid"

    def script(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(SCRIPT), command, "--port", str(self.port)],
            capture_output=True,
            text=True,
            timeout=400,
        )

    def stop(self) -> None:
        """The engine stops answering (its JVM frozen); its data stays. Requests that
        timed out meanwhile may still be carried out when it resumes: the replay sends
        each object's current state, so doing one twice changes nothing."""
        os.kill(int(self.pidfile.read_text()), signal.SIGSTOP)

    def start(self) -> None:
        os.kill(int(self.pidfile.read_text()), signal.SIGCONT)


@pytest.fixture(scope="module")
def drill_engine(django_db_blocker):
    with django_db_blocker.unblock():  # the database backend looks at the connection
        live_engine()  # only where an engine is configured (else skip, or fail in CI)
    engine = DrillEngine(int(os.environ.get("SEARCH_DRILL_PORT", "9210")))
    started_here = not engine.pidfile.exists()
    result = engine.script("start")
    if result.returncode != 0:
        missing(f"the drill engine did not start on {engine.url}: {result.stderr[-500:]}")
    yield engine
    engine.start()
    if started_here:
        engine.script("stop")


@pytest.fixture
def drill_backend(settings, drill_engine):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"].update(
        URLS=[drill_engine.url],
        INDEX_PREFIX="test_drill_" + backends["default"].get("INDEX_PREFIX", ""),
        TIMEOUT=30,  # a busy machine may take seconds to create an index
        OPTIONS={"max_retries": 0},
    )
    settings.WAGTAILSEARCH_BACKENDS = backends
    reset_engine_index(live_engine())
    # Short, for the requests made while the engine is stopped.
    settings.WAGTAILSEARCH_BACKENDS = copy.deepcopy(backends)
    settings.WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"] = 3
    backend = live_engine()
    yield backend
    drill_engine.start()


def test_after_a_fault_drill_the_index_agrees_with_the_database(
    client, news_index, drill_engine, drill_backend
):
    edited = ArticlePageFactory(parent=news_index, title="Atelier vélo, ancien titre")
    withdrawn = ArticlePageFactory(parent=news_index, title="Atelier bientôt retiré")
    branch = ArticlePageFactory(parent=news_index, title="Atelier bientôt réservé")
    for page in (edited, withdrawn, branch):
        page.save_revision().publish()
    drill_backend.refresh()
    assert titles(api(client, q="atelier")) == {
        "Atelier vélo, ancien titre",
        "Atelier bientôt retiré",
        "Atelier bientôt réservé",
    }

    drill_engine.stop()
    published = ArticlePageFactory(parent=news_index, title="Atelier publié pendant la panne")
    published.save_revision().publish()
    withdrawn.unpublish()
    edited.title = "Atelier vélo, nouveau titre"
    edited.save_revision().publish()
    PageViewRestriction.objects.create(
        page=branch, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert PendingIndexUpdate.objects.count() == 4  # one per page, however many changes

    drill_engine.start()
    # What the scheduler does every minute: enqueue the replay, which the worker runs.
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert not PendingIndexUpdate.objects.exists()
    out = io.StringIO()
    call_command("search_check_index", stdout=out)
    assert "Index and database agree" in out.getvalue()
    drill_backend.refresh()
    data = api(client, q="atelier")
    assert data["backend"] in {"opensearch", "elasticsearch"}
    assert titles(data) == {"Atelier vélo, nouveau titre", "Atelier publié pendant la panne"}
