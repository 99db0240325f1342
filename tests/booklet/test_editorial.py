import datetime
import json

import pytest

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from booklet.models import BookletChapterPage, BookletPage
from booklet.permissions import BOOKLET_EDITORS
from booklet.publishing import BookletPublicationError, publish_booklet
from tests.factories import (
    ArticlePageFactory,
    BookletChapterPageFactory,
    BookletPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    annual_meeting_event,
    workshop,
)


@pytest.fixture
def draft_booklet(home):
    booklet = BookletPageFactory(parent=home, title="Livret en préparation", live=False)
    booklet.save_revision()
    return booklet


def draft_chapter(booklet, title, ready=True, body=None):
    chapter = BookletChapterPageFactory(parent=booklet, title=title, live=False, ready=ready)
    if body is not None:
        chapter.body = json.dumps(body)
    chapter.save_revision(clean=False)
    return chapter


def live_state(*pages):
    return [Page.objects.get(pk=page.pk).live for page in pages]


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.org", "secret")


@pytest.mark.django_db
class TestPublishAll:
    def test_publishes_booklet_and_ready_chapters_together(self, draft_booklet):
        one = draft_chapter(draft_booklet, "Ouverture")
        two = draft_chapter(draft_booklet, "Permis de faire")
        later = draft_chapter(draft_booklet, "Pas relu", ready=False)
        report = publish_booklet(draft_booklet)
        assert report.published == ["Livret en préparation", "Ouverture", "Permis de faire"]
        assert live_state(draft_booklet, one, two, later) == [True, True, True, False]

    def test_a_failing_chapter_leaves_everything_unpublished(self, draft_booklet):
        good = draft_chapter(draft_booklet, "Ouverture")
        bad = draft_chapter(
            draft_booklet, "Atelier sans enseignement", body=[workshop("Culture", takeaways=[])]
        )
        with pytest.raises(BookletPublicationError) as error:
            publish_booklet(draft_booklet)
        assert any("Atelier sans enseignement" in m for m in error.value.messages)
        assert any("enseignement clé" in m for m in error.value.messages)
        assert live_state(draft_booklet, good, bad) == [False, False, False]
        assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()

    def test_an_error_while_publishing_rolls_everything_back(self, draft_booklet, monkeypatch):
        first = draft_chapter(draft_booklet, "Ouverture")
        second = draft_chapter(draft_booklet, "Permis de faire")

        original = BookletChapterPage.clean

        def failing_clean(page):
            original(page)
            if page.live and page.title == "Permis de faire":
                raise ValidationError("Panne simulée")

        monkeypatch.setattr(BookletChapterPage, "clean", failing_clean)
        with pytest.raises(BookletPublicationError):
            publish_booklet(draft_booklet)
        assert live_state(draft_booklet, first, second) == [False, False, False]

    def test_scheduled_publication(self, draft_booklet, monkeypatch):
        chapter = draft_chapter(draft_booklet, "Ouverture")
        go_live_at = timezone.now() + datetime.timedelta(days=2)
        report = publish_booklet(draft_booklet, go_live_at=go_live_at)
        assert report.scheduled_for == go_live_at
        assert live_state(draft_booklet, chapter) == [False, False]
        scheduled = Revision.page_revisions.filter(approved_go_live_at=go_live_at)
        assert {int(r.object_id) for r in scheduled} == {draft_booklet.pk, chapter.pk}
        # Two days later, the chapter's revision comes up first: it goes live with its booklet.
        scheduled.filter(object_id=str(chapter.pk)).update(
            approved_go_live_at=go_live_at - datetime.timedelta(seconds=1)
        )
        later = go_live_at + datetime.timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
        assert live_state(draft_booklet, chapter) == [True, True]

    def test_unpublishing_the_booklet_takes_its_chapters_offline(self, booklet, chapters):
        booklet.unpublish()
        assert live_state(*chapters) == [False, False, False]


