"""Engine index updates (search/queue.py): recorded with the change, sent after commit,
kept until the engine has them, replayed by the scheduler's job; against the real engine."""

import io

import pytest

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page, PageViewRestriction

from search import queue
from search.models import PendingIndexUpdate
from tests.factories import ArticlePageFactory

from .helpers import api, titles

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def in_engine(engine, page) -> bool:
    engine.refresh()
    return engine.es.exists(index=engine.get_index_for_model(Page).name, id=str(page.pk))


def engine_document(engine, page) -> dict:
    engine.refresh()
    name = engine.get_index_for_model(Page).name
    return engine.es.get(index=name, id=str(page.pk))["_source"]


def run_waiting_tasks() -> None:
    """What db_worker does with each waiting task, in this test's transaction (the
    command itself closes the connection between tasks: tests/test_tasks_worker.py runs
    the real one)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    while (waiting := DBTaskResult.objects.ready().first()) is not None:
        waiting.claim(worker.worker_id)
        worker.run_task(waiting)


def test_a_rolled_back_publish_leaves_nothing_in_the_engine(client, engine, news_index):
    with pytest.raises(RuntimeError), transaction.atomic():
        page = ArticlePageFactory(parent=news_index, title="Une annonce fantôme")
        page.save_revision().publish()
        raise RuntimeError("the import fails on a later line")
    assert not in_engine(engine, page)
    assert api(client, q="fantôme")["count"] == 0
    assert not PendingIndexUpdate.objects.exists()


def test_a_committed_publish_reaches_the_engine_after_commit(client, engine, news_index):
    sent = []
    with transaction.atomic():
        page = ArticlePageFactory(parent=news_index, title="Une annonce bien publiée")
        page.save_revision().publish()
        sent.append(in_engine(engine, page))
    assert sent == [False], "the engine was written inside the transaction"
    assert in_engine(engine, page)
    assert titles(api(client, q="publiée")) == {"Une annonce bien publiée"}
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.parametrize(
    "arguments", [["--backend", "database"], ["--schema-only"]], ids=["database", "schema"]
)
def test_another_backends_rebuild_keeps_the_engines_queued_updates(
    client, settings, engine, news_index, engine_down, arguments
):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "database": {"BACKEND": "search.backends.database"},
    }
    page = ArticlePageFactory(parent=news_index, title="Une coopérative pendant la panne")
    page.save_revision().publish()
    assert PendingIndexUpdate.objects.filter(backend="default", object_id=str(page.pk)).exists()

    if arguments == ["--schema-only"]:
        engine_down()  # the engine is back for this rebuild of its schema
    call_command("update_index", *arguments, stdout=io.StringIO())

    assert PendingIndexUpdate.objects.filter(backend="default", object_id=str(page.pk)).exists()
    if arguments != ["--schema-only"]:
        engine_down()
    call_command("search_replay_queue", stdout=io.StringIO())
    engine.refresh()
    assert titles(api(client, q="coopérative")) == {"Une coopérative pendant la panne"}


def test_a_replay_keeps_an_update_recorded_while_it_was_sent(engine, news_index, monkeypatch):
    page = ArticlePageFactory(parent=news_index, title="Une page modifiée pendant l'envoi")
    PendingIndexUpdate.objects.create(model_label="articles.articlepage", object_id=str(page.pk))
    index_class = type(engine.get_index_for_model(Page))
    original = index_class.add_item

    def add_then_edited_again(self, item):
        original(self, item)
        with transaction.atomic():  # an editor saves the page meanwhile
            queue.record(engine, page)

    monkeypatch.setattr(index_class, "add_item", add_then_edited_again)
    monkeypatch.setattr(transaction, "on_commit", lambda *args, **kwargs: None)
    report = queue.replay()
    assert report.done == 1
    left = PendingIndexUpdate.objects.get(object_id=str(page.pk))
    assert left.version == 2, "the newer change must stay queued"


def test_a_restriction_reindexes_its_branch_in_the_worker_not_in_the_request(
    settings, engine, news_index
):
    page = ArticlePageFactory(parent=news_index, title="Une page bientôt réservée")
    assert engine_document(engine, page)["ftl_visible"] is True
    settings.TASKS = DATABASE_TASKS

    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path="search.tasks.reindex_branch")
    assert waiting.count() == 1, "the branch's reindexing is not queued for the worker"
    assert engine_document(engine, page)["ftl_visible"] is True, "reindexed in the request"
    run_waiting_tasks()
    assert engine_document(engine, page)["ftl_visible"] is False
    assert not PendingIndexUpdate.objects.exists()


def test_excerpts_come_from_the_page_not_from_the_engine(client, engine, news_index):
    from tests.search.conftest import paragraph

    page = ArticlePageFactory(
        parent=news_index,
        title="Un jardin partagé",
        intro="Un jardin ouvert.",
        body=paragraph("Le code de la porte est 4512, à ne pas publier."),
    )
    page.save_revision().publish()
    assert "4512" in engine_document(engine, page)["ftl_text_fr"]
    # The editor removes the sentence; the engine has not heard of it yet.
    type(page).objects.filter(pk=page.pk).update(body=paragraph("Ouvert le samedi."))

    # The engine still finds the page by the removed words; the excerpt must not show them.
    (result,) = api(client, q="code porte")["results"]
    assert "4512" not in result["excerpt"]
    assert "samedi" in result["excerpt"]


def test_a_replay_stops_early_while_the_engine_is_still_down(engine, news_index, engine_down):
    for number in range(queue.GIVE_UP_AFTER + 2):
        ArticlePageFactory(parent=news_index, title=f"Article {number} pendant la panne")
    waiting = PendingIndexUpdate.objects.count()
    assert waiting >= queue.GIVE_UP_AFTER + 2

    report = queue.replay()
    assert (report.done, report.failed, report.left) == (0, queue.GIVE_UP_AFTER, waiting)

    engine_down()  # back
    assert queue.replay().left == 0
