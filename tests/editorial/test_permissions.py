"""The permission matrix (README, "Editorial roles"), through the admin's own URLs.

Each role tries every action of the matrix: what it must do succeeds, what it must not do
gets a 403, the admin's "permission denied" redirect, or leaves the page unchanged (a
publish request from a writer is saved as a draft, never published).
"""

import pytest

from django.urls import reverse

from wagtail.models import Page

from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION
from tests.factories import ArticlePageFactory

from .conftest import fresh_page
from .forms import article_form, chapter_form, fabrique_form

pytestmark = pytest.mark.django_db

ROLES = [REDACTION, PUBLICATION, LIVRET, FABRIQUES]


def reached(response) -> bool:
    """True for a page served (200) or an action done (redirect elsewhere than the admin's
    "permission denied"), False for a refusal."""
    if response.status_code == 403:
        return False
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        return False
    assert response.status_code in (200, 302), response.status_code
    return True


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model: str, parent) -> str:
    app_label, model_name = model.split(".")
    return reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])


def published_title(page) -> str:
    return Page.objects.get(pk=page.pk).title


# Each action: (client, site) -> whether it was done, checked on the data where it writes.
def create_article(client, site):
    return reached(client.get(add_url("articles.articlepage", site.news)))


def create_event(client, site):
    return reached(client.get(add_url("agenda.eventpage", site.agenda)))


def edit_article(client, site):
    return reached(client.get(edit_url(site.article)))


def edit_event(client, site):
    return reached(client.get(edit_url(site.event)))


def publish_article(client, site):
    data = article_form(site.article, title="Titre publié", **{"action-publish": "publish"})
    client.post(edit_url(site.article), data)
    return published_title(site.article) == "Titre publié"


def submit_article(client, site):
    data = article_form(site.article, **{"action-submit": "submit"})
    client.post(edit_url(site.article), data)
    return fresh_page(site.article).workflow_in_progress


def unpublish_article(client, site):
    url = reverse("wagtailadmin_pages:unpublish", args=[site.article.pk])
    if not reached(client.get(url)):
        return False
    client.post(url)
    return not fresh_page(site.article).live


def delete_article(client, site):
    url = reverse("wagtailadmin_pages:delete", args=[site.article.pk])
    if not reached(client.get(url)):
        return False
    client.post(url)
    return not Page.objects.filter(pk=site.article.pk).exists()


def delete_own_draft(client, site):
    """A never-published article of the user's own: Wagtail lets a writer delete it,
    the roles do not (deleting is a publisher's act)."""
    draft = ArticlePageFactory(parent=site.news, live=False, owner=client.user)
    url = reverse("wagtailadmin_pages:delete", args=[draft.pk])
    if not reached(client.get(url)):
        return False
    client.post(url)
    return not Page.objects.filter(pk=draft.pk).exists()


