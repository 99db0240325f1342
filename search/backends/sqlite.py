"""modelsearch's SQLite FTS5 backend, ranked in one pass.

modelsearch scores each result with a correlated subquery that re-runs the
full-text MATCH once per matching row: a query matching 7,000 of 10,000 articles
takes 71-78 s (bench/search_benchmark.py, figures in the README). Here the MATCH
runs once, bm25 is read for every matching row in that pass, and only the requested
slice of objects is loaded (55-225 ms for the same query).
"""

from __future__ import annotations

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class OnePassRankingMixin:
    def ranks_in_one_pass(self, score_field) -> bool:
        """Plain relevance ordering; scores asked by name and negated queries keep
        modelsearch's own path."""
        return (
            self.order_by_relevance
            and score_field is None
            and not isinstance(normalize(self.query), (MatchAll, Not))
        )

    def matching_entries(self, config):
        """The FTS rows matching the query among the queryset's objects (one MATCH)."""
        search_query = self.build_search_query(normalize(self.query), config=config)
        return SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        ).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            index_entry__object_id__in=self.queryset.order_by().values("pk"),
        )

    def ranked_ids(self, config, start=None, stop=None) -> list:
        """Primary keys of the matches, best first (bm25 is negative: lowest first)."""
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        ids = (
            self.matching_entries(config)
            .annotate(score=rank)
            .order_by("score", "-index_entry_id")
            .values_list("index_entry__object_id", flat=True)[start:stop]
        )
        to_python = self.queryset.model._meta.pk.to_python
        return [to_python(value) for value in ids]


class RankedSQLiteQueryCompiler(OnePassRankingMixin, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(OnePassRankingMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        if not compiler.ranks_in_one_pass(self._score_field):
            return super()._do_search()
        ids = self.ranked_ids()
        objects = compiler.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]

    def _do_count(self):
        compiler = self.query_compiler
        if not compiler.ranks_in_one_pass(self._score_field):
            return super()._do_count()
        return compiler.matching_entries(compiler.get_config(self.backend)).count()

    def ranked_ids(self) -> list:
        """The primary keys of this slice of results, best first, without loading objects."""
        compiler = self.query_compiler
        if not compiler.ranks_in_one_pass(self._score_field):
            return list(self.get_queryset().values_list("pk", flat=True))
        return compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
