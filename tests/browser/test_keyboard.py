"""Keyboard-only journeys in Chromium: Tab, Shift+Tab, Enter, Space and the arrow keys,
never a click. Each journey starts at the top of a page, as a keyboard user's does."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

from .helpers import check_page, wait
from .test_layout import WIDTHS, database_backend, site_pages, sized  # noqa: F401

pytestmark = pytest.mark.browser

TABS = 120  # more than any page here has focusable elements before its content


def press(browser, *keys) -> None:
    """Keys sent to whatever has the focus, as a keyboard does."""
    ActionChains(browser).send_keys(*keys).perform()


def tab_to(browser, selector: str, backwards: bool = False):
    """Tab (or Shift+Tab) until the focus is on an element matching `selector`."""
    for _ in range(TABS):
        if backwards:
            ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            press(browser, Keys.TAB)
        active = browser.switch_to.active_element
        if browser.execute_script("return arguments[0].matches(arguments[1]);", active, selector):
            return active
    raise AssertionError(f"{selector} never got the focus on {browser.current_url}")


def start(browser, url: str) -> None:
    """The page loaded, the focus at its very top (before the skip link)."""
    browser.get(url)
    browser.execute_script("document.activeElement && document.activeElement.blur();")


def follow(browser, element) -> str:
    """Enter on the focused link; waits for the next page and returns its URL."""
    before = browser.current_url
    target = element.get_attribute("href")
    press(browser, Keys.ENTER)
    wait(browser, lambda b: b.current_url != before, message=f"Enter did not follow {target}")
    return browser.current_url


def test_search_suggestions_from_the_home_page(web, live_server, live_home, database_backend):  # noqa: F811
    news = ArticleIndexPageFactory(parent=live_home)
    article = ArticlePageFactory(parent=news, title="Réinsertion : les tiers-lieux s'engagent")
    start(web, live_home.get_full_url())
    follow(web, tab_to(web, ".site-nav a[href$='/search/']"))
    box = tab_to(web, "#search-q")
    press(web, "reinser")
    wait(web, lambda b: b.find_element(By.ID, "search-suggestions").is_displayed())
    press(web, Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant")
    assert follow(web, box) == article.get_full_url()
    check_page(web, live_server.url)


@pytest.mark.parametrize("listing", ["agenda", "directory"])
@pytest.mark.parametrize("size", WIDTHS, ids=list(WIDTHS))
def test_listing_filters(sized, live_server, site_pages, listing, size):  # noqa: F811
    """A filter chosen with the keyboard; on a phone the folded filters open with Enter."""
    web = sized(*WIDTHS[size])
    start(web, site_pages[listing])
    summary = tab_to(web, "details.facets-fold > summary")
    fold = web.find_element(By.CSS_SELECTOR, "details.facets-fold")
    if size == "phone":
        assert fold.get_attribute("open") is None
        press(web, Keys.ENTER)
        assert fold.get_attribute("open") is not None
    assert summary == web.switch_to.active_element
    link = tab_to(web, ".facets-fold .filters__group a:not([aria-current])")
    label = link.text
    url = follow(web, link)
    assert url.startswith(site_pages[listing]) and url != site_pages[listing]
    current = [
        a.get_attribute("textContent").strip()
        for a in web.find_elements(By.CSS_SELECTOR, ".filters__group a[aria-current]")
    ]
    assert label in current
    check_page(web, live_server.url)


def test_booklet_contents_then_next_and_previous(web, live_server, site_pages):  # noqa: F811
    start(web, site_pages["booklet"])
    first = follow(web, tab_to(web, ".booklet-toc__chapter > a"))
    title = web.find_element(By.TAG_NAME, "h1").text
    second = follow(web, tab_to(web, "a[rel=next]"))
    assert second != first and web.find_element(By.TAG_NAME, "h1").text != title
    start(web, second)
    assert follow(web, tab_to(web, "a[rel=prev]")) == first
    check_page(web, live_server.url)


def test_map_list_alternative(web, live_server, site_pages):  # noqa: F811
    """The map is skipped with one link; the list gives every Fabrique, one Tab away."""
    start(web, site_pages["directory"])
    wait(web, lambda b: b.find_element(By.ID, "fabriques-map").is_displayed())
    skip = tab_to(web, "a.skip-map")
    assert skip.is_displayed()  # shown when focused
    press(web, Keys.ENTER)
    press(web, Keys.TAB)
    first = web.switch_to.active_element
    assert first.get_attribute("href") == web.find_element(
        By.CSS_SELECTOR, ".fabriques-list .card__title a"
    ).get_attribute("href")
    follow(web, first)
    assert web.find_element(By.TAG_NAME, "h1").text
    check_page(web, live_server.url)
