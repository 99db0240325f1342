"""Scheduled publishing and expiry from the editor, run by `publish_scheduled` (the
scheduler calls it every minute); comments and revision comparison in the editor."""

import datetime
from io import StringIO

import pytest
import time_machine

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.roles import PUBLICATION
from tests.factories import ArticlePageFactory

from .conftest import fresh_page
from .forms import article_form

pytestmark = pytest.mark.django_db


def local(when: datetime.datetime) -> str:
    """As the admin's date-time widget writes it (WAGTAIL_DATETIME_FORMAT)."""
    return timezone.localtime(when).strftime(settings.WAGTAIL_DATETIME_FORMAT)


@pytest.mark.parametrize("page_name", ["article", "event"])
def test_go_live_and_expiry_are_in_the_editor(client, site, page_name):
    client.force_login(site.users[PUBLICATION])
    page = getattr(site, page_name)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="go_live_at"' in html
    assert 'name="expire_at"' in html


def test_comments_are_on_in_the_editor(client, site):
    client.force_login(site.users[PUBLICATION])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[site.article.pk])).content
    assert b"comments-data" in html


def test_a_scheduled_article_goes_live_then_expires(client, site):
    client.force_login(site.users[PUBLICATION])
    now = timezone.now().replace(second=0, microsecond=0)
    go_live, expire = now + datetime.timedelta(hours=2), now + datetime.timedelta(days=3)
    draft = ArticlePageFactory(parent=site.news, live=False, themes=[site.theme])
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = article_form(
        draft,
        title="Programmé",
        go_live_at=local(go_live),
        expire_at=local(expire),
        **{"action-publish": "p"},
    )
    assert client.post(url, data).status_code == 302
    assert not fresh_page(draft).live
    assert fresh_page(draft).scheduled_revision is not None

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    page = fresh_page(draft)
    assert page.live and page.title == "Programmé"

    with time_machine.travel(expire + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    page = fresh_page(draft)
    assert not page.live and page.expired


def test_revisions_can_be_compared(client, site):
    client.force_login(site.users[PUBLICATION])
    url = reverse("wagtailadmin_pages:edit", args=[site.article.pk])
    client.post(url, article_form(site.article, title="Première version"))
    client.post(url, article_form(site.article, title="Seconde version"))
    first, second = fresh_page(site.article).revisions.order_by("created_at")[:2]
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[site.article.pk, first.pk, second.pk]
    )
    response = client.get(compare)
    assert response.status_code == 200
    assert "Seconde version" in response.content.decode()
