"""The booklet tools as a booklet editor uses them, through the admin's own views.

The editor is a plain user of the Livret group (rights on the booklets only),
never a superuser.
"""

import datetime
import json
from html import escape

import pytest

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    GroupApprovalTask,
    Page,
    PageViewRestriction,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from booklet import pdf_files
from booklet.models import BookletChapterPage
from booklet.permissions import BOOKLET_EDITORS
from tests.factories import BookletChapterPageFactory, BookletPageFactory, paragraph


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editrice", "editrice@example.org", "secret")
    user.groups.add(Group.objects.get(name=BOOKLET_EDITORS))
    return user


@pytest.fixture
def colleague(db):
    user = User.objects.create_user("collegue", "collegue@example.org", "secret")
    user.groups.add(Group.objects.get(name=BOOKLET_EDITORS))
    return user


@pytest.fixture
def offline_booklet(home):
    booklet = BookletPageFactory(parent=home, title="Livret en préparation", live=False)
    booklet.save_revision()
    return booklet


def draft_chapter(booklet, title, ready=True):
    chapter = BookletChapterPageFactory(parent=booklet, title=title, live=False, ready=ready)
    chapter.body = json.dumps([paragraph("Texte relu.")])
    chapter.save_revision(clean=False)
    return chapter


def chapter_form(chapter, **extra):
    return nested_form_data(
        {
            "title": chapter.title,
            "slug": chapter.slug,
            "intro": "",
            "ready": "on",
            "body": streamfield([("paragraph", rich_text("<p>Texte relu.</p>"))]),
            **extra,
        }
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def is_live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def latest_ready(chapter) -> bool:
    return BookletChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object().ready


@pytest.mark.django_db
class TestReadyClearedOncePublished:
    def test_publish_all_clears_ready(self, client, editor, offline_booklet):
        chapter = draft_chapter(offline_booklet, "Ouverture")
        client.force_login(editor)
        response = client.post(reverse("booklet_publish", args=[offline_booklet.pk]), {})
        assert response.status_code == 302
        assert is_live(chapter)
        assert not BookletChapterPage.objects.get(pk=chapter.pk).ready
        assert not latest_ready(chapter)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[chapter.pk]))
        checkbox = next(
            line for line in edit.content.decode().splitlines() if 'name="ready"' in line
        )
        assert "checked" not in checkbox

    def test_publishing_a_chapter_in_its_editor_clears_ready(self, client, editor, booklet):
        chapter = draft_chapter(booklet, "Ouverture")
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
        response = client.post(url, chapter_form(chapter, **{"action-publish": "publish"}))
        assert response.status_code == 302
        assert is_live(chapter)
        assert not latest_ready(chapter)
        # A later draft is not published by "publish the booklet" until ticked again.
        later = BookletChapterPage.objects.get(pk=chapter.pk)
        later.title = "Ouverture, brouillon non relu"
        later.save_revision()
        client.post(reverse("booklet_publish", args=[booklet.pk]), {})
        assert Page.objects.get(pk=chapter.pk).title == "Ouverture"


@pytest.mark.django_db
class TestPublishAllLocksAndRights:
    def test_a_chapter_locked_by_a_colleague_is_left_out_and_reported(
        self, client, editor, colleague, offline_booklet
    ):
        free = draft_chapter(offline_booklet, "Ouverture")
        locked = draft_chapter(offline_booklet, "Permis de faire")
        Page.objects.filter(pk=locked.pk).update(
            locked=True, locked_by=colleague, locked_at=timezone.now()
        )
        not_ready = draft_chapter(offline_booklet, "Besoins", ready=False)
        client.force_login(editor)
        url = reverse("booklet_publish", args=[offline_booklet.pk])
        plan = client.get(url).content.decode()
        assert "Permis de faire" in plan and "verrouillé" in plan
        response = client.post(url, {}, follow=True)
        assert [is_live(p) for p in (offline_booklet, free, locked, not_ready)] == [
            True,
            True,
            False,
            False,
        ]
        texts = messages_of(response)
        assert any("Ouverture" in t and "Publiés ensemble" in t for t in texts), texts
        assert any("« Permis de faire » non publié : verrouillé" in t for t in texts), texts
        assert any("Besoins" in t and "brouillon" in t for t in texts), texts
        assert latest_ready(locked)  # left as it was

    def test_a_booklet_locked_by_a_colleague_cannot_be_published_all(
        self, client, editor, colleague, offline_booklet
    ):
        draft_chapter(offline_booklet, "Ouverture")
        Page.objects.filter(pk=offline_booklet.pk).update(
            locked=True, locked_by=colleague, locked_at=timezone.now()
        )
        client.force_login(editor)
        url = reverse("booklet_publish", args=[offline_booklet.pk])
        assert client.post(url, {}).status_code in (302, 403)
        assert not is_live(offline_booklet)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[offline_booklet.pk]))
        assert f'href="{url}"' not in edit.content.decode()
        listing = client.get(
            reverse("wagtailadmin_explore", args=[offline_booklet.get_parent().pk])
        )
        assert f'href="{url}"' not in listing.content.decode()
        client.force_login(colleague)  # the lock's owner may
        assert client.post(url, {}).status_code == 302
        assert is_live(offline_booklet)


