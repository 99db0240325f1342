"""OpenSearch 2/3 through opensearch-py (SEARCH_BACKEND=opensearch)."""

from .opensearch_client import import_opensearchpy

import_opensearchpy()

from modelsearch.backends.opensearch3 import (  # noqa: E402
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
)

from .base import SiteBackendMixin, SiteIndexMixin, SiteMappingMixin  # noqa: E402


class Mapping(SiteMappingMixin, OpenSearch3Mapping):
    pass


class Index(SiteIndexMixin, OpenSearch3Index):
    mapping_class = Mapping


class SearchBackend(SiteBackendMixin, OpenSearch3SearchBackend):
    mapping_class = Mapping
    index_class = Index
