"""What the site adds to modelsearch's Elasticsearch-family backends (both engines)."""

from __future__ import annotations

from ..documents import document_fields, mapping_properties, restricted_paths
from ..queue import record


class SiteMappingMixin:
    """Adds the ftl_* fields (search/documents.py) to the mapping and the documents."""

    _restricted_paths: list[str] | None = None

    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"].update(mapping_properties())
        return mapping

    def get_document(self, obj):
        doc = super().get_document(obj)
        doc.update(document_fields(obj, type(self)._restricted_paths))
        return doc


class SiteIndexMixin:
    def add_items(self, model, items):
        # One query for the view restrictions of a whole chunk, not one per page.
        self.mapping_class._restricted_paths = restricted_paths()
        try:
            return super().add_items(model, items)
        finally:
            self.mapping_class._restricted_paths = None


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
