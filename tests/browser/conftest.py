"""Headless Chromium against the live server: Chromium and chromedriver from Debian.

Selenium never downloads a browser or a driver here: both binaries are given by path
(`Service(executable_path=...)`, `binary_location`), so Selenium Manager is not used.
Without them the tests skip, or FAIL when REQUIRE_BROWSER=1 (CI).
"""

import os
import shutil
import threading

import pytest

from wagtail.models import Site

WINDOW_SIZE = "1280,900"
INSTALL_HINT = "apt-get install chromium chromium-driver"


@pytest.fixture(scope="session")
def browser_binaries() -> tuple[str, str]:
    """Paths of Chromium and chromedriver: skip without them, or FAIL if REQUIRE_BROWSER=1."""
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver")
    missing = [
        name
        for name, path in (("chromium", chromium), ("chromedriver", chromedriver))
        if path is None
    ]
    if missing:
        reason = f"{' and '.join(missing)} not found on PATH (install: {INSTALL_HINT})"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return chromium, chromedriver


@pytest.fixture(scope="session")
def browser(browser_binaries, django_db_setup, live_server):
    """One headless Chromium for the whole session, with its console and network logs.

    Asked for in this order, it checks the binaries before creating the test database,
    and quits before the live server stops and before the test database is dropped (its
    keep-alive connections hold request threads, and they hold database sessions).
    """
    chromium, chromedriver = browser_binaries
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW_SIZE}",
        "--lang=fr-FR",
    ):
        options.add_argument(argument)
    # "browser": the console; "performance": DevTools events, every request the pages make.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    # Its keep-alive connections close with it: let the live server's request threads end
    # (closing their database connections) before the server stops and the database goes.
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=5)


@pytest.fixture
def live_home(home, live_server, django_db_serialized_rollback):
    """The home page fixture, its Site moved to the live server's host and port.

    Wagtail would route the live server's requests to the default site anyway (no site
    has its hostname, so `get_site_for_hostname` falls back to `is_default_site`), but
    absolute URLs (`get_full_url`, the map's popups, canonical links) would name
    http://testserver. The live server needs a transactional database, which empties
    every table after each test: the serialized rollback brings back what the
    migrations created (root page, locales) for the next test.
    """
    site = Site.objects.get(root_page=home)
    site.hostname = live_server.thread.host
    site.port = live_server.thread.port
    site.save()
    return home


@pytest.fixture
def web(browser, live_home):
    """The session's browser on a blank page, its logs emptied: each test starts clean."""
    browser.get("about:blank")
    browser.get_log("browser")
    browser.get_log("performance")
    return browser
