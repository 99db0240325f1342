"""The booklet PDF is the worker's job: readers and publishes only enqueue.

WeasyPrint is replaced by a stand-in that returns a tiny PDF naming what it rendered, so
these tests check the queue, the lock and the file swaps quickly; test_pdf.py renders real
PDFs.
"""

import datetime
import os

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from booklet import pdf_files
from booklet.pdf import fingerprint
from booklet.pdf_files import (
    acquire_lock,
    pdf_state,
    refresh_booklet_pdf,
    release_lock,
    store_rendered,
)
from booklet.pdf_record import BookletPdf
from booklet.pdf_serving import request_render
from booklet.tasks import render_booklet_pdf_task
from tests.processes import django_shell

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def renders(monkeypatch):
    """Every render, as the titles of the chapters it laid out."""
    done = []

    def fake_render(booklet, chapters):
        done.append([chapter.title for chapter in chapters])
        return f"%PDF-fake {fingerprint(booklet, chapters)}".encode()

    monkeypatch.setattr(pdf_files, "render_booklet_pdf", fake_render)
    return done


@pytest.fixture
def dummy_queue(settings):
    """A queue that keeps its tasks: nothing runs unless the test runs it."""
    settings.TASKS = DUMMY_TASKS
    backend = render_booklet_pdf_task.get_backend()
    backend.clear()
    return backend


def pdf_tasks(backend) -> list:
    """The enqueued PDF renders (Wagtail enqueues its index updates there too)."""
    return [r for r in backend.results if r.task.func is render_booklet_pdf_task.func]


def run_queue(backend) -> None:
    """What the worker does: run every enqueued PDF render once."""
    results = pdf_tasks(backend)
    backend.clear()
    for result in results:
        result.task.call(*result.args, **result.kwargs)


def stored_content(booklet) -> bytes:
    with default_storage.open(pdf_state(booklet.pk).file_name, "rb") as handle:
        return handle.read()


def publish_change(chapter, title: str) -> None:
    chapter.title = title
    chapter.save_revision().publish()


