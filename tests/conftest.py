import pytest

from wagtail.models import Locale, Page, Site

from tests.articles.factories import ArticleIndexPageFactory
from tests.home.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths and renditions: start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
    Site.objects.create(
        hostname="testserver",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="France Tiers-Lieux",
    )
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
