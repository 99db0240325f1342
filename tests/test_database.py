import os

import pytest

from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_database_ci_asked_for():
    """CI sets REQUIRE_POSTGRES=1 for its PostgreSQL run: never fall back silently."""
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"sqlite", "postgresql"}