@pytest.mark.django_db
class TestReadersNeverRender:
    def test_no_pdf_yet_answers_503_and_enqueues_once(
        self, client, booklet, chapters, renders, dummy_queue
    ):
        responses = [client.get(booklet.url + "pdf/") for _ in range(3)]
        assert [r.status_code for r in responses] == [503, 503, 503]
        assert all(int(r["Retry-After"]) > 0 for r in responses)
        assert "en préparation" in responses[0].content.decode()
        assert f'href="{booklet.url}"' in responses[0].content.decode()
        assert renders == []  # nothing rendered in a request
        assert len(pdf_tasks(dummy_queue)) == 1  # three readers, one task
        run_queue(dummy_queue)
        assert len(renders) == 1
        response = client.get(booklet.url + "pdf/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored_content(booklet)
        assert "Warning" not in response

    def test_last_good_pdf_served_with_a_notice_while_the_new_one_renders(
        self,
        client,
        settings,
        booklet,
        chapters,
        renders,
        dummy_queue,
        django_capture_on_commit_callbacks,
    ):
        refresh_booklet_pdf(booklet.pk)
        old = stored_content(booklet)
        settings.BOOKLET_PDF_ON_PUBLISH = True
        with django_capture_on_commit_callbacks(execute=True):
            publish_change(chapters[0], "Ouverture revue")
        assert len(pdf_tasks(dummy_queue)) == 1  # the publish enqueued, rendered nothing
        assert len(renders) == 1
        for _ in range(2):
            response = client.get(booklet.url + "pdf/")
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == old
            assert "Stale" in response["Warning"]
        assert len(pdf_tasks(dummy_queue)) == 1  # readers did not enqueue it again
        run_queue(dummy_queue)
        assert "Ouverture revue" in renders[-1]
        response = client.get(booklet.url + "pdf/")
        assert b"".join(response.streaming_content) == stored_content(booklet) != old
        assert "Warning" not in response
        assert not default_storage.exists(pdf_files.pdf_directory(booklet) + "/" + "x.pdf")

    def test_a_lost_request_is_asked_again_later(self, client, booklet, chapters, dummy_queue):
        client.get(booklet.url + "pdf/")
        BookletPdf.objects.filter(booklet_id=booklet.pk).update(
            render_requested_at=timezone.now() - datetime.timedelta(hours=1)
        )
        client.get(booklet.url + "pdf/")
        assert len(pdf_tasks(dummy_queue)) == 2

    def test_publishing_in_the_admin_enqueues_after_commit_and_renders_nothing(
        self,
        client,
        settings,
        booklet,
        chapters,
        renders,
        dummy_queue,
        django_capture_on_commit_callbacks,
    ):
        from django.contrib.auth.models import User

        settings.BOOKLET_PDF_ON_PUBLISH = True
        client.force_login(User.objects.create_superuser("admin", "a@example.org", "x"))
        data = nested_form_data(
            {
                "title": "Discours d'ouverture, revu",
                "slug": chapters[0].slug,
                "intro": "",
                "body": streamfield([("paragraph", rich_text("<p>Bienvenue.</p>"))]),
                "action-publish": "action-publish",
            }
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("wagtailadmin_pages:edit", args=[chapters[0].pk]), data)
        assert response.status_code == 302
        assert renders == []
        assert [r.args for r in pdf_tasks(dummy_queue)] == [[booklet.pk]]


@pytest.mark.django_db
def test_publishing_a_booklet_with_its_chapters_enqueues_one_render(
    settings, home, renders, dummy_queue, django_capture_on_commit_callbacks
):
    from booklet.publishing import publish_booklet
    from tests.factories import BookletChapterPageFactory, BookletPageFactory

    settings.BOOKLET_PDF_ON_PUBLISH = True
    booklet = BookletPageFactory(parent=home, live=False)
    for _ in range(3):
        BookletChapterPageFactory(parent=booklet, live=False, ready=True).save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        publish_booklet(booklet)
    assert [r.args for r in pdf_tasks(dummy_queue)] == [[booklet.pk]]
    assert renders == []


@pytest.mark.django_db
class TestOneRenderAtATime:
    def test_a_held_lock_makes_the_worker_skip(self, booklet, chapters, renders):
        token = acquire_lock(booklet.pk)
        assert token and acquire_lock(booklet.pk) is None
        assert refresh_booklet_pdf(booklet.pk) == "busy"
        assert renders == []
        release_lock(booklet.pk, token)
        assert refresh_booklet_pdf(booklet.pk) == "rendered"
        assert refresh_booklet_pdf(booklet.pk) == "fresh"
        assert len(renders) == 1

    def test_a_crashed_worker_lock_expires(self, booklet, chapters, renders):
        assert acquire_lock(booklet.pk)
        BookletPdf.objects.filter(booklet_id=booklet.pk).update(
            locked_until=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert refresh_booklet_pdf(booklet.pk) == "rendered"

    def test_changes_published_during_a_render_are_rendered_next(
        self, booklet, chapters, monkeypatch
    ):
        seen = []

        def render_while_publishing(page, pages):
            seen.append([chapter.title for chapter in pages])
            if len(seen) == 1:
                publish_change(chapters[1], "Publié pendant le rendu")
                request_render(booklet.pk)  # what the publish does once committed
            return f"%PDF-fake {len(seen)}".encode()

        monkeypatch.setattr(pdf_files, "render_booklet_pdf", render_while_publishing)
        assert refresh_booklet_pdf(booklet.pk) == "rendered"
        assert len(seen) == 2 and "Publié pendant le rendu" in seen[1]
        booklet.refresh_from_db()
        state = pdf_state(booklet.pk)
        assert state.fingerprint == fingerprint(booklet, booklet.chapters())
        assert stored_content(booklet) == b"%PDF-fake 2"
        assert state.render_requested_at is None and state.locked_until is None

    def test_a_late_render_never_removes_a_newer_file(self, booklet, chapters):
        directory = pdf_files.pdf_directory(booklet)
        now = timezone.now()
        older = default_storage.save(f"{directory}/older.pdf", ContentFile(b"%PDF-older"))
        newer = default_storage.save(f"{directory}/newer.pdf", ContentFile(b"%PDF-newer"))
        # The render that read the booklet later finishes first...
        assert store_rendered(booklet.pk, newer, "n", now)
        # ...and the one that read it earlier, finishing late, drops its own file.
        assert not store_rendered(booklet.pk, older, "o", now - datetime.timedelta(seconds=5))
        assert pdf_state(booklet.pk).file_name == newer
        assert default_storage.exists(newer) and not default_storage.exists(older)
        # A newer one still replaces it, and the replaced file goes.
        newest = default_storage.save(f"{directory}/newest.pdf", ContentFile(b"%PDF-newest"))
        assert store_rendered(booklet.pk, newest, "x", now + datetime.timedelta(seconds=5))
        assert not default_storage.exists(newer) and default_storage.exists(newest)


@pytest.mark.slow  # a second process
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_lock_holds_across_processes(home, renders):
    """Another process (a second worker) takes the lock: this one cannot, and skips."""
    from tests.factories import BookletChapterPageFactory, BookletPageFactory

    booklet = BookletPageFactory(parent=home)
    BookletChapterPageFactory(parent=booklet)
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tierslieux.settings.test",
    }
    code = f"from booklet.pdf_files import acquire_lock\nprint(acquire_lock({booklet.pk}))\n"
    output = django_shell(code, environment)
    token = output.strip().splitlines()[-1]
    assert len(token) == 32, output
    assert acquire_lock(booklet.pk) is None
    assert refresh_booklet_pdf(booklet.pk) == "busy"
    assert renders == []
    release_lock(booklet.pk, token)
    assert refresh_booklet_pdf(booklet.pk) == "rendered"
