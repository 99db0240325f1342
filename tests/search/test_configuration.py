import pytest

from home import searchable
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
    assert {"article", "event", "fabrique"} <= set(searchable.type_keys())
    from django.apps import apps

    assert ("booklet" in searchable.type_keys()) == apps.is_installed("booklet")
    # Registered while the app is absent: kept, but not offered.
    try:
        searchable.register("absent.AbsentPage", key="absent", label="Absent")
        assert "absent" not in searchable.type_keys()
    finally:
        searchable.unregister("absent.AbsentPage")


def test_register_adds_a_type_with_one_call():
    try:
        searchable.register("home.HomePage", key="home-test", label="Accueil", themes=None)
        assert "home-test" in searchable.type_keys()
        from home.models import HomePage

        assert searchable.for_model(HomePage).key == "home-test"
    finally:
        searchable.unregister("home.HomePage")
