"""The queue of index updates that failed, and its replay."""

from __future__ import annotations

from dataclasses import dataclass

from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_instance

from django.apps import apps
from django.db import transaction
from django.db.models import F

from .models import PendingIndexUpdate


def enqueue(obj, action: str, error: Exception | str) -> None:
    """Remember that `obj` must be (re)indexed or removed. The latest action wins."""
    label = obj._meta.label_lower
    with transaction.atomic():
        updated = PendingIndexUpdate.objects.filter(
            model_label=label, object_id=str(obj.pk)
        ).update(action=action, attempts=F("attempts") + 1, last_error=str(error)[:2000])
        if not updated:
            PendingIndexUpdate.objects.create(
                model_label=label, object_id=str(obj.pk), action=action, last_error=str(error)
            )


@dataclass
class ReplayReport:
    done: int = 0
    failed: int = 0
    left: int = 0


def replay(backend_name: str = "default", stdout=None) -> ReplayReport:
    """Send every queued update to the engine; those that fail again stay queued."""
    backend = get_search_backend(backend_name)
    report = ReplayReport()
    for item in PendingIndexUpdate.objects.all().iterator():
        try:
            model = apps.get_model(item.model_label)
        except LookupError:
            item.delete()
            continue
        obj = model._default_manager.filter(pk=item.object_id).first()
        try:
            if item.action == PendingIndexUpdate.Action.ADD and obj is not None:
                indexed = get_indexed_instance(obj)
                if indexed is not None:
                    # The parent class's add: a failure must raise here, not re-queue.
                    index = backend.get_index_for_object(indexed)
                    index.add_item(type(indexed).objects.get(pk=indexed.pk))
            else:
                stub = obj or model(pk=item.object_id)
                backend.get_index_for_object(stub).delete_item(stub)
        except Exception as exc:
            report.failed += 1
            PendingIndexUpdate.objects.filter(pk=item.pk).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:2000]
            )
            if stdout:
                stdout.write(f"  still failing: {item} ({exc.__class__.__name__})")
            continue
        item.delete()
        report.done += 1
        if stdout:
            stdout.write(f"  replayed: {item}")
    report.left = PendingIndexUpdate.objects.count()
    return report
