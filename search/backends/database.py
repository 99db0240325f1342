"""The database search backend, with relevance ranking that scales on SQLite.

modelsearch picks the backend for the database in use (PostgreSQL, MySQL, SQLite
FTS5, or a LIKE fallback); this module keeps that choice and replaces only the
SQLite backend by search.backends.sqlite, whose ranking reads the full-text index
once instead of once per matching row.
"""

from __future__ import annotations

from modelsearch.backends.database import SearchBackend as database_backend_for_connection


def SearchBackend(params):
    backend = database_backend_for_connection(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        # Imported here: the SQLite module only imports on SQLite (its FTS model
        # exists only there).
        from .sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
