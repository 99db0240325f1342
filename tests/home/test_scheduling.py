"""The scheduler's timetable (home/scheduling.py), on the database queue it feeds."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from home import scheduling

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def fresh_jobs(monkeypatch):
    """The registered jobs, as a scheduler that just started sees them."""
    jobs = {
        name: scheduling.Job(name=job.name, task=job.task, every=job.every)
        for name, job in scheduling._jobs.items()
    }
    monkeypatch.setattr(scheduling, "_jobs", jobs)
    return jobs


def test_the_apps_register_scheduled_publishing_and_index_replays(fresh_jobs):
    assert {"publish_scheduled", "replay_index_updates"} <= set(fresh_jobs)
    assert all(job.every == 60 for job in fresh_jobs.values())


def test_a_job_is_enqueued_when_due_and_not_while_its_last_run_waits(database_queue, fresh_jobs):
    names = set(fresh_jobs)
    assert set(scheduling.tick(now=0)) == names
    assert scheduling.tick(now=30) == []  # not due yet
    assert scheduling.tick(now=61) == [], "enqueued again while the last run waits"
    assert DBTaskResult.objects.count() == len(names)

    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL)
    assert scheduling.tick(now=100) == []  # ran, but not due before 121
    assert set(scheduling.tick(now=122)) == names
    assert DBTaskResult.objects.count() == 2 * len(names)
