import os

import pytest
from hypothesis import settings as hypothesis_settings

from wagtail.models import Locale

from tests.factories import ArticleIndexPageFactory, site_home, translated_home
from tests.settings_guard import TEST_SETTINGS

# The fuzz (tests/test_fuzz.py): in CI (HYPOTHESIS_PROFILE=ci) the examples are derived
# from each test, the same on every run, and no example database is written.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    """tests.settings_guard forces the test settings; an explicit --ds is refused here."""
    from django.conf import settings

    if settings.SETTINGS_MODULE != TEST_SETTINGS:
        raise pytest.UsageError(
            f"The tests run on {TEST_SETTINGS} only, not {settings.SETTINGS_MODULE} "
            "(their database, media and search indexes are a developer's own)."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """The test database, kept between runs (--reuse-db) as the migrations left it.

    Transactional tests (the live server's) empty every table after them; the serialized
    rollback brings the migrations' rows back only for the next such test. At the end of
    the session they are put back, so that the next run can reuse the database; a kept
    database that lost them (an interrupted run) is refused with what to do.
    """
    from django.db import connections

    from wagtail.models import Page

    if django_db_keepdb:
        with django_db_blocker.unblock():
            if not Page.objects.filter(depth=1).exists():
                pytest.exit(
                    "The kept test database has lost the rows its migrations made (a run "
                    "was interrupted?): run pytest --create-db (or make test) once.",
                    returncode=3,
                )
    yield
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not Page.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths and renditions: start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language. A request to /en/ leaves English
    active in the thread (LocaleMiddleware activates, nothing deactivates), which
    would otherwise leak into the next test's messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def locale_fr(db):
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home(locale_fr, locale_en):
    """A French home page as the default site's root."""
    return site_home(locale_fr)


@pytest.fixture
def home_en(home, locale_en):
    return translated_home(home, locale_en)


@pytest.fixture
def news_index(home):
    return ArticleIndexPageFactory(parent=home)


def engine_backend():
    """The default search backend when it is a real engine, else None.

    Decided from the settings first: building the database backend touches the database,
    which a session-wide fixture may not do.
    """
    from modelsearch.backends import get_search_backend

    from django.conf import settings

    from search.backends.base import SiteBackendMixin
    from tierslieux.settings.search import ENGINE_BACKENDS

    configured = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if configured == ENGINE_BACKENDS["database"]:
        return None
    backend = get_search_backend("default")
    return backend if isinstance(backend, SiteBackendMixin) else None


def engine_indexes(backend) -> dict:
    from modelsearch.index import get_indexed_models

    indexes = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        indexes.setdefault(index.name, (index, []))[1].append(model)
    return indexes


@pytest.fixture(scope="session", autouse=True)
def _engine_indexes_with_mappings():
    """With an engine configured (CI), every index starts empty with its real mapping.

    Otherwise the first page saved would create an index with guessed field types, and
    Wagtail's admin searches (page chooser, snippets) would break on it.
    """
    backend = engine_backend()
    if backend is None:
        return
    for index, models in engine_indexes(backend).values():
        if index.exists():
            for concrete in index.aliased_indices() if index.is_alias() else [index]:
                concrete.delete()
        index.put()
        for model in models:
            index.add_model(model)


@pytest.fixture
def redis_url() -> str:
    """The real Redis of CACHE_URL (scripts/cache-server): the test FAILS when
    REQUIRE_CACHE_SERVER=1 (CI) and it does not answer, else skips."""
    import redis

    def missing(reason: str):
        if os.environ.get("REQUIRE_CACHE_SERVER") == "1":
            pytest.fail(f"REQUIRE_CACHE_SERVER=1 but {reason}", pytrace=False)
        pytest.skip(reason)

    url = os.environ.get("CACHE_URL", "")
    if not url:
        missing("CACHE_URL is not set (scripts/cache-server start)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        missing(f"the cache server of CACHE_URL={url} does not answer: {exc}")
    return url


@pytest.fixture
def database_backend(settings):
    """Force the site's database backend, whatever the environment says."""
    from modelsearch.backends import get_search_backend

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    return get_search_backend("default")


@pytest.fixture
def search_refresh(commits_as_in_production):
    """Make what was just indexed searchable (the engine is near-real-time). Index
    updates reach an engine after commit: the test's commits count as such."""

    def refresh() -> None:
        backend = engine_backend()
        if backend is not None:
            for index, _models in engine_indexes(backend).values():
                index.refresh()

    return refresh


# Fixtures that make a test slow wherever it is: a real search engine.
SLOW_FIXTURES = {"engine", "engine_site_content"}


def is_query_budget_test(item) -> bool:
    """The query-count tests build the same pages at two sizes to compare their counts:
    the heaviest of the quick tests (TestQueryCounts, TestHomeQueryCount...)."""
    cls = getattr(item, "cls", None)
    return (cls is not None and "QueryCount" in cls.__name__) or "query_count" in item.name


def pytest_collection_modifyitems(config, items):
    """`slow` (left out by `make test-fast`, run by `make test`) also covers every
    browser test, every test that uses the search engine and the query-count tests;
    modules that load the demo, render PDFs or run processes carry the mark themselves."""
    for item in items:
        if (
            item.get_closest_marker("browser")
            or SLOW_FIXTURES & set(item.fixturenames)
            or is_query_budget_test(item)
        ):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def commits_as_in_production(monkeypatch):
    """transaction.on_commit callbacks run when they would in production.

    A test runs inside the test case's transaction, which never commits, so Django never
    runs the callbacks (search/queue.py sends index updates from one). Here a callback
    registered outside any transaction of the code under test runs at once, and one
    registered inside runs when that code's outermost transaction ends well (a rollback
    drops it, as Django does); callbacks of shared module data stay unrun."""
    from django.db import connection, transaction
    from django.db.backends.base.base import BaseDatabaseWrapper

    baseline = len(connection.run_on_commit)
    original_on_commit = BaseDatabaseWrapper.on_commit
    original_exit = transaction.Atomic.__exit__

    def at_test_level(conn) -> bool:
        return conn.in_atomic_block and getattr(conn.atomic_blocks[-1], "_from_testcase", False)

    def run(func, robust: bool) -> None:
        if not robust:
            func()
            return
        try:
            func()
        except Exception:  # as Django does for robust callbacks
            import logging

            logging.getLogger("django.db.backends.base").exception("on_commit %r", func)

    def on_commit(self, func, robust=False):
        if self.alias == connection.alias and at_test_level(self):
            run(func, robust)
        else:
            original_on_commit(self, func, robust)

    def exit_atomic(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        conn = transaction.get_connection(self.using)
        if conn.alias == connection.alias and at_test_level(conn):
            due, conn.run_on_commit[baseline:] = conn.run_on_commit[baseline:], []
            for _sids, func, robust in due:
                run(func, robust)
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_atomic)
