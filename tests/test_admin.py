"""Communications staff write and publish through the Wagtail admin."""

import datetime
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from tests.factories import PersonFactory, ThemeFactory


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_superuser("redaction", "r@example.org", "pass-1234")
    client.force_login(user)
    return user


@pytest.mark.django_db
class TestPublishingAnArticle:
    def form(self, **overrides):
        data = {
            "title": "Tiers-Lieux, acteurs de la réinsertion professionnelle",
            "slug": "tiers-lieux-acteurs-de-la-reinsertion",
            "intro": "Quelque 250 personnes ont suivi la table ronde.",
            "date": "2020-11-30",
            "hero_alt": "",
            "hero_caption": "",
            "hero_credit": "",
            "tags": "emploi",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Une table ronde organisée par la DGEFP.</p>")),
                    ("heading", {"text": "Des parcours", "level": "h2", "anchor": ""}),
                ]
            ),
            "related_items": inline_formset([]),
            "action-publish": "action-publish",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_create_and_publish(self, client, editor, news_index, locale_fr):
        theme = ThemeFactory(locale=locale_fr)
        author = PersonFactory(locale=locale_fr)
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", news_index.pk))
        data = self.form()
        data.update(themes=[theme.pk], authors=[author.pk])
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        article = ArticlePage.objects.get(slug="tiers-lieux-acteurs-de-la-reinsertion")
        assert article.live
        assert list(article.themes.all()) == [theme]
        assert client.get(article.url).status_code == 200

    def test_slug_made_from_an_accented_title_is_ascii(self, client, editor, news_index):
        """Editors' pages get the same ASCII slugs as the demo's (no %C3%A0 in the URLs).

        The admin's slug field is filled in the browser by the w-slug controller, which
        transliterates unless told unicode is allowed (a boolean attribute, left out when
        not); a page saved with no slug gets one from the model, under the same setting.
        """
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", news_index.pk))
        html = client.get(url).content.decode()
        assert 'data-controller="w-slug"' in html
        assert "data-w-slug-allow-unicode-value" not in html
        article = news_index.add_child(
            instance=ArticlePage(
                title="Rencontre à Brest", intro="Une journée.", date=datetime.date(2026, 3, 5)
            )
        )
        assert article.slug == "rencontre-a-brest"

    def test_quote_without_author_is_a_form_error(self, client, editor, news_index):
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", news_index.pk))
        body = streamfield(
            [("quote", {"text": "Laissons faire.", "person": "", "name": "", "role": ""})]
        )
        response = client.post(url, self.form(body=body))
        assert response.status_code == 200
        assert not ArticlePage.objects.filter(slug="tiers-lieux-acteurs-de-la-reinsertion").exists()
        assert "Choisissez une personne" in response.content.decode()

    def test_article_cannot_be_added_under_the_home_page(self, client, editor, home):
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", home.pk))
        response = client.post(url, self.form())
        assert response.status_code in (302, 403)
        assert not ArticlePage.objects.exists()


@pytest.mark.django_db
class TestTaxonomyAdmin:
    def test_people_listing_search_and_filter(self, client, editor, locale_fr, search_refresh):
        bouchain = PersonFactory(name="Patrick Bouchain", locale=locale_fr)
        other = PersonFactory(name="Marie-Laure Cuvelier", locale=locale_fr)
        search_refresh()
        url = reverse("wagtailsnippets_home_person:list")
        assert client.get(url).status_code == 200
        html = client.get(url, {"q": "Bouchain"}).content.decode()
        assert bouchain.name in html and other.name not in html
        response = client.get(url, {"organisation": other.organisation_id})
        assert other.name in response.content.decode()
        assert bouchain.name not in response.content.decode()

    @pytest.mark.parametrize("model", ["theme", "organisation", "person"])
    def test_snippets_are_listed_and_translatable(self, client, editor, model):
        assert client.get(reverse(f"wagtailsnippets_home_{model}:list")).status_code == 200
        assert client.get(reverse(f"wagtailsnippets_home_{model}:add")).status_code in (200, 302)


@pytest.mark.django_db
def test_demo_admin_is_created_once_with_a_kept_password(settings, tmp_path, django_user_model):
    settings.VAR_DIR = tmp_path
    call_command("ensure_demo_admin", stdout=StringIO())
    password = (Path(tmp_path) / "demo-admin-password").read_text().strip()
    assert len(password) >= 12
    call_command("ensure_demo_admin", stdout=StringIO())
    assert (Path(tmp_path) / "demo-admin-password").read_text().strip() == password
    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert django_user_model.objects.count() == 1


def test_the_root_page_exists(db):
    assert Page.get_first_root_node() is not None


# Hosts the dashboard may name, as links an editor follows on purpose (nothing is fetched
# from them when the page loads): Wagtail's editor guide (the help menu, "what's new") and
# the <noscript> advice page.
DOCUMENTATION_HOSTS = {"guide.wagtail.org", "www.enable-javascript.com"}
# Attributes by which a browser loads something with the page (<a href> is a link).
FETCHING_ATTRIBUTES = ("src", "srcset", "data", "poster", "action")


@pytest.mark.django_db
def test_dashboard_fetches_nothing_from_other_hosts(client, editor):
    """The admin asks no third party anything: no avatar service (it would learn the
    editors' e-mail hashes and when they work), no release check (the w-upgrade
    controller fetches releases.wagtail.io from the browser)."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # Every host named in the page, attributes and JSON props (sidebar menu, avatar) alike.
    hosts = set(re.findall(r"(?:https?:)?(?:\\?/){2}([a-z0-9.-]+\.[a-z]{2,})", html, re.I))
    assert hosts - {"testserver"} <= DOCUMENTATION_HOSTS, hosts
    assert "gravatar" not in html
    assert 'data-controller="w-upgrade' not in html
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attribute in FETCHING_ATTRIBUTES:
            for url in (tag.get(attribute) or "").split(","):
                if url.strip():
                    host = urlsplit(url.split()[0]).hostname
                    assert host in (None, "testserver"), (tag.name, attribute, url)
        if tag.name == "link" and tag.get("href"):
            assert urlsplit(tag["href"]).hostname in (None, "testserver"), tag