@pytest.mark.django_db
class TestChapterWaitsForBooklet:
    def test_model_refuses_to_publish_a_chapter_alone(self, draft_booklet):
        chapter = draft_chapter(draft_booklet, "Ouverture")
        with pytest.raises(ValidationError, match="ne peut pas être publié seul"):
            chapter.get_latest_revision().publish()
        assert live_state(chapter) == [False]

    def test_admin_publish_is_refused_with_a_message(self, client, admin_user, draft_booklet):
        chapter = draft_chapter(draft_booklet, "Ouverture")
        client.force_login(admin_user)
        url = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
        data = nested_form_data(
            {
                "title": "Ouverture",
                "slug": chapter.slug,
                "intro": "Les discours.",
                "ready": "on",
                "body": streamfield([("paragraph", rich_text("<p>Bienvenue.</p>"))]),
                "action-publish": "action-publish",
            }
        )
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert live_state(chapter) == [False]
        texts = [str(m) for m in response.context["messages"]]
        assert any("ne peut pas être publié seul" in t for t in texts), texts
        # The draft was kept.
        chapter.refresh_from_db()
        assert chapter.get_latest_revision_as_object().intro == "Les discours."

    def test_bulk_publish_is_refused_too(self, client, admin_user, draft_booklet):
        chapter = draft_chapter(draft_booklet, "Ouverture")
        client.force_login(admin_user)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        response = client.post(f"{url}?id={chapter.pk}", follow=True)
        assert response.status_code == 200
        assert live_state(chapter) == [False]
        texts = [str(m) for m in response.context["messages"]]
        assert any("ne peut pas être publié seul" in t for t in texts), texts

    def test_publishing_once_the_booklet_is_live(self, booklet):
        chapter = BookletChapterPageFactory(parent=booklet, live=False)
        chapter.save_revision().publish()
        assert live_state(chapter) == [True]

    def test_admin_publish_all_view(self, client, admin_user, draft_booklet):
        good = draft_chapter(draft_booklet, "Ouverture")
        bad = draft_chapter(draft_booklet, "Atelier vide", body=[workshop("Culture", takeaways=[])])
        client.force_login(admin_user)
        url = reverse("booklet_publish", args=[draft_booklet.pk])
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft_booklet.pk]))
        assert f'href="{url}"' in edit.content.decode()  # offered on the booklet's edit view
        chapter_edit = client.get(reverse("wagtailadmin_pages:edit", args=[good.pk]))
        assert f'href="{url}"' not in chapter_edit.content.decode()
        page = client.get(url)
        assert page.status_code == 200
        assert "Atelier vide" in page.content.decode()
        refused = client.post(url, {"go_live_at": ""})
        assert refused.status_code == 400
        assert "été publié. Corrigez d" in refused.content.decode()
        assert "enseignement clé" in refused.content.decode()
        assert live_state(draft_booklet, good, bad) == [False, False, False]
        bad.ready = False
        bad.save_revision(clean=False)
        done = client.post(url, {"go_live_at": ""})
        assert done.status_code == 302
        assert live_state(draft_booklet, good, bad) == [True, True, False]
        missing = client.get(reverse("booklet_publish", args=[good.pk]), follow=True)
        assert missing.status_code == 404


@pytest.fixture
def booklet_editor(db):
    user = User.objects.create_user("editrice", "editrice@example.org", "secret")
    user.groups.add(Group.objects.get(name=BOOKLET_EDITORS))
    return user


