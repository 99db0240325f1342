import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from wagtail.models import PageViewRestriction, Site

from articles.models import ArticlePage
from home.models import SiteSettings
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {loc.text for loc in root.iter(f"{SITEMAP_NS}loc")}


@pytest.mark.django_db
class TestSitemap:
    def test_lists_live_pages_of_every_language(self, client, home, home_en, news_index):
        article = ArticlePageFactory(parent=news_index)
        draft = ArticlePageFactory(parent=news_index)
        draft.unpublish()
        urls = sitemap_urls(client)
        assert article.full_url in urls
        assert home.full_url in urls and home_en.full_url in urls
        assert home_en.full_url.startswith("http://testserver/en/")
        assert draft.full_url not in urls

    def test_leaves_out_private_pages(self, client, news_index):
        private = ArticlePageFactory(parent=news_index)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        assert private.full_url not in sitemap_urls(client)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_favicon_ico_leads_to_the_svg_icon(client):
    """Browsers ask /favicon.ico whatever the page says: no 404 in their console."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert "max-age" in response["Cache-Control"]


def test_apple_touch_icon_is_a_square_png_named_by_every_page(client, home):
    """Phones ask /apple-touch-icon.png for the home screen (they take no SVG)."""
    response = client.get("/apple-touch-icon.png")
    assert response.status_code == 302
    assert response["Location"] == static("apple-touch-icon.png")
    with Image.open(finders.find("apple-touch-icon.png")) as icon:
        assert icon.format == "PNG" and icon.size == (180, 180)
        # Opaque: the home screen draws transparent corners black.
        assert icon.mode == "RGB"
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    link = soup.find("link", rel="apple-touch-icon")
    assert link and link["href"] == static("apple-touch-icon.png")
    assert soup.find("link", rel="icon")["href"] == static("favicon.svg")


def test_favicon_is_an_svg_file():
    path = finders.find("favicon.svg")
    assert path, "static/favicon.svg is missing"
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")
    # No script and no style attribute: the Content-Security-Policy would refuse them.
    assert not any(el.tag.endswith("script") or el.get("style") for el in root.iter())


@pytest.mark.django_db
def test_pages_name_the_favicon(client, home):
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    icon = soup.find("link", rel="icon")
    assert icon is not None
    assert icon["href"] == static("favicon.svg")
    assert icon["type"] == "image/svg+xml"


@pytest.mark.django_db
class TestPrivatePages:
    """LeanPageMixin checks view restrictions in one query: it must still enforce them."""

    def test_private_article_asks_for_login(self, client, news_index):
        article = ArticlePageFactory(parent=news_index)
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        response = client.get(article.url)
        assert response.status_code == 302
        assert "/login/" in response["Location"] or "login" in response["Location"]

    def test_restriction_on_an_ancestor_covers_children(self, client, home):
        index = ArticleIndexPageFactory(parent=home)
        article = ArticlePageFactory(parent=index)
        PageViewRestriction.objects.create(page=index, restriction_type="login")
        assert client.get(article.url).status_code == 302
        assert article not in ArticlePage.objects.for_listing(article.locale_id)

    def test_private_articles_stay_out_of_listings_and_feeds(self, client, news_index):
        public = ArticlePageFactory(parent=news_index, title="Publique")
        private = ArticlePageFactory(parent=news_index, title="Privée")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        listing = list(ArticlePage.objects.for_listing(public.locale_id))
        assert public in listing and private not in listing
        assert "Privée" not in client.get(news_index.url).content.decode()
        assert "Privée" not in client.get(news_index.url + "rss/").content.decode()

    def test_staff_with_login_reads_the_private_article(
        self, client, news_index, django_user_model
    ):
        article = ArticlePageFactory(parent=news_index)
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        user = django_user_model.objects.create_user("lectrice", password="pass-1234-secret")
        client.force_login(user)
        assert client.get(article.url).status_code == 200


@pytest.mark.django_db
class TestLanguages:
    def test_public_urls_have_a_language_prefix(self, client, home, home_en):
        assert home.url == "/fr/"
        assert home_en.url == "/en/"
        soup = BeautifulSoup(client.get("/en/").content, "html.parser")
        assert soup.html["lang"] == "en"

    def test_translations_are_announced(self, client, home, home_en):
        soup = BeautifulSoup(client.get("/fr/").content, "html.parser")
        alternates = {
            link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
        }
        assert alternates == {"fr": home.full_url, "en": home_en.full_url}
        switcher = soup.select(".language-switcher a")
        assert [a["hreflang"] for a in switcher] == ["en", "fr"]
        assert soup.select_one('.language-switcher a[aria-current="true"]')["hreflang"] == "fr"

    def test_switcher_on_the_search_page_keeps_the_query(self, client, home, home_en):
        soup = BeautifulSoup(client.get("/en/search/", {"q": "x"}).content, "html.parser")
        switcher = {a["hreflang"]: a for a in soup.select(".language-switcher a")}
        assert switcher["fr"]["href"] == "/fr/search/?q=x"
        assert switcher["en"]["href"] == "/en/search/?q=x"
        assert switcher["en"]["aria-current"] == "true"

    def test_untranslated_page_offers_the_other_home_page(self, client, home, home_en, news_index):
        article = ArticlePageFactory(parent=news_index)
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        switcher = {a["hreflang"]: a for a in soup.select(".language-switcher a")}
        assert switcher["en"]["href"] == "/en/"
        assert switcher["fr"]["href"] == article.url
        assert switcher["fr"]["aria-current"] == "true"
        # Only real translations are announced to search engines.
        assert [link["hreflang"] for link in soup.find_all("link", rel="alternate")] == ["fr"]

    def test_no_link_to_a_language_without_a_home_page(self, client, home, news_index):
        article = ArticlePageFactory(parent=news_index)
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        assert not soup.select(".language-switcher a[hreflang=en]")

    def test_unknown_page_is_a_friendly_404(self, client, home):
        response = client.get("/fr/nulle-part/")
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()

    def test_menu_marks_the_current_section(self, client, news_index):
        article = ArticlePageFactory(parent=news_index)
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        link = soup.select_one(".site-nav a[aria-current]")
        assert link["href"] == news_index.url
        assert link["aria-current"] == "true"
        soup = BeautifulSoup(client.get(news_index.url).content, "html.parser")
        assert soup.select_one(".site-nav a[aria-current]")["aria-current"] == "page"

    def test_menu_follows_publishing(self, client, home, news_index):
        assert news_index.url in client.get(home.url).content.decode()
        news_index.unpublish()
        soup = BeautifulSoup(client.get(home.url).content, "html.parser")
        assert news_index.url not in [a["href"] for a in soup.select(".site-nav a")]

    @pytest.mark.parametrize(
        ("tagline_en", "english_footer"),
        [
            ("The national network of third places", "The national network of third places"),
            ("", "Le réseau national des tiers-lieux"),
        ],
    )
    def test_footer_tagline_follows_the_language(
        self, client, home, home_en, tagline_en, english_footer
    ):
        settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        settings.tagline = "Le réseau national des tiers-lieux"
        settings.tagline_en = tagline_en  # left empty, the French tagline stands in
        settings.save()
        for page, expected in ((home, settings.tagline), (home_en, english_footer)):
            response = client.get(page.url)
            assert response.status_code == 200
            footer = BeautifulSoup(response.content, "html.parser").select_one(".site-footer p")
            assert footer.get_text(strip=True) == expected
