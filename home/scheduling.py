"""Periodic jobs: what the scheduler process enqueues, and how often.

Each app registers its own jobs in its AppConfig.ready() (home registers scheduled
publishing, search the replay of index updates). The scheduler
(`manage.py run_scheduler`, the Procfile's `scheduler`) only enqueues: the worker does
the work, so a periodic job and an editor's publish share one queue and one log. A job
whose previous run is still waiting or running is not enqueued again, so a worker that
is down for an hour finds one run of each job waiting, not sixty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist


@dataclass
class Job:
    name: str
    task: Task
    every: int  # seconds
    last_id: str | None = field(default=None, repr=False)
    due: float = 0.0

    def still_pending(self) -> bool:
        """Whether the run enqueued last time has yet to finish."""
        if self.last_id is None or not self.task.get_backend().supports_get_result:
            return False
        try:
            status = self.task.get_result(self.last_id).status
        except TaskResultDoesNotExist:
            return False
        return status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


_jobs: dict[str, Job] = {}


def register(name: str, task: Task, every: int = 60) -> None:
    """Have the scheduler enqueue `task` (no arguments) every `every` seconds."""
    _jobs[name] = Job(name=name, task=task, every=every)


def jobs() -> list[Job]:
    return list(_jobs.values())


def tick(now: float, force: bool = False) -> list[str]:
    """Enqueue every job that is due (every job, with `force`) and not still pending;
    return their names."""
    enqueued = []
    for job in jobs():
        if now < job.due and not force:
            continue
        job.due = now + job.every
        if job.still_pending():
            continue
        job.last_id = str(job.task.enqueue().id)
        enqueued.append(job.name)
    return enqueued