@pytest.fixture
def booklet_review(offline_booklet):
    """A workflow on the booklet: booklet editors approve its chapters."""
    task = GroupApprovalTask.objects.create(name="Relecture du livret")
    task.groups.set([Group.objects.get(name=BOOKLET_EDITORS)])
    workflow = Workflow.objects.create(name="Livret")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=offline_booklet)
    return workflow


@pytest.mark.django_db
class TestOfflineBookletChapters:
    def test_a_chapter_cannot_be_scheduled_alone(self, client, editor, offline_booklet):
        chapter = draft_chapter(offline_booklet, "Ouverture")
        client.force_login(editor)
        go_live_at = timezone.localtime() + datetime.timedelta(days=3)
        data = chapter_form(
            chapter,
            go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "publish"},
        )
        url = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
        response = client.post(url, data, follow=True)
        assert any("ne peut pas être publié seul" in t for t in messages_of(response))
        assert not Revision.page_revisions.filter(
            object_id=str(chapter.pk), approved_go_live_at__isnull=False
        ).exists()

    def test_a_chapter_cannot_be_approved_in_the_editor(
        self, client, editor, colleague, offline_booklet, booklet_review
    ):
        chapter = draft_chapter(offline_booklet, "Ouverture")
        booklet_review.start(chapter, colleague)
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
        assert "ne peut pas être approuvé" in client.get(url).content.decode()  # said first
        data = chapter_form(
            chapter,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        response = client.post(url, data, follow=True)
        texts = messages_of(response)
        assert any("ne peut pas être approuvé" in t for t in texts), texts
        assert not is_live(chapter)
        assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS

    def test_nor_through_the_workflow_action_view(
        self, client, editor, colleague, offline_booklet, booklet_review
    ):
        chapter = draft_chapter(offline_booklet, "Ouverture")
        booklet_review.start(chapter, colleague)
        task_state = TaskState.objects.get()
        client.force_login(editor)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[chapter.pk, "approve", task_state.pk]
        )
        response = client.post(url, {"comment": ""})
        assert response.status_code in (302, 403)  # the admin's refusal: back to the dashboard
        assert not is_live(chapter)
        assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS

    def test_approval_works_once_the_booklet_is_live(
        self, client, editor, colleague, offline_booklet, booklet_review
    ):
        chapter = draft_chapter(offline_booklet, "Ouverture")
        offline_booklet.get_latest_revision().publish()
        booklet_review.start(chapter, colleague)
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
        data = chapter_form(
            chapter,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        client.post(url, data)
        assert is_live(chapter)

    def test_taking_the_booklet_offline_cancels_its_chapters_schedules(
        self, client, editor, booklet
    ):
        chapter = draft_chapter(booklet, "Ouverture")
        chapter.go_live_at = timezone.now() + datetime.timedelta(days=3)
        chapter.save_revision().publish()
        scheduled = Revision.page_revisions.filter(
            object_id=str(chapter.pk), approved_go_live_at__isnull=False
        )
        assert scheduled.exists()
        client.force_login(editor)
        response = client.post(
            reverse("wagtailadmin_pages:unpublish", args=[booklet.pk]), {}, follow=True
        )
        assert not is_live(booklet)
        assert not scheduled.exists()
        texts = messages_of(response)
        assert any("annulée" in t and "Ouverture" in t for t in texts), texts


@pytest.mark.django_db
class TestRestrictedBooklet:
    @pytest.fixture
    def restricted(self, booklet, chapters):
        PageViewRestriction.objects.create(page=booklet, restriction_type=PageViewRestriction.LOGIN)
        return booklet

    def test_anonymous_readers_are_sent_to_log_in(self, client, restricted, chapters):
        for url in (restricted.url, chapters[0].url, restricted.url + "pdf/"):
            assert client.get(url).status_code == 302, url

    def test_admitted_readers_see_the_chapters_and_the_pdf(
        self, client, restricted, chapters, monkeypatch
    ):
        laid_out = []

        def fake_render(booklet, pages):
            laid_out.append([page.title for page in pages])
            return b"%PDF-fake"

        monkeypatch.setattr(pdf_files, "render_booklet_pdf", fake_render)
        client.force_login(User.objects.create_user("lectrice", "l@example.org", "x"))
        content = client.get(restricted.url).content.decode()
        for chapter in chapters:
            assert escape(chapter.title) in content
        chapter_page = client.get(chapters[1].url).content.decode()
        assert "Chapitre 2 sur 3" in chapter_page
        response = client.get(restricted.url + "pdf/")
        assert response.status_code == 200
        assert laid_out == [[chapter.title for chapter in chapters]]

    def test_a_chapter_restricted_on_its_own_stays_out_of_the_list(self, client, booklet, chapters):
        PageViewRestriction.objects.create(
            page=chapters[2], restriction_type=PageViewRestriction.LOGIN
        )
        content = client.get(booklet.url).content.decode()
        assert escape(chapters[0].title) in content
        assert escape(chapters[2].title) not in content
