"""Elasticsearch 9 through the `elasticsearch` client (SEARCH_BACKEND=elasticsearch).

Same mixins as search/backends/opensearch.py; CI exercises the OpenSearch one
because no Elasticsearch server can be installed on the project's machines.
"""

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)

from .base import SiteBackendMixin, SiteIndexMixin, SiteMappingMixin


class Mapping(SiteMappingMixin, Elasticsearch9Mapping):
    pass


class Index(SiteIndexMixin, Elasticsearch9Index):
    mapping_class = Mapping


class SearchBackend(SiteBackendMixin, Elasticsearch9SearchBackend):
    mapping_class = Mapping
    index_class = Index
