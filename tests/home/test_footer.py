"""The footer's RGAA links (legal notices, accessibility statement with its declared
conformity level, site map, contact) and the site map page."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from home.models import SiteSettings
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    InformationPageFactory,
    SitemapPageFactory,
)

pytestmark = pytest.mark.django_db


def footer_links(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select(".site-footer__links a")}


def translate(page, locale, title: str):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def footer_pages(home, home_en, locale_en):
    """The three footer pages in French, chosen in the settings; the legal notices and
    the site map translated into English."""
    legal = InformationPageFactory(parent=home, title="Mentions légales")
    statement = InformationPageFactory(parent=home, title="Déclaration d'accessibilité")
    sitemap = SitemapPageFactory(parent=home)
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    settings.legal_page = legal
    settings.accessibility_page = statement
    settings.accessibility_status = "partial"
    settings.sitemap_page = sitemap
    settings.contact_email = "contact@example.org"
    settings.save()
    return {
        "legal": legal,
        "statement": statement,
        "sitemap": sitemap,
        "legal_en": translate(legal, locale_en, "Legal notice"),
        "sitemap_en": translate(sitemap, locale_en, "Site map"),
        "settings": settings,
    }


class TestFooter:
    def test_links_in_french_with_the_declared_conformity(self, client, home, footer_pages):
        links = footer_links(client, home.url)
        assert links == {
            "Mentions légales": footer_pages["legal"].url,
            "Accessibilité : partiellement conforme": footer_pages["statement"].url,
            "Plan du site": footer_pages["sitemap"].url,
            "Contact": "mailto:contact@example.org",
        }

    def test_links_in_english_lead_to_the_translations(self, client, home_en, footer_pages):
        links = footer_links(client, home_en.url)
        assert links == {
            "Legal notice": footer_pages["legal_en"].url,
            # no English statement yet: the French one, rather than no link
            "Accessibility: partially compliant": footer_pages["statement"].url,
            "Site map": footer_pages["sitemap_en"].url,
            "Contact": "mailto:contact@example.org",
        }

    def test_the_level_follows_the_setting(self, client, home, footer_pages):
        footer_pages["settings"].accessibility_status = "none"
        footer_pages["settings"].save()
        assert "Accessibilité : non conforme" in footer_links(client, home.url)

    def test_a_page_visitors_cannot_see_is_left_out(self, client, home, footer_pages):
        footer_pages["legal"].unpublish()
        PageViewRestriction.objects.create(
            page=footer_pages["sitemap"], restriction_type="password", password="x"
        )
        assert set(footer_links(client, home.url)) == {
            "Accessibilité : partiellement conforme",
            "Contact",
        }

    def test_nothing_chosen_leaves_contact_only(self, client, home):
        settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        settings.contact_email = "contact@example.org"
        settings.save()
        assert footer_links(client, home.url) == {"Contact": "mailto:contact@example.org"}


class TestSiteMap:
    @pytest.fixture
    def site(self, home, footer_pages):
        news = ArticleIndexPageFactory(parent=home, title="Actualités", show_in_menus=True)
        articles = [ArticlePageFactory(parent=news, title=title) for title in ("Zèbre", "Abeille")]
        draft = ArticlePageFactory(parent=news, title="Brouillon")
        draft.unpublish()
        private = ArticlePageFactory(parent=news, title="Réservé")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        return {"news": news, "articles": articles, **footer_pages}

    def read(self, client, url: str) -> list[tuple[str, list[str]]]:
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            (
                item.find("a", recursive=False).get_text(strip=True),
                [a.get_text(strip=True) for a in item.select(":scope ul a")],
            )
            for item in soup.select("ul.sitemap > li")
        ]

    def test_sections_and_their_visible_pages(self, client, site):
        assert self.read(client, site["sitemap"].url) == [
            ("Accueil", []),
            ("Actualités", ["Abeille", "Zèbre"]),  # the menu's first; by title; visible
            ("Mentions légales", []),
            ("Déclaration d'accessibilité", []),
            ("Plan du site", []),
        ]

    def test_english_site_map_lists_the_english_pages(self, client, site):
        assert self.read(client, site["sitemap_en"].url) == [
            ("Home", []),
            ("Legal notice", []),
            ("Site map", []),
        ]

    def test_query_count_stays_flat(self, client, site):
        url = site["sitemap"].url
        client.get(url)  # caches warm
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        ArticlePageFactory.create_batch(5, parent=site["news"])
        client.get(url)
        with CaptureQueriesContext(connection) as more:
            client.get(url)
        assert len(more) == len(few) <= 12
