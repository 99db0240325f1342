"""Search backends: modelsearch's Elasticsearch/OpenSearch ones plus this project's
document fields, French/English analysis and queue of failed index updates.

Both engines share one code path: modelsearch's elasticsearchbase, extended by
the mixins of search/backends/base.py. Only the client library differs.
"""
