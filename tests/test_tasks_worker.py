"""The task worker as deployed: a real `manage.py db_worker` subprocess on the database
queue (django-tasks-db), and the scheduler (`manage.py run_scheduler`) that feeds it.

The test settings run tasks at once; these tests switch to the database queue, which
the worker subprocess reads from the test database (committed rows: transactional tests).
With the worker stopped, a publish succeeds and its tasks wait; started, it runs them.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex

from tests.factories import ArticlePageFactory

# serialized_rollback: the migrations' rows (locales, root page) come back after the test.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}


def subprocess_environment(tmp_path: Path) -> dict[str, str]:
    """The dev settings (database queue) on this test's database."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SEARCH_", "CACHE_", "DJANGO_", "DATABASE_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tierslieux.settings.dev",
        SECRET_KEY="worker-test-secret-key",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=url,
        SEARCH_BACKEND="database",
    )
    return environment


@contextmanager
def running_worker(tmp_path: Path):
    """A real worker, stopped (SIGTERM, as honcho does) when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"]
        + ["--interval", "0.2", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=subprocess_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output


def waiting() -> int:
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


def wait_until_done(process, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while waiting():
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, f"{waiting()} task(s) still waiting"
        time.sleep(0.5)


def test_worker_down_publishes_succeed_and_tasks_wait_until_it_is_back(
    database_queue, news_index, tmp_path
):
    target = ArticlePageFactory(parent=news_index, title="Une ressourcerie à Lorient")
    page = ArticlePageFactory(parent=news_index, title="Le réseau des ressourceries")
    page.body = [("paragraph", f'<p>Voir <a linktype="page" id="{target.pk}">Lorient</a>.</p>')]
    page.save_revision().publish()  # no worker: publishing still succeeds

    assert Page.objects.get(pk=page.pk).live
    assert waiting() > 0
    linked = ReferenceIndex.get_references_to(target)
    assert not linked.filter(object_id=str(page.pk)).exists(), "done without a worker"

    with running_worker(tmp_path) as worker:
        wait_until_done(worker)
    assert linked.filter(object_id=str(page.pk)).exists()
    assert (
        not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        .filter(task_path__startswith="modelsearch")
        .exists()
    )


def test_the_scheduler_enqueues_scheduled_publishing_and_the_worker_publishes(
    database_queue, news_index, tmp_path
):
    page = ArticlePageFactory(parent=news_index, title="Article programmé", live=False)
    page.go_live_at = timezone.now() + timedelta(seconds=2)
    page.save_revision().publish()  # scheduled: not live yet
    assert not Page.objects.get(pk=page.pk).live
    time.sleep(2.5)

    environment = subprocess_environment(tmp_path)
    scheduler = subprocess.run(
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scheduler.returncode == 0, scheduler.stdout + scheduler.stderr
    assert "publish_scheduled" in scheduler.stdout
    assert DBTaskResult.objects.filter(task_path="home.tasks.publish_scheduled_pages").exists()
    assert not Page.objects.get(pk=page.pk).live, "published without a worker"

    with running_worker(tmp_path) as worker:
        wait_until_done(worker)
    assert Page.objects.get(pk=page.pk).live
