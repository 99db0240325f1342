"""The admin dashboard per role: my drafts, awaiting my review, scheduled, recently
published, translations out of date with their source; queries do not grow with them."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION
from tests.factories import ArticlePageFactory

from .conftest import fresh_page
from .forms import article_form

pytestmark = pytest.mark.django_db

PANELS = ["my_fabriques", "my_drafts", "scheduled", "recently_published", "outdated_translations"]
SHOWN = {
    REDACTION: {"my_drafts", "scheduled", "recently_published"},
    PUBLICATION: set(PANELS) - {"my_fabriques"},
    LIVRET: set(PANELS) - {"my_fabriques"},
    FABRIQUES: {"my_fabriques", "my_drafts", "recently_published"},
}


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str, name: str) -> str:
    start = html.index(f'id="dashboard-{name}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("role", list(SHOWN))
def test_each_role_has_its_panels(client, site, role):
    html = dashboard(client, site.users[role])
    shown = {name for name in PANELS if f'id="dashboard-{name}"' in html}
    assert shown == SHOWN[role]


def test_a_fabrique_member_finds_their_fabriques(client, site):
    """They have no page tree to explore: the dashboard links to their profiles."""
    fabriques = panel(dashboard(client, site.users[FABRIQUES]), "my_fabriques")
    assert site.my_fabrique.title in fabriques
    assert site.other_fabrique.title not in fabriques
    assert reverse("wagtailadmin_pages:edit", args=[site.my_fabrique.pk]) in fabriques


def test_my_drafts_lists_the_writers_own_drafts_only(client, site):
    writer = site.users[REDACTION]
    mine = ArticlePageFactory(parent=site.news, live=False, owner=writer, title="Mon brouillon")
    mine.save_revision(user=writer)
    ArticlePageFactory(parent=site.news, live=False, title="Celui d'un autre").save_revision()
    drafts = panel(dashboard(client, writer), "my_drafts")
    assert "Mon brouillon" in drafts
    assert "Celui d'un autre" not in drafts


def test_awaiting_my_review_shows_submissions_to_publication(client, site):
    client.force_login(site.users[REDACTION])
    url = reverse("wagtailadmin_pages:edit", args=[site.article.pk])
    client.post(url, article_form(site.article, title="À relire", **{"action-submit": "s"}))
    assert "À relire" in dashboard(client, site.users[PUBLICATION])
    assert "À relire" not in dashboard(client, site.users[LIVRET])


def test_scheduled_and_recently_published(client, site):
    later = ArticlePageFactory(parent=site.news, live=False, title="Pour demain")
    later.go_live_at = timezone.now() + datetime.timedelta(days=1)
    later.save_revision().publish()
    fresh_page(site.article).save_revision().publish()
    html = dashboard(client, site.users[PUBLICATION])
    assert "Pour demain" in panel(html, "scheduled")
    assert site.article.title in panel(html, "recently_published")
    assert "Pour demain" not in panel(html, "recently_published")
    # Fabriques see only their own Fabrique's pages.
    html = dashboard(client, site.users[FABRIQUES])
    assert site.article.title not in panel(html, "recently_published")


def translate(page, locale):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.save_revision().publish()
    return translation


def test_translations_out_of_date_with_their_source(client, site):
    english = Locale.objects.get(language_code="en")
    translation = translate(fresh_page(site.article), english)
    translation.title = "An article"
    translation.save_revision().publish()
    html = dashboard(client, site.users[PUBLICATION])
    assert "An article" not in panel(html, "outdated_translations")
    fresh_page(site.article).save_revision().publish()  # the source changes after its translation
    html = dashboard(client, site.users[PUBLICATION])
    assert "An article" in panel(html, "outdated_translations")


@pytest.mark.parametrize("role", [REDACTION, PUBLICATION])
def test_dashboard_query_count_does_not_grow_with_the_pages(client, site, role):
    user = site.users[role]

    def count() -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(queries)

    def add_pages(n):
        for i in range(n):
            draft = ArticlePageFactory(parent=site.news, live=False, owner=user, title=f"D{i}")
            draft.save_revision(user=user)
            ArticlePageFactory(parent=site.news, title=f"P{i}").save_revision().publish()

    add_pages(1)
    few = count()
    add_pages(6)
    assert count() <= few
