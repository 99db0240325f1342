"""OpenSearch 2/3 through opensearch-py (SEARCH_BACKEND=opensearch)."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
)

from .base import SiteBackendMixin, SiteIndexMixin, SiteMappingMixin


class Mapping(SiteMappingMixin, OpenSearch3Mapping):
    pass


class Index(SiteIndexMixin, OpenSearch3Index):
    mapping_class = Mapping


class SearchBackend(SiteBackendMixin, OpenSearch3SearchBackend):
    mapping_class = Mapping
    index_class = Index