@pytest.mark.django_db
class TestBookletEditors:
    def test_group_is_created_by_migration_with_admin_access(self):
        group = Group.objects.get(name=BOOKLET_EDITORS)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert "access_admin" in codenames
        assert not {"change_person", "add_theme", "change_organisation"} & codenames

    def test_can_edit_and_publish_booklet_pages_only(
        self, client, booklet_editor, home, news_index, booklet, chapters
    ):
        article = ArticlePageFactory(parent=news_index)
        other = BookletPageFactory(parent=home)  # created later: rights follow
        for page in [booklet, chapters[0], other]:
            permissions = page.permissions_for_user(booklet_editor)
            assert permissions.can_edit() and permissions.can_publish(), page
        assert booklet.permissions_for_user(booklet_editor).can_add_subpage()
        for page in [home, news_index, article]:
            permissions = page.permissions_for_user(booklet_editor)
            assert not permissions.can_edit() and not permissions.can_publish(), page
        # Livret creates booklets under the home page, and nothing else there
        # (tests/editorial/test_permissions.py: create_booklet, create_section_under_home).
        assert home.permissions_for_user(booklet_editor).can_add_subpage()

        client.force_login(booklet_editor)
        edit = "wagtailadmin_pages:edit"
        assert client.get(reverse(edit, args=[chapters[0].pk])).status_code == 200
        assert client.get(reverse(edit, args=[article.pk])).status_code in (302, 403)
        assert client.get(reverse(edit, args=[home.pk])).status_code in (302, 403)
        assert client.get(reverse("booklet_publish", args=[booklet.pk])).status_code == 200
        snippet_edit = client.get("/admin/snippets/home/person/add/")
        assert snippet_edit.status_code in (302, 403)

    def test_can_choose_fabriques_and_snippets(
        self, client, booklet_editor, home, booklet, search_refresh
    ):
        from tests.factories import PersonFactory

        directory = FabriqueIndexPageFactory(parent=home)
        FabriquePageFactory(parent=directory, title="La Grange Numérique")
        PersonFactory(name="Marie-Laure Cuvelier")
        search_refresh()
        client.force_login(booklet_editor)
        pages = client.get(
            "/admin/choose-page/search/",
            {"q": "Grange", "page_type": "fabriques.fabriquepage"},
        )
        assert pages.status_code == 200
        assert "La Grange Numérique" in pages.content.decode()
        people = client.get("/admin/snippets/choose/home/person/")
        assert people.status_code == 200
        assert "Marie-Laure Cuvelier" in people.content.decode()

    def test_editor_cannot_publish_all_on_a_booklet_without_rights(
        self, client, booklet_editor, booklet
    ):
        from wagtail.models import GroupPagePermission

        GroupPagePermission.objects.filter(page=booklet).delete()
        client.force_login(booklet_editor)
        response = client.get(reverse("booklet_publish", args=[booklet.pk]))
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"


@pytest.mark.django_db
class TestCrossLinks:
    def test_reference_index_finds_chapter_to_fabrique(self, home, booklet):
        directory = FabriqueIndexPageFactory(parent=home)
        fabrique = FabriquePageFactory(parent=directory, identifier="FT-23-001")
        chapter = BookletChapterPageFactory(
            parent=booklet, body=json.dumps([workshop("Médiation", fabriques=[fabrique])])
        )
        references = ReferenceIndex.get_references_to(fabrique)
        sources = {(ref.content_type.model_class(), int(ref.object_id)) for ref in references}
        assert (BookletChapterPage, chapter.pk) in sources
        paths = {ref.content_path for ref in references if int(ref.object_id) == chapter.pk}
        assert any(path.startswith("body.") and ".fabriques." in path for path in paths), paths

    def test_event_page_links_to_its_live_booklet(self, client, home):
        event = annual_meeting_event(home)
        draft = BookletPageFactory(parent=home, event=event, title="Brouillon", live=False)
        response = client.get(event.url)
        assert response.status_code == 200
        assert "event-booklets" not in response.content.decode()
        booklet = BookletPageFactory(parent=home, event=event, title="Le livret")
        booklet.save_revision().publish()  # as the admin does: the event page follows
        content = client.get(event.url).content.decode()
        assert f'href="{booklet.url}"' in content
        assert f'href="{booklet.url}pdf/"' in content
        assert draft.title not in content
        assert BookletPage.objects.get(pk=booklet.pk).event == event
