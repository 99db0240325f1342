"""Does the engine's index agree with the database? (visible pages, by id)"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelsearch.backends import get_search_backend

from wagtail.models import Page

from home.queries import visible_q

from .backends.base import SiteBackendMixin
from .results import searchable_content_types


@dataclass
class HealthReport:
    database: int = 0
    index: int = 0
    missing: list[int] = field(default_factory=list)  # visible, not found in the index
    extra: list[int] = field(default_factory=list)  # found in the index, not visible

    @property
    def agrees(self) -> bool:
        return not self.missing and not self.extra


def visible_ids_in_database() -> set[int]:
    return set(
        Page.objects.filter(visible_q(), content_type__in=searchable_content_types()).values_list(
            "pk", flat=True
        )
    )


def visible_ids_in_index(backend) -> set[int]:
    index_name = backend.get_index_for_model(Page).name
    backend.get_index_for_model(Page).refresh()
    found: set[int] = set()
    after = None
    while True:
        body = {
            "query": {"bool": {"filter": [{"term": {"ftl_visible": True}}]}},
            "size": 1000,
            "_source": False,
            "sort": [{"pk": "asc"}],
        }
        if after:
            body["search_after"] = after
        hits = backend.engine_search(index_name, body)["hits"]["hits"]
        if not hits:
            return found
        found.update(int(hit["_id"]) for hit in hits)
        after = hits[-1]["sort"]


def check(backend_name: str = "default") -> HealthReport:
    backend = get_search_backend(backend_name)
    if not isinstance(backend, SiteBackendMixin):
        raise RuntimeError("SEARCH_BACKEND names no engine: nothing to compare.")
    in_db = visible_ids_in_database()
    in_index = visible_ids_in_index(backend)
    return HealthReport(
        database=len(in_db),
        index=len(in_index),
        missing=sorted(in_db - in_index),
        extra=sorted(in_index - in_db),
    )


def fix(report: HealthReport, backend_name: str = "default") -> None:
    """Index what is missing; re-index (as hidden) or remove what should not show."""
    backend = get_search_backend(backend_name)
    index = backend.get_index_for_model(Page)
    for page in Page.objects.filter(pk__in=report.missing + report.extra).specific():
        index.add_item(page)
    gone = set(report.extra) - set(
        Page.objects.filter(pk__in=report.extra).values_list("pk", flat=True)
    )
    for pk in gone:
        index.delete_item(Page(pk=pk))
    index.refresh()
