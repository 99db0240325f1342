"""Suggestions under the search box (static/js/search-autocomplete.js), database backend."""

import pytest
from modelsearch.backends import get_search_backend
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

from .helpers import check_page, requested_urls, wait

pytestmark = pytest.mark.browser

OPTIONS = "#search-suggestions li[role=option] a"


@pytest.fixture
def database_backend(settings):
    """The site's database backend, whatever SEARCH_BACKEND says (as in tests/search)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    return get_search_backend("default")


@pytest.fixture
def articles(live_home, database_backend):
    news = ArticleIndexPageFactory(parent=live_home)
    titles = {
        "reinsertion": "Réinsertion professionnelle : les tiers-lieux s'engagent",
        "acteurs": "Les tiers-lieux, acteurs de la réinsertion",
        "ferme": "Une ferme partagée dans la Drôme",
    }
    return {
        key: ArticlePageFactory(parent=news, title=title, slug=key) for key, title in titles.items()
    }


def answered(browser, url: str) -> bool:
    """Whether a response from `url...` has arrived on the current page."""
    return any(
        name.startswith(url)
        for name in browser.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
        )
    )


def suggestions(browser) -> list[str]:
    """The titles shown under the box, [] while the list is hidden."""
    if not browser.find_element(By.ID, "search-suggestions").is_displayed():
        return []
    return [link.text for link in browser.find_elements(By.CSS_SELECTOR, OPTIONS)]


def open_search(browser, live_server):
    browser.get(live_server.url + "/fr/search/")
    box = browser.find_element(By.ID, "search-q")
    assert browser.find_element(By.ID, "search-suggestions").is_displayed() is False
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    return box


def test_prefix_without_accents_suggests_titles_and_keyboard_follows_one(
    web, live_server, articles
):
    box = open_search(web, live_server)
    box.send_keys("reinser")
    expected = sorted([articles["reinsertion"].title, articles["acteurs"].title])
    wait(web, lambda b: sorted(suggestions(b)) == expected, message="no matching suggestions")
    assert box.get_attribute("aria-expanded") == "true"
    assert articles["ferme"].title not in suggestions(web)

    # Escape closes the list.
    box.send_keys(Keys.ESCAPE)
    wait(web, lambda b: suggestions(b) == [])
    assert box.get_attribute("aria-expanded") == "false"

    # Narrowing the query narrows the list.
    box.send_keys(" profes")
    wait(web, lambda b: suggestions(b) == [articles["reinsertion"].title])

    # The suggestion links also come after the submit button in tab order.
    box.send_keys(Keys.TAB)
    assert web.switch_to.active_element.tag_name == "button"
    web.switch_to.active_element.send_keys(Keys.TAB)
    first = web.find_element(By.CSS_SELECTOR, OPTIONS)
    assert web.switch_to.active_element == first
    check_page(web, live_server.url)
    first.send_keys(Keys.ENTER)
    target = articles["reinsertion"].get_full_url()
    wait(web, lambda b: b.current_url == target, message="Enter did not follow the suggestion")
    assert web.find_element(By.TAG_NAME, "h1").text == articles["reinsertion"].title
    check_page(web, live_server.url)


def chosen(browser) -> tuple[str | None, list[str]]:
    """The box's aria-activedescendant, and the ids of the options marked selected."""
    box = browser.find_element(By.ID, "search-q")
    selected = browser.find_elements(By.CSS_SELECTOR, "#search-suggestions [aria-selected=true]")
    ids = [item.get_attribute("id") for item in selected]
    return box.get_attribute("aria-activedescendant"), ids


def test_arrow_keys_choose_a_suggestion_and_enter_follows_it(web, live_server, articles):
    box = open_search(web, live_server)
    box.send_keys("reinser")
    wait(web, lambda b: len(suggestions(b)) == 2, message="no suggestions")
    items = web.find_elements(By.CSS_SELECTOR, "#search-suggestions [role=option]")
    ids = [item.get_attribute("id") for item in items]
    assert len(set(ids)) == 2 and all(ids)
    assert chosen(web) == (None, [])

    box.send_keys(Keys.ARROW_DOWN)
    assert chosen(web) == (ids[0], [ids[0]])
    box.send_keys(Keys.ARROW_DOWN)
    assert chosen(web) == (ids[1], [ids[1]])
    box.send_keys(Keys.ARROW_DOWN)  # past the last one: back to the first
    assert chosen(web) == (ids[0], [ids[0]])
    box.send_keys(Keys.ARROW_UP)
    assert chosen(web) == (ids[1], [ids[1]])
    assert web.switch_to.active_element == box  # focus never leaves the box

    second_title = items[1].text
    box.send_keys(Keys.ENTER)
    target = next(page for page in articles.values() if page.title == second_title)
    wait(web, lambda b: b.current_url == target.get_full_url(), message="Enter did not follow")
    check_page(web, live_server.url)


def test_enter_without_a_chosen_suggestion_searches(web, live_server, articles):
    box = open_search(web, live_server)
    box.send_keys("reinser")
    wait(web, lambda b: len(suggestions(b)) == 2, message="no suggestions")
    box.send_keys(Keys.ENTER)
    wait(web, lambda b: "q=reinser" in b.current_url, message="the form was not submitted")
    assert "/fr/search/" in web.current_url


def test_short_query_clears_the_list(web, live_server, articles):
    box = open_search(web, live_server)
    box.send_keys("reinser")
    wait(web, lambda b: len(suggestions(b)) == 2)
    box.send_keys(Keys.BACKSPACE * 6)  # "r": under two characters
    wait(web, lambda b: suggestions(b) == [])
    assert box.get_attribute("aria-expanded") == "false"
    check_page(web, live_server.url)


@pytest.mark.parametrize(
    "keys",
    [Keys.ESCAPE, Keys.BACKSPACE * 6],
    ids=["escape", "under-two-characters"],
)
def test_answer_arriving_after_the_list_was_closed_stays_closed(web, live_server, articles, keys):
    """On a slow network the user closes the list (Escape, or a query cut under two
    characters) while the request is on its way: its answer must not reopen the list."""
    box = open_search(web, live_server)
    check_page(web, live_server.url)
    autocomplete = live_server.url + "/api/search/autocomplete/"
    web.set_network_conditions(latency=1000, throughput=10 * 1024 * 1024)
    try:
        box.send_keys("reinser")
        request = autocomplete + "?lang=fr&q=reinser"
        wait(web, lambda b: request in requested_urls(b), message="no suggestion request")
        assert not answered(web, request)  # on its way for a second
        box.send_keys(keys)
        assert suggestions(web) == []
        wait(web, lambda b: answered(b, request), message="the suggestions never arrived")
        with pytest.raises(TimeoutException):
            # A short bounded wait for what must not happen now that the answer is in.
            wait(web, suggestions, timeout=1)
    finally:
        web.delete_network_conditions()
    assert box.get_attribute("aria-expanded") == "false"
    check_page(web, live_server.url)
