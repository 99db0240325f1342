"""Engine index updates: recorded with the change, sent after commit, replayed until done.

An engine is not the database: a document written inside a transaction stays when the
transaction rolls back, and an engine that is down must not fail a publish. So an engine
backend's add() and delete() (search/backends/base.py) only record, in the transaction
of the change, that the object must be synced: one PendingIndexUpdate row per backend and
object, whose version each new record bumps. After commit, a task (`send_index_update`) sends
the object's current state to the engine (its document, or its removal if it is gone or
no longer indexed), which makes every send idempotent, then deletes the row only if no
newer change was recorded meanwhile. A failed send leaves the row: the scheduler's
`replay_index_updates` job (every minute) and `manage.py search_replay_queue` send it
again. django-tasks' own queue could not do this alone: it neither merges repeated
updates of one object nor survives a task that failed (no retry).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from django_tasks import task
from modelsearch.backends import InvalidSearchBackendError, get_search_backend, import_backend
from modelsearch.index import get_indexed_instance

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def backend_alias(backend) -> str:
    """The WAGTAILSEARCH_BACKENDS name of a backend instance (modelsearch keeps none)."""
    prefix = getattr(backend, "index_prefix", "")
    for alias, conf in settings.WAGTAILSEARCH_BACKENDS.items():
        if import_backend(conf["BACKEND"]) is type(backend) and (
            conf.get("INDEX_PREFIX", "") == prefix
        ):
            return alias
    return "default"


def record(backend, obj) -> None:
    """Note, in the current transaction, that `obj` must be synced to `backend`'s index;
    send it once that transaction commits."""
    alias, label, pk = backend_alias(backend), obj._meta.label_lower, str(obj.pk)
    rows = PendingIndexUpdate.objects.filter(backend=alias, model_label=label, object_id=pk)
    if not rows.update(version=F("version") + 1):
        try:
            with transaction.atomic():
                PendingIndexUpdate.objects.create(backend=alias, model_label=label, object_id=pk)
        except IntegrityError:  # recorded by a concurrent transaction meanwhile
            rows.update(version=F("version") + 1)
    transaction.on_commit(partial(_enqueue_send, alias, label, pk), robust=True)


def _enqueue_send(alias: str, label: str, pk: str) -> None:
    send_index_update.enqueue(alias, label, pk)


@task()
def send_index_update(alias: str, label: str, pk: str) -> bool:
    """Send one recorded update (nothing to do if another send took it already)."""
    item = PendingIndexUpdate.objects.filter(backend=alias, model_label=label, object_id=pk).first()
    return True if item is None else _send(item)


def _send(item: PendingIndexUpdate) -> bool:
    try:
        model = apps.get_model(item.model_label)
        backend = get_search_backend(item.backend)
    except (LookupError, InvalidSearchBackendError) as exc:  # removed since
        logger.warning("Dropping index update %s: %s", item, exc)
        item.delete()
        return True
    obj = model._default_manager.filter(pk=item.object_id).first()
    indexed = get_indexed_instance(obj) if obj is not None else None
    try:
        if indexed is not None:
            backend.get_index_for_object(indexed).add_item(indexed)
        else:
            stub = obj or model(pk=item.object_id)
            backend.get_index_for_object(stub).delete_item(stub)
    except Exception as exc:
        logger.warning("Index update %s failed, kept for a replay: %s", item, exc)
        PendingIndexUpdate.objects.filter(pk=item.pk).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:2000]
        )
        return False
    # Only the version that was sent: a change recorded meanwhile keeps its row.
    PendingIndexUpdate.objects.filter(pk=item.pk, version=item.version).delete()
    return True


# Failures in a row after which a replay stops: each may wait for the engine's timeout.
GIVE_UP_AFTER = 3


@dataclass
class ReplayReport:
    done: int = 0
    failed: int = 0
    left: int = 0


def replay(backend_name: str | None = None, stdout=None) -> ReplayReport:
    """Send every recorded update (of one backend, or all); failures stay recorded."""
    rows = PendingIndexUpdate.objects.all()
    if backend_name:
        rows = rows.filter(backend=backend_name)
    report = ReplayReport()
    failed_in_a_row = 0
    for item in rows.iterator():
        ok = _send(item)
        report.done += ok
        report.failed += not ok
        if stdout:
            stdout.write(f"  {'replayed' if ok else 'still failing'}: {item}")
        failed_in_a_row = 0 if ok else failed_in_a_row + 1
        if failed_in_a_row == GIVE_UP_AFTER:
            break  # the engine is still down: the next round will try again
    report.left = rows.count()
    return report
