import pytest

from search import registry
from tierslieux.settings.search import search_backends_from_env


@pytest.mark.parametrize(
    ("engine", "backend"),
    [
        ("opensearch", "search.backends.opensearch"),
        ("elasticsearch", "search.backends.elasticsearch"),
    ],
)
def test_engines_share_the_analysis_and_keep_a_database_fallback(monkeypatch, engine, backend):
    monkeypatch.setenv("SEARCH_BACKEND", engine)
    monkeypatch.setenv("SEARCH_URL", "http://127.0.0.1:9200, http://127.0.0.1:9201")
    config = search_backends_from_env()
    assert config["default"]["BACKEND"] == backend
    assert config["default"]["URLS"] == ["http://127.0.0.1:9200", "http://127.0.0.1:9201"]
    assert config["database"]["BACKEND"] == "search.backends.database"
    analysis = config["default"]["INDEX_SETTINGS"]["settings"]["analysis"]
    french = analysis["analyzer"]["ftl_french"]["filter"]
    assert french.index("ftl_fr_elision") < french.index("asciifolding")
    assert analysis["filter"]["ftl_fr_stemmer"]["language"] == "light_french"
    assert analysis["filter"]["ftl_en_stemmer"]["language"] == "english"


def test_both_backend_modules_import():
    from search.backends import elasticsearch, opensearch

    assert elasticsearch.SearchBackend.mapping_class is elasticsearch.Mapping
    assert opensearch.SearchBackend.mapping_class is opensearch.Mapping


@pytest.mark.django_db
def test_registry_covers_the_site_types_and_ignores_absent_apps():
    assert registry.type_keys()[:3] == ["article", "event", "fabrique"]
    # The booklet app lives on another branch: registered, but not offered until installed.
    from django.apps import apps

    assert ("booklet" in registry.type_keys()) == apps.is_installed("booklet")


def test_register_adds_a_type_with_one_call():
    try:
        registry.register(
            "home.HomePage", key="home-test", label="Accueil", themes=None, text=("hero_intro",)
        )
        assert "home-test" in registry.type_keys()
        from home.models import HomePage

        assert registry.for_model(HomePage).key == "home-test"
    finally:
        registry._REGISTRY.pop("home.homepage", None)
