"""The engine down (pointed at a closed port, then restored), the queue, the
commands that replay it and check the index, and the atomic rebuild."""

import copy
import io

import pytest
from modelsearch.index import get_indexed_models

from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page

from search.models import PendingIndexUpdate
from tests.factories import ArticlePageFactory

from .conftest import CLOSED_PORT
from .helpers import api, titles

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_engine_down_publishing_works_search_falls_back_and_nothing_is_lost(
    client, engine, news_index, engine_down
):
    page = ArticlePageFactory(parent=news_index, title="Une coopérative pendant la panne")
    page.save_revision().publish()  # no exception: publishing succeeds
    assert PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()

    data = api(client, q="coopérative")
    assert data["backend"] == "database"
    assert titles(data) == {"Une coopérative pendant la panne"}
    page_html = client.get("/fr/search/", {"q": "coopérative"})
    assert page_html.status_code == 200
    assert "indisponible" in page_html.content.decode()
    autocomplete = client.get(reverse("search_autocomplete"), {"q": "coop", "lang": "fr"})
    assert autocomplete.status_code == 200

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_check_index", stdout=out)

    engine_down()  # the engine is back
    call_command("search_replay_queue", stdout=out)
    assert PendingIndexUpdate.objects.count() == 0
    engine.refresh()
    data = api(client, q="coopérative")
    assert data["backend"] in {"opensearch", "elasticsearch"}
    assert titles(data) == {"Une coopérative pendant la panne"}
    call_command("search_check_index", stdout=out)
    assert "Index and database agree" in out.getvalue()


def test_a_removal_while_down_is_replayed(client, engine, news_index, engine_down):
    engine_down()
    page = ArticlePageFactory(parent=news_index, title="Article bientôt supprimé")
    engine.refresh()
    assert api(client, q="supprimé")["count"] == 1
    pk = page.pk
    # Down again for the deletion.
    from django.conf import settings

    real = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"] = [CLOSED_PORT]
    settings.WAGTAILSEARCH_BACKENDS["default"]["OPTIONS"] = {"max_retries": 0}
    Page.objects.get(pk=pk).delete()
    assert PendingIndexUpdate.objects.filter(object_id=str(pk)).exists()
    settings.WAGTAILSEARCH_BACKENDS = real
    call_command("search_replay_queue", stdout=io.StringIO())
    engine.refresh()
    assert not engine.es.exists(index=engine.get_index_for_model(Page).name, id=str(pk))


def test_check_index_finds_and_fixes_a_missing_page(client, engine, news_index):
    page = ArticlePageFactory(parent=news_index, title="Page oubliée par le moteur")
    index = engine.get_index_for_model(Page)
    index.delete_item(page)
    out = io.StringIO()
    with pytest.raises(CommandError, match="disagree"):
        call_command("search_check_index", stdout=out)
    assert f"Missing from the index: [{page.pk}]" in out.getvalue()
    call_command("search_check_index", "--fix", stdout=out)
    assert "Repaired" in out.getvalue()
    assert api(client, q="oubliée")["count"] == 1


def test_rebuild_switches_an_alias_and_search_never_goes_empty(client, engine, news_index):
    ArticlePageFactory(parent=news_index, title="Article présent avant la reconstruction")
    call_command("update_index", stdout=io.StringIO())
    index = engine.get_index_for_model(Page)
    assert index.is_alias()
    first = {i.name for i in index.aliased_indices()}

    # During a rebuild the alias still points at the complete old index.
    rebuilder = engine.rebuilder_class(index)
    new_index = rebuilder.start()
    for model in get_indexed_models():
        if engine.get_index_for_model(model).name == index.name:
            new_index.add_model(model)
    assert new_index.name != index.name
    assert api(client, q="reconstruction")["count"] == 1
    new_index.delete()  # abandon this half-built index
    out = io.StringIO()
    call_command("update_index", stdout=out)
    assert "docs/s" in out.getvalue() and "(100 %)" in out.getvalue()
    assert {i.name for i in index.aliased_indices()} != first
    assert api(client, q="reconstruction")["count"] == 1


def test_changes_made_during_a_rebuild_reach_the_new_index(client, engine, news_index, monkeypatch):
    from search.management.commands.update_index import Command

    edited = ArticlePageFactory(parent=news_index, title="Chantier ancien intitulé")
    withdrawn = ArticlePageFactory(parent=news_index, title="Chantier bientôt retiré")
    call_command("update_index", stdout=io.StringIO())
    original = Command.print_iter_progress
    done = []

    def change_pages_after_their_chunk(self, iterable):
        for chunk in original(self, iterable):
            yield chunk  # the caller writes this chunk to the new index before resuming
            if not done and any(page.pk == edited.pk for page in chunk):
                done.append(True)
                edited.title = "Chantier nouvel intitulé"
                edited.save_revision().publish()
                withdrawn.unpublish()
                ArticlePageFactory(parent=news_index, title="Chantier publié pendant")

    monkeypatch.setattr(Command, "print_iter_progress", change_pages_after_their_chunk)
    out = io.StringIO()
    call_command("update_index", "--backend", "default", stdout=out)
    assert done, "the pages were not changed during the rebuild"
    engine.refresh()
    assert titles(api(client, q="chantier")) == {
        "Chantier nouvel intitulé",
        "Chantier publié pendant",
    }
    assert api(client, q="ancien")["count"] == 0
    assert "Caught up after the switch" in out.getvalue()
