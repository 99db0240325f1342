import pytest

from wagtail.models import Locale, Page, Site

from home.models import SiteSettings
from tests.articles.factories import ArticleIndexPageFactory
from tests.home.factories import HomePageFactory


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
    """A French home page as the default site's root, with its English translation."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=locale_fr)
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="testserver",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="France Tiers-Lieux",
    )
    # As on a running site, the settings exist before the first visitor (created on the
    # fly, they would start a new cache generation in the middle of a test).
    SiteSettings.for_site(site)
    return home


@pytest.fixture
def home_en(home, locale_en):
    translation = home.copy_for_translation(locale_en)
    translation.title = "Home"
    translation.save_revision().publish()
    return translation


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
def search_refresh():
    """Make what was just indexed searchable (the engine is near-real-time)."""

    def refresh() -> None:
        backend = engine_backend()
        if backend is not None:
            for index, _models in engine_indexes(backend).values():
                index.refresh()

    return refresh
