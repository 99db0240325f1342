"""The reading progress bar of a booklet chapter (static/js/booklet.js)."""

import json

import pytest
from selenium.webdriver.common.by import By

from tests.factories import BookletChapterPageFactory, BookletPageFactory, paragraph

from .helpers import check_page, wait

pytestmark = pytest.mark.browser

BAR = ".booklet-reading-progress__bar"
LONG_TEXT = (
    "Les Fabriques ont partagé leurs besoins, leurs réussites et leurs doutes, "
    "atelier après atelier, pendant toute la rencontre annuelle du réseau. "
) * 6


def bar_width(browser) -> float | None:
    """The width the script wrote on the bar, in %; None without an inline width (the
    stylesheet alone draws it at 0 with no inline style: the script never ran)."""
    width = browser.execute_script("return document.querySelector(arguments[0]).style.width;", BAR)
    return float(width.removesuffix("%")) if width.endswith("%") else None


@pytest.fixture
def long_chapter(live_home, settings):
    settings.BOOKLET_PDF_ON_PUBLISH = False
    booklet = BookletPageFactory(parent=live_home, title="Livret de la rencontre")
    return BookletChapterPageFactory(
        parent=booklet,
        title="Les besoins des Fabriques",
        body=json.dumps([paragraph(f"{n}. {LONG_TEXT}") for n in range(60)]),
    )


def test_bar_follows_the_scroll_to_the_end(web, live_server, long_chapter):
    web.get(long_chapter.get_full_url())
    assert web.find_element(By.TAG_NAME, "h1").text == long_chapter.title
    height = web.execute_script("return document.documentElement.scrollHeight / innerHeight;")
    assert height > 5, "the chapter must be several screens long"

    wait(web, lambda b: bar_width(b) is not None, message="the script set no width")
    assert bar_width(web) == pytest.approx(0, abs=1)

    web.execute_script("window.scrollTo(0, document.documentElement.scrollHeight / 2);")
    wait(web, lambda b: 20 < bar_width(b) < 80, message="no progress half-way")

    web.execute_script("window.scrollTo(0, document.documentElement.scrollHeight);")
    wait(web, lambda b: bar_width(b) == 100, message="not 100% at the end")
    # Drawn across the whole progress strip, which stays in view (sticky).
    bar, strip = web.execute_script(
        "var bar = document.querySelector(arguments[0]);"
        "return [bar.getBoundingClientRect(), bar.parentNode.getBoundingClientRect()];",
        BAR,
    )
    assert bar["width"] == pytest.approx(strip["width"], abs=1) and strip["width"] > 0
    assert 0 <= strip["top"] < 10

    web.execute_script("window.scrollTo(0, 0);")
    wait(web, lambda b: bar_width(b) == 0, message="not back to 0 at the top")
    check_page(web, live_server.url)
