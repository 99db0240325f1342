"""Search fixtures: the real engine (never mocked) and a small bilingual site.

Engine tests run when SEARCH_BACKEND/SEARCH_URL point at a live engine; they
FAIL when REQUIRE_SEARCH_ENGINE=1 and it is unreachable (CI), else skip.
"""

import copy
import datetime
import json
import os

import pytest
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models

from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction

from search.backends.base import SiteBackendMixin
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    ThemeFactory,
    site_home,
    translated_home,
)
from tests.shared_data import fresh, shared_data


def required() -> bool:
    return os.environ.get("REQUIRE_SEARCH_ENGINE") == "1"


def missing(reason: str):
    if required():
        pytest.fail(f"REQUIRE_SEARCH_ENGINE=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def reset_engine_index(backend) -> None:
    """An empty index with the site's mapping (the database rolls back between tests,
    the engine does not)."""
    index = backend.get_index_for_model(Page)
    if index.exists():
        if index.is_alias():
            for concrete in index.aliased_indices():
                concrete.delete()
        else:
            index.delete()
    index.put()
    for model in get_indexed_models():
        if backend.get_index_for_model(model).name == index.name:
            index.add_model(model)


def refresh(backend) -> None:
    backend.get_index_for_model(Page).refresh()


def live_engine():
    """The default backend when it is an engine that answers; else skip (or fail)."""
    backend = get_search_backend("default")
    if not isinstance(backend, SiteBackendMixin):
        missing("SEARCH_BACKEND does not name an engine (opensearch or elasticsearch)")
    try:
        backend.es.cluster.health()
    except Exception as exc:
        missing(f"the search engine at SEARCH_URL does not answer ({exc.__class__.__name__})")
    backend.refresh = lambda: refresh(backend)
    return backend


@pytest.fixture(autouse=True)
def _commits(commits_as_in_production):
    """Index updates reach the engine after commit (search/queue.py), as in production."""


class EngineIndex:
    """What the engine's page index holds, when it is known to hold exactly a module's
    shared site content (None: anything, a test may have written to it)."""

    holds = None


@pytest.fixture(autouse=True)
def _engine_index_written(request):
    """A test that did not only read the shared site content may have changed the
    engine's index (any page saved is indexed): the next reader fills it again."""
    yield
    if "engine_site_content" not in request.fixturenames:
        EngineIndex.holds = None


@pytest.fixture
def engine(db):
    """The engine, its index emptied for this test (a test that writes to it)."""
    backend = live_engine()
    reset_engine_index(backend)
    EngineIndex.holds = None
    return backend


def index_pages(backend) -> None:
    """Index every page but the root, as publishing them did, and make them searchable."""
    for page in Page.objects.filter(depth__gt=1).specific():
        backend.add(page)
    backend.refresh()


@pytest.fixture
def engine_site_content(db, _site_content):
    """The site content, and an engine index holding it and nothing else, for tests
    that only read: filled once for the module, again only after a test that wrote."""
    backend = live_engine()
    if EngineIndex.holds is not _site_content:
        reset_engine_index(backend)
        index_pages(backend)
        EngineIndex.holds = _site_content
    return {key: fresh(page) for key, page in _site_content.items()}


@pytest.fixture(params=["database", "engine"])
def backend(request):
    """Each backend in turn: the database one (None), then the engine (its index
    emptied: refresh it once the test's pages are saved)."""
    if request.param == "database":
        request.getfixturevalue("database_backend")
        return None
    return request.getfixturevalue("engine")


CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def engine_down(settings, engine):
    """Point the engine settings at a closed port; the fixture restores them."""
    real = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    down = copy.deepcopy(real)
    down["default"]["URLS"] = [CLOSED_PORT]
    down["default"]["TIMEOUT"] = 1
    down["default"]["OPTIONS"] = {"max_retries": 0}
    settings.WAGTAILSEARCH_BACKENDS = down

    def restore():
        settings.WAGTAILSEARCH_BACKENDS = real

    return restore


def paragraph(text: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


@pytest.fixture(scope="module")
def _site_content(django_db_setup, django_db_blocker):
    """Built once for the module: its tests read it (what one writes is rolled back)."""
    yield from shared_data(django_db_blocker, build_site_content)


@pytest.fixture
def site_content(request, db, _site_content):
    """French and English pages of every type, plus pages that must never show.

    Built once for the module (see `_site_content`); a test that also asks for
    `engine` (an empty index) finds these pages indexed in it, as if it had made them.
    """
    if "engine" in request.fixturenames:
        index_pages(request.getfixturevalue("engine"))
    return {key: fresh(page) for key, page in _site_content.items()}


def build_site_content() -> dict:
    locale_fr = Locale.objects.get_or_create(language_code="fr")[0]
    locale_en = Locale.objects.get_or_create(language_code="en")[0]
    home = site_home(locale_fr)
    home_en = translated_home(home, locale_en)
    insertion = ThemeFactory(
        name="Insertion professionnelle", slug="insertion-professionnelle", locale=locale_fr
    )
    culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
    culture_en = ThemeFactory(name="Culture", slug="culture", locale=locale_en)
    news = ArticleIndexPageFactory(parent=home)
    news_en = ArticleIndexPageFactory(parent=home_en, title="News", slug="news", locale=locale_en)
    agenda = EventIndexPageFactory(parent=home, show_in_menus=False)
    directory = FabriqueIndexPageFactory(parent=home, title="Fabriques", show_in_menus=False)
    pages = {}
    pages["reinsertion"] = ArticlePageFactory(
        parent=news,
        title="Les tiers-lieux, acteurs de la réinsertion professionnelle",
        slug="tiers-lieux-acteurs-de-la-reinsertion-professionnelle",
        intro="Une table ronde sur le retour à l'emploi dans les tiers-lieux.",
        date=datetime.date(2020, 11, 25),
        body=paragraph("La DGEFP et France Tiers-Lieux ont réuni 250 personnes."),
        themes=[insertion],
    )
    pages["rencontre"] = ArticlePageFactory(
        parent=news,
        title="Retour sur la 1ère rencontre annuelle des Fabriques de Territoire",
        slug="retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire",
        intro="Près de 200 participants en ligne et des ateliers l'après-midi.",
        date=datetime.date(2020, 11, 20),
        body=paragraph("Les ateliers ont porté sur la gouvernance et la culture."),
        themes=[culture],
    )
    pages["ferme"] = ArticlePageFactory(
        parent=news,
        title="Une ferme partagée dans la Drôme",
        slug="une-ferme-partagee",
        intro="L'agriculture au cœur d'un lieu collectif.",
        date=datetime.date(2021, 3, 1),
        body=paragraph("Des maraîchers et des habitants cultivent ensemble."),
    )
    pages["scene"] = FabriquePageFactory(
        parent=directory,
        title="La Scène du Bourg",
        slug="la-scene-du-bourg",
        identifier="FT-35-001",
        short_description="Une Fabrique culturelle en milieu rural, à Redon.",
        commune="Redon",
        postcode="",
        departement_code="35",
        departement_name="Ille-et-Vilaine",
        region_code="53",
        region_name="Bretagne",
        latitude=None,
        longitude=None,
        territory_type="rural",
        themes=[culture],
    )
    pages["event"] = EventPageFactory(
        parent=agenda,
        title="1ère Rencontre des Fabriques de Territoire",
        slug="1ere-rencontre-des-fabriques-de-territoire",
        intro="Une après-midi d'ateliers en ligne avec l'ANCT.",
        start=datetime.datetime(2020, 11, 16, 14, 0, tzinfo=datetime.UTC),
        end=None,
        format="in-person",
        online_url="",
        body=[],
        venue_fabrique=pages["scene"],
        themes=[culture],
    )
    pages["english"] = ArticlePageFactory(
        parent=news_en,
        title="Third places and getting back to employment",
        slug="third-places-and-employment",
        intro="Third places help people return to employment.",
        date=datetime.date(2020, 11, 26),
        body=paragraph("A round table with the Fabriques network."),
        themes=[culture_en],
        locale=locale_en,
    )
    for page in pages.values():
        # Publishing writes the themes after the first indexing: as in the admin.
        page.save_revision().publish()
    # Never to be shown: a draft, an unpublished page, a private page, an expired page.
    pages["draft"] = ArticlePageFactory(
        parent=news, title="Brouillon réinsertion confidentiel", slug="brouillon", live=False
    )
    pages["unpublished"] = ArticlePageFactory(
        parent=news, title="Réinsertion retirée du site", slug="retiree"
    )
    pages["unpublished"].unpublish()
    pages["private"] = ArticlePageFactory(
        parent=news, title="Réinsertion réservée aux membres", slug="privee"
    )
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    pages["expired"] = ArticlePageFactory(
        parent=news,
        title="Réinsertion : un appel expiré",
        slug="expiree",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )
    return pages
