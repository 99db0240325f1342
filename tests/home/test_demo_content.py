"""The demo loader builds a readable site and can run again without duplicating it."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from agenda.models import EventPage
from articles.models import ArticlePage
from fabriques.models import FabriquePage
from home.demo_content import read_demo_data
from home.models import HomePage, Organisation, Person, SiteSettings, Theme
from tests.shared_data import shared_data

pytestmark = pytest.mark.slow  # loads the whole demo

SEED_ARTICLE = "/fr/actualites/retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire/"


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "english pages": Page.objects.filter(locale__language_code="en").count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "sites": Site.objects.count(),
        "settings": SiteSettings.objects.count(),
    }


def translated_items(app_label: str, name: str, key: str) -> list[dict]:
    """The items of a demo data file that have an English section."""
    return [item for item in read_demo_data(app_label, name)[key] if "en" in item]


def english_version(page: Page) -> Page:
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    ).specific


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module (it takes a few seconds), in a
    transaction rolled back after the module: other modules never see it."""
    yield from shared_data(
        django_db_blocker,
        lambda: call_command(
            "load_demo_content", "--site-url", "http://testserver", stdout=StringIO()
        ),
    )


@pytest.mark.django_db
class TestDemoContent:
    def test_builds_the_seed_content(self, demo_site):
        assert ArticlePage.objects.live().count() >= 14
        assert Theme.objects.filter(slug="gouvernance-partagee").exists()
        assert Person.objects.filter(name="Patrick Bouchain").exists()
        assert Organisation.objects.filter(acronym="DGEFP").exists()
        assert HomePage.objects.filter(locale__language_code="en").exists()

    def test_second_run_changes_nothing(self, demo_site):
        before = counts()
        settings = SiteSettings.objects.values().get()
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        assert counts() == before
        assert SiteSettings.objects.values().get() == settings
        created = re.findall(r"^ +(.+): (\d+) created", out.getvalue(), re.MULTILINE)
        assert ("articles (en)", "0") in created
        assert [kind for kind, number in created if number != "0"] == []

    def test_seed_article_is_readable(self, client, demo_site):
        response = client.get(SEED_ARTICLE)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Retour sur la 1ère rencontre annuelle des Fabriques de Territoire" in html
        assert "Patrick Bouchain" in html
        assert "200" in html

    def test_every_live_page_renders(self, client, demo_site):
        pages = Page.objects.live().filter(depth__gt=1).specific()
        assert len(pages) >= 18
        assert len([page for page in pages if page.locale.language_code == "en"]) >= 12
        for page in pages:
            response = client.get(page.url)
            assert response.status_code == 200, page.url

    def test_every_live_page_stays_within_12_queries(self, client, demo_site):
        """The budget holds on the real demo content (quotes, links, images, cards)."""
        pages = Page.objects.live().filter(depth__gt=1).specific()
        for page in pages:
            client.get(page.url)  # warm the caches: menu, translations, renditions
        over_budget = {}
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                client.get(page.url)
            if len(queries) > 12:
                over_budget[page.url] = len(queries)
        assert over_budget == {}

    def test_english_seed_articles_translate_the_french_ones(self, demo_site):
        for item in translated_items("articles", "articles.json", "articles"):
            french = ArticlePage.objects.get(slug=item["slug"], locale__language_code="fr")
            english = english_version(french)
            assert english.live and not english.has_unpublished_changes
            assert (english.title, english.slug) == (item["en"]["title"], item["en"]["slug"])
            assert english.translation_key == french.translation_key
            assert english.get_parent().translation_key == french.get_parent().translation_key
            assert {theme.locale.language_code for theme in english.themes.all()} == {"en"}
            assert english.themes.count() == french.themes.count()
            assert {person.locale.language_code for person in english.authors.all()} == {"en"}
            quotes = [block.value for block in english.body if block.block_type == "quote"]
            assert all(quote["person"].locale.language_code == "en" for quote in quotes)

    def test_english_articles_link_to_the_english_events(self, demo_site):
        for item in translated_items("agenda", "events.json", "events"):
            french = EventPage.objects.get(slug=item["slug"], locale__language_code="fr")
            english = english_version(french)
            assert english.live and english.title == item["en"]["title"]
            assert english.start == french.start and english.format == french.format
            for slug in item["en"]["articles"]:
                article = ArticlePage.objects.get(slug=slug)
                assert article.locale.language_code == "en"
                assert article.event_id == english.pk

    def test_english_fabriques_share_their_identifier(self, demo_site):
        items = read_demo_data("fabriques", "directory.json")["fabriques"]
        for item in items:
            french, english = FabriquePage.objects.filter(identifier=item["identifier"]).order_by(
                "-locale__language_code"
            )
            assert (french.locale.language_code, english.locale.language_code) == ("fr", "en")
            assert english.translation_key == french.translation_key and english.live
            assert english.short_description == item["en"]["short_description"]
            assert (english.commune, english.email) == (french.commune, french.email)
        assert FabriquePage.objects.filter(locale__language_code="en").count() == len(items)

    def test_english_home_lists_english_news(self, client, demo_site):
        response = client.get("/en/")
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        latest = soup.find("section", attrs={"aria-labelledby": "latest-title"})
        assert latest.select_one(".empty-state") is None
        titles = {a.get_text(strip=True) for a in latest.select(".card__title a")}
        expected = {
            item["en"]["title"]
            for item in translated_items("articles", "articles.json", "articles")
        }
        assert titles == expected
        for link in latest.select(".card__title a"):
            assert link["href"].startswith("/en/")
            assert client.get(link["href"]).status_code == 200

    def test_language_switcher_leads_to_the_english_article(self, client, demo_site):
        french = ArticlePage.objects.get(url_path__endswith=SEED_ARTICLE.removeprefix("/fr"))
        english = english_version(french)
        response = client.get(SEED_ARTICLE)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        link = soup.select_one(".language-switcher a[hreflang=en]")
        assert link["href"] == english.url
        back = BeautifulSoup(client.get(link["href"]).content, "html.parser")
        assert back.select_one(".language-switcher a[hreflang=fr]")["href"] == SEED_ARTICLE
        assert back.select_one("h1").get_text(strip=True) == english.title

    def test_footer_tagline_follows_the_language(self, client, demo_site):
        settings = read_demo_data("home", "site.json")["settings"]
        for url, tagline in (("/fr/", settings["tagline"]), ("/en/", settings["tagline_en"])):
            response = client.get(url)
            assert response.status_code == 200
            footer = BeautifulSoup(response.content, "html.parser").select_one(".site-footer p")
            assert footer.get_text(strip=True) == tagline

    def test_footer_pages_in_both_languages(self, client, demo_site):
        """Legal notices, accessibility statement (its level) and site map, each in the
        language being read; the site maps list that language's sections."""
        data = read_demo_data("home", "site.json")["footer_pages"]
        for language in ("fr", "en"):
            response = client.get(f"/{language}/")
            soup = BeautifulSoup(response.content, "html.parser")
            links = {a["href"]: a.get_text(strip=True) for a in soup.select(".site-footer a")}
            for name, item in data.items():
                url = f"/{language}/{item[language]['slug']}/"
                assert url in links, (language, name, links)
                page = client.get(url)
                assert page.status_code == 200
                title = BeautifulSoup(page.content, "html.parser").select_one("h1")
                assert title.get_text(strip=True) == item[language]["title"]
            level = {"fr": "partiellement conforme", "en": "partially compliant"}[language]
            assert any(text.endswith(level) for text in links.values()), links
            site_map = client.get(f"/{language}/{data['sitemap'][language]['slug']}/")
            sections = BeautifulSoup(site_map.content, "html.parser").select("ul.sitemap > li > a")
            menu = soup.select(".site-nav a")
            assert [a.get_text(strip=True) for a in sections[1 : len(menu)]] == [
                a.get_text(strip=True)
                for a in menu[:-1]  # the menu's sections, not search
            ]

    def test_site_url_is_applied(self, demo_site):
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("testserver", 80)

    def test_bad_site_url_is_refused(self, demo_site):
        with pytest.raises(CommandError, match="not an http"):
            call_command("load_demo_content", "--site-url", "ftp:/nope", stdout=StringIO())
