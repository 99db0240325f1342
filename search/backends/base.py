"""What the site adds to modelsearch's Elasticsearch-family backends (both engines)."""

from __future__ import annotations

from home.queries import visible_ids

from ..documents import document_fields, mapping_properties
from ..queue import record


class SiteMappingMixin:
    """Adds the ftl_* fields (search/documents.py) to the mapping and the documents."""

    _visible_ids: set[int] | None = None

    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"].update(mapping_properties())
        return mapping

    def get_document(self, obj):
        doc = super().get_document(obj)
        doc.update(document_fields(obj, type(self)._visible_ids))
        return doc


class SiteIndexMixin:
    def add_items(self, model, items):
        # One query for the visibility of a whole chunk (home.queries), not one per page.
        items = list(items)
        self.mapping_class._visible_ids = visible_ids(items)
        try:
            return super().add_items(model, items)
        finally:
            self.mapping_class._visible_ids = None


class SiteBackendMixin:
    """Index updates go through search/queue.py: recorded with the change, written to
    the engine after commit by the worker, replayed until the engine takes them; never
    lost, never a failed save or publish."""

    def add(self, obj):
        record(self, obj)

    def delete(self, obj):
        record(self, obj)

    def engine_search(self, index_name: str, body: dict) -> dict:
        """Run a raw search body on the engine, whatever the client library."""
        if self.use_new_elasticsearch_api:
            return self.es.search(index=index_name, **body)
        return self.es.search(index=index_name, body=body)
