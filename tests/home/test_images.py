"""Responsive images: every layout is a <picture> with AVIF and WebP sources sized for
it and a JPEG fallback, width and height set (no layout shift); the image at the top of
a page loads at once, the others lazily; cards cost no query per image."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

import wagtail_factories

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


def big_image():
    """Larger than every rendition width, so that each width is really made."""
    return wagtail_factories.ImageFactory(file__width=1400, file__height=1000)


def widths(srcset: str) -> list[int]:
    return [int(w) for w in re.findall(r" (\d+)w", srcset)]


def check_picture(picture, min_sources: int = 2) -> dict:
    """The picture's sources by type, after checking what every layout shares."""
    sources = {source["type"]: source for source in picture.find_all("source")}
    assert set(sources) == {"image/avif", "image/webp"}
    img = picture.find("img")
    for srcset in [img["srcset"], *(s["srcset"] for s in sources.values())]:
        assert len(widths(srcset)) >= 3 and widths(srcset) == sorted(set(widths(srcset)))
    assert all(source["sizes"] == img["sizes"] for source in sources.values())
    assert img["src"].endswith(".jpg") and int(img["width"]) > 0 and int(img["height"]) > 0
    assert all(".avif" in url for url in sources["image/avif"]["srcset"].split(", "))
    return sources


@pytest.fixture
def article(home):
    image = big_image()
    body = [
        {
            "type": "image",
            "value": {
                "image": big_image().pk,
                "alt_text": "Un atelier",
                "caption": "",
                "credit": "",
            },
        }
    ]
    news = ArticleIndexPageFactory(parent=home)
    page = ArticlePageFactory(
        parent=news, hero_image=image, hero_alt="La grande halle", body=json.dumps(body)
    )
    return page


def test_article_hero_loads_first_and_body_images_lazily(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    hero, body_image = soup.select("main picture")[:2]
    check_picture(hero)
    img = hero.find("img")
    assert img["alt"] == "La grande halle"
    assert img.get("fetchpriority") == "high" and not img.has_attr("loading")
    check_picture(body_image)
    assert body_image.find("img")["loading"] == "lazy"
    assert body_image.find("img")["alt"] == "Un atelier"


def test_home_hero_is_the_first_paint(client, home):
    home.hero_image = big_image()
    home.save_revision().publish()
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    picture = soup.select_one(".hero picture")
    check_picture(picture)
    assert picture.find("img").get("fetchpriority") == "high"


def test_cards_are_lazy_and_cost_no_query_per_image(client, home):
    news = ArticleIndexPageFactory(parent=home)
    for _ in range(2):
        ArticlePageFactory(parent=news, hero_image=big_image())
    client.get(news.url)  # warm the caches (renditions included)
    with CaptureQueriesContext(connection) as few:
        client.get(news.url)
    for _ in range(4):
        ArticlePageFactory(parent=news, hero_image=big_image())
    client.get(news.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(news.url)
    pictures = BeautifulSoup(response.content, "html.parser").select(".card picture")
    assert len(pictures) == 6
    for picture in pictures:
        check_picture(picture)
        assert picture.find("img")["loading"] == "lazy"
    assert len(many) == len(few) <= 12


def test_the_booklet_pdf_takes_one_large_image(home, settings):
    """WeasyPrint reads neither srcset nor AVIF: the PDF's HTML has plain large images."""
    from booklet.pdf import render_booklet_html
    from tests.factories import BookletChapterPageFactory, BookletPageFactory

    settings.BOOKLET_PDF_ON_PUBLISH = False
    booklet = BookletPageFactory(parent=home, cover_image=big_image(), cover_alt="La couverture")
    chapter = BookletChapterPageFactory(
        parent=booklet,
        body=json.dumps(
            [
                {
                    "type": "image",
                    "value": {"image": big_image().pk, "alt_text": "Un atelier"},
                }
            ]
        ),
    )
    soup = BeautifulSoup(render_booklet_html(booklet, [chapter]), "html.parser")
    assert not soup.select("picture, source, img[srcset], img[loading]")
    images = soup.find_all("img")
    assert {img["alt"] for img in images} >= {"La couverture", "Un atelier"}
    assert all(int(img["width"]) == 1200 for img in images if img["alt"])