def bulk_delete_own_draft(client, site):
    """The same through the explorer's bulk action."""
    draft = ArticlePageFactory(parent=site.news, live=False, owner=client.user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{url}?id={draft.pk}")
    return not Page.objects.filter(pk=draft.pk).exists()


def move_article(client, site):
    url = reverse("wagtailadmin_pages:move_confirm", args=[site.article.pk, site.news.pk])
    return reached(client.get(url))


def change_article_privacy(client, site):
    url = reverse("wagtailadmin_pages:set_privacy", args=[site.article.pk])
    if not reached(client.get(url)):
        return False
    client.post(url, {"restriction_type": "login"})
    return site.article.get_view_restrictions().exists()


def edit_own_fabrique(client, site):
    data = fabrique_form(site.my_fabrique, short_description="Mise à jour par la Fabrique.")
    client.post(edit_url(site.my_fabrique), data)
    latest = fresh_page(site.my_fabrique).get_latest_revision_as_object()
    return latest.short_description == "Mise à jour par la Fabrique."


def submit_own_fabrique(client, site):
    data = fabrique_form(site.my_fabrique, **{"action-submit": "submit"})
    client.post(edit_url(site.my_fabrique), data)
    return fresh_page(site.my_fabrique).workflow_in_progress


def publish_own_fabrique(client, site):
    data = fabrique_form(site.my_fabrique, title="Fabrique publiée", **{"action-publish": "p"})
    client.post(edit_url(site.my_fabrique), data)
    return published_title(site.my_fabrique) == "Fabrique publiée"


def edit_other_fabrique(client, site):
    return reached(client.get(edit_url(site.other_fabrique)))


def delete_fabrique(client, site):
    return reached(client.get(reverse("wagtailadmin_pages:delete", args=[site.my_fabrique.pk])))


def create_booklet(client, site):
    return reached(client.get(add_url("booklet.bookletpage", site.home)))


def create_section_under_home(client, site):
    return reached(client.get(add_url("articles.articleindexpage", site.home)))


def edit_chapter(client, site):
    return reached(client.get(edit_url(site.chapter)))


def publish_chapter(client, site):
    data = chapter_form(site.chapter, title="Chapitre publié", **{"action-publish": "p"})
    client.post(edit_url(site.chapter), data)
    return published_title(site.chapter) == "Chapitre publié"


def manage_themes(client, site):
    return reached(client.get(reverse("wagtailsnippets_home_theme:add")))


def assign_fabrique_editors(client, site):
    return reached(client.get(reverse("fabrique_editors:add")))


# Action -> the roles that may do it (every other role must be refused).
MATRIX = {
    create_article: {REDACTION, PUBLICATION},
    create_event: {REDACTION, PUBLICATION},
    edit_article: {REDACTION, PUBLICATION},
    edit_event: {REDACTION, PUBLICATION},
    submit_article: {REDACTION, PUBLICATION},
    publish_article: {PUBLICATION},
    unpublish_article: {PUBLICATION},
    delete_article: {PUBLICATION},
    delete_own_draft: {PUBLICATION},
    bulk_delete_own_draft: {PUBLICATION},
    move_article: {PUBLICATION},
    change_article_privacy: {PUBLICATION},
    edit_own_fabrique: {FABRIQUES, PUBLICATION},
    submit_own_fabrique: {FABRIQUES, PUBLICATION},
    publish_own_fabrique: {PUBLICATION},
    edit_other_fabrique: {PUBLICATION},
    delete_fabrique: {PUBLICATION},
    create_booklet: {LIVRET},
    create_section_under_home: set(),
    edit_chapter: {LIVRET},
    publish_chapter: {LIVRET},
    manage_themes: {PUBLICATION},
    assign_fabrique_editors: {PUBLICATION},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX), ids=lambda action: action.__name__)
def test_matrix(client, site, role, action):
    client.force_login(site.users[role])
    client.user = site.users[role]
    allowed = role in MATRIX[action]
    assert action(client, site) is allowed, (
        f"{role} {'should' if allowed else 'must not'} {action.__name__}"
    )


def test_nobody_but_superusers_has_rights_over_the_whole_tree(site):
    from wagtail.models import GroupPagePermission

    assert not GroupPagePermission.objects.filter(page__depth__lte=1).exists()


def test_only_members_of_fabriques_can_be_assigned_a_fabrique(client, site):
    from fabriques.models import FabriqueEditor

    client.force_login(site.users[PUBLICATION])
    data = {"fabrique": site.other_fabrique.pk, "user": site.users[REDACTION].pk}
    response = client.post(reverse("fabrique_editors:add"), data)
    assert response.status_code == 200
    assert "Seuls les membres du groupe" in response.content.decode()
    assert not FabriqueEditor.objects.filter(user=site.users[REDACTION]).exists()
    data["user"] = site.users[FABRIQUES].pk
    assert client.post(reverse("fabrique_editors:add"), data).status_code == 302
    assert FabriqueEditor.objects.filter(user=site.users[FABRIQUES]).count() == 2


def test_a_fabrique_member_sees_nothing_of_a_fabrique_assigned_to_someone_else(client, site):
    """Assignment is per person: a second member of the group does not get the first's."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    other = get_user_model().objects.create_user("autre", "autre@example.org", "x")
    other.groups.add(Group.objects.get(name=FABRIQUES))
    client.force_login(other)
    assert not reached(client.get(edit_url(site.my_fabrique)))
