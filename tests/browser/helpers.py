"""What every browser test checks on each page it opens."""

import json

from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 10
POLL = 0.1


def wait(browser, condition, timeout: float = TIMEOUT, message: str = ""):
    """Poll `condition(browser)` until it is truthy (WebDriverWait, never a sleep)."""
    return WebDriverWait(browser, timeout, poll_frequency=POLL).until(condition, message)


def console_errors(browser) -> list[str]:
    """SEVERE console entries since the last call (reading empties the log).

    The favicon is left out: the browser asks for it on its own and the site has none.
    """
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["level"] == "SEVERE" and "/favicon.ico" not in entry["message"]
    ]


def requested_urls(browser) -> list[str]:
    """Every URL requested since the last call (DevTools log: failed requests included),
    plus the current page's resource timing entries."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    urls += browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
    )
    return urls


def check_page(browser, origin: str) -> list[str]:
    """No JavaScript error, no request to another host; returns the URLs requested."""
    errors = console_errors(browser)
    assert errors == [], f"console errors on {browser.current_url}: {errors}"
    urls = requested_urls(browser)
    foreign = [
        url
        for url in urls
        if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:", "about:"))
    ]
    assert foreign == [], f"{browser.current_url} requested other hosts: {foreign}"
    return urls
