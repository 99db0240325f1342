"""The Fabriques directory's map (static/js/fabriques-map.js) in a real browser."""

from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By

from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory

from .helpers import check_page, wait

pytestmark = pytest.mark.browser

MARKERS = "#fabriques-map .leaflet-marker-icon"


@pytest.fixture
def directory(live_home):
    directory = FabriqueIndexPageFactory(parent=live_home)
    located = [
        FabriquePageFactory(parent=directory, title="La Fabrique du Nord"),  # Roubaix
        FabriquePageFactory(
            parent=directory,
            title="L'Atelier <Creuse> & Cie",  # escaped in the popup, not parsed
            commune="Guéret",
            departement_code="23",
            region_code="75",
            latitude=Decimal("46.171000"),
            longitude=Decimal("1.871000"),
        ),
        FabriquePageFactory(
            parent=directory,
            title="La Friche du Sud",
            commune="Marseille",
            departement_code="13",
            region_code="93",
            latitude=Decimal("43.296500"),
            longitude=Decimal("5.369800"),
        ),
    ]
    unlocated = FabriquePageFactory(
        parent=directory, title="Sans adresse précise", latitude=None, longitude=None
    )
    return directory, located, unlocated


def test_markers_and_popup_link_to_the_fabrique(web, live_server, directory):
    directory, located, unlocated = directory
    web.get(directory.get_full_url())
    assert web.current_url == live_server.url + "/fr/fabriques/"
    # The list (server side) shows all four; the map (script) only the located ones.
    assert len(web.find_elements(By.CSS_SELECTOR, ".fabrique-card")) == 4

    markers = wait(
        web,
        lambda b: (found := b.find_elements(By.CSS_SELECTOR, MARKERS)) and found,
        message="Leaflet drew no marker",
    )
    assert web.find_element(By.ID, "fabriques-map").is_displayed()  # the script unhid it
    assert len(markers) == len(located) == 3
    titles = sorted(marker.get_attribute("title") for marker in markers)
    assert titles == sorted(fabrique.title for fabrique in located)
    assert unlocated.title not in titles
    # No tile server configured (MAP_TILE_URL empty): no tile layer, a plain background.
    assert "fabriques-map--no-tiles" in web.find_element(By.ID, "fabriques-map").get_attribute(
        "class"
    )
    assert web.find_elements(By.CSS_SELECTOR, ".leaflet-tile") == []

    creuse = located[1]
    marker = next(m for m in markers if m.get_attribute("title") == creuse.title)
    marker.click()
    link = wait(
        web,
        lambda b: next(  # the popup fades in: wait until it is shown
            (
                a
                for a in b.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a")
                if a.is_displayed()
            ),
            None,
        ),
        message="no popup after clicking the marker",
    )
    assert link.text == creuse.title
    assert link.get_attribute("href") == creuse.get_full_url()
    assert link.get_attribute("href").startswith(live_server.url + "/fr/fabriques/")
    popup = web.find_element(By.CSS_SELECTOR, ".leaflet-popup-content")
    assert popup.text == f"{creuse.title}\nGuéret (23)"
    assert popup.find_elements(By.TAG_NAME, "creuse") == []

    urls = check_page(web, live_server.url)
    # The log really saw the page's requests: Leaflet from our static files, the GeoJSON.
    assert live_server.url + "/static/leaflet/leaflet.js" in urls
    assert live_server.url + "/fr/fabriques/geojson/" in urls

    link.click()
    wait(web, lambda b: b.current_url == creuse.get_full_url(), message="popup link not followed")
    assert web.find_element(By.TAG_NAME, "h1").text == creuse.title
    check_page(web, live_server.url)


def test_popup_link_cannot_be_broken_out_of_by_a_quote(web, live_server, directory, monkeypatch):
    """The popup's href is set through the DOM: a quote in the URL stays in the URL
    (an HTML string escaped with textContent/innerHTML leaves quotes as they are)."""
    from fabriques.models import FabriquePage

    directory, located, _unlocated = directory
    original = FabriquePage.get_full_url

    def hostile_url(page, request=None):
        return original(page, request) + '?x=" data-injected="1'

    monkeypatch.setattr(FabriquePage, "get_full_url", hostile_url)
    web.get(directory.get_full_url())
    creuse = located[1]
    marker = wait(
        web,
        lambda b: next(
            (
                m
                for m in b.find_elements(By.CSS_SELECTOR, MARKERS)
                if m.get_attribute("title") == creuse.title
            ),
            None,
        ),
        message="Leaflet drew no marker",
    )
    marker.click()
    link = wait(
        web,
        lambda b: next(
            (
                a
                for a in b.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a")
                if a.is_displayed()
            ),
            None,
        ),
        message="no popup after clicking the marker",
    )
    assert link.get_attribute("data-injected") is None
    assert web.find_elements(By.CSS_SELECTOR, "[data-injected]") == []
    assert link.get_attribute("href").startswith(original(creuse) + "?x=")
    assert link.text == creuse.title
