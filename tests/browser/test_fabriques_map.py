"""The Fabriques directory's map (static/js/fabriques-map.js) in a real browser."""

import io
from decimal import Decimal

import pytest
from PIL import Image
from selenium.webdriver.common.by import By

from fabriques.territories import territories
from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory

from .helpers import check_page, wait
from .test_layout import WIDTHS, sized  # noqa: F401 (the resizing fixture)

pytestmark = pytest.mark.browser

MARKERS = "#fabriques-map .fabriques-map__main .leaflet-marker-icon"


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


# --- France drawn without a tile server, the overseas départements in insets -------------

OUTLINE_URL = "/static/fabriques/france.geojson"
# The région borders' colour in static/js/fabriques-map.js (REGION_STYLE).
REGION_BORDER = (0x3D, 0x4A, 0x66)


def border_pixels(png: bytes) -> int:
    """Pixels of a screenshot in (or very near) the région borders' colour."""
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        count
        for count, colour in picture.getcolors(picture.width * picture.height)
        if all(abs(c - r) <= 24 for c, r in zip(colour, REGION_BORDER, strict=True))
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


@pytest.fixture
def mainland_and_overseas(live_home):
    directory = FabriqueIndexPageFactory(parent=live_home)
    mainland = FabriquePageFactory(parent=directory, title="La Fabrique du Nord")  # Roubaix
    reunion = FabriquePageFactory(
        parent=directory,
        title="La Case des Possibles",
        commune="Saint-Pierre",
        departement_code="974",
        departement_name="La Réunion",
        region_code="04",
        region_name="La Réunion",
        latitude=Decimal("-21.339000"),
        longitude=Decimal("55.478000"),
    )
    return directory, mainland, reunion


@pytest.mark.parametrize("size", WIDTHS, ids=list(WIDTHS))
def test_france_is_drawn_and_overseas_fabriques_are_in_view(
    sized,  # noqa: F811 (the fixture imported above)
    live_server,
    mainland_and_overseas,
    size,
    tmp_path,
):
    directory, mainland, reunion = mainland_and_overseas
    web = sized(*WIDTHS[size])
    web.get(directory.get_full_url())
    insets = wait(
        web,
        lambda b: (found := b.find_elements(By.CSS_SELECTOR, ".fabriques-map__inset")) and found,
        message="no overseas inset drawn",
    )
    # One inset per overseas département, named, in the order of their INSEE codes.
    overseas = [d for code, d in sorted(territories().departements.items()) if len(code) == 3]
    assert [inset.text for inset in insets] == [d.name for d in overseas]

    # The outline: one path per département plus the région borders, on a plain ground.
    main = web.find_element(By.CSS_SELECTOR, ".fabriques-map__main")
    paths = main.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")
    assert len(paths) == len(territories().departements) + 1
    assert web.find_elements(By.CSS_SELECTOR, ".leaflet-tile") == []
    web.execute_script(
        "arguments[0].scrollIntoView({block: 'start'});", main.find_element(By.XPATH, "..")
    )
    picture = main.screenshot_as_png
    whole = web.find_element(By.ID, "fabriques-map").screenshot_as_png
    (tmp_path / f"fabriques-map-{size}.png").write_bytes(whole)  # to look at
    assert border_pixels(picture) > 500, "the région borders are not drawn on the map"

    # Every Fabrique is in the first view, without panning: the mainland one on the main
    # map, the one in La Réunion in its inset (and on the main map, far off to the east).
    marker = wait(
        web,
        lambda b: b.find_element(By.CSS_SELECTOR, MARKERS + f"[title='{mainland.title}']"),
        message="no mainland marker",
    )
    assert marker.is_displayed() and inside(marker.rect, main.rect)
    reunion_inset = web.find_element(By.CSS_SELECTOR, ".fabriques-map__inset[data-code='974']")
    frame = reunion_inset.find_element(By.CSS_SELECTOR, ".fabriques-map__inset-map")
    marker = reunion_inset.find_element(
        By.CSS_SELECTOR, f".leaflet-marker-icon[title='{reunion.title}']"
    )
    assert marker.is_displayed() and inside(marker.rect, frame.rect)
    viewport = {"x": 0, "y": 0, "width": WIDTHS[size][0], "height": WIDTHS[size][1]}
    viewport["y"] = web.execute_script("return window.scrollY;")
    assert inside(marker.rect, viewport), "the overseas inset is below the first screen of the map"

    marker.click()
    link = wait(
        web,
        lambda b: next(
            (
                a
                for a in reunion_inset.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a")
                if a.is_displayed()
            ),
            None,
        ),
        message="no popup in the inset",
    )
    assert link.get_attribute("href") == reunion.get_full_url()
    urls = check_page(web, live_server.url)
    assert live_server.url + OUTLINE_URL in urls  # our static file, no tile server


def test_tiles_when_configured_show_through_the_outline(web, live_server, settings, directory):
    """MAP_TILE_URL still works: tiles under the outline, whose départements are not
    filled then (the tiles show the land). Our own favicon stands in for a tile server."""
    directory, located, unlocated = directory
    settings.MAP_TILE_URL = live_server.url + "/static/favicon.svg?{z}/{x}/{y}"
    web.get(directory.get_full_url())
    wait(web, lambda b: b.find_elements(By.CSS_SELECTOR, ".leaflet-tile"), message="no tiles")
    main = web.find_element(By.CSS_SELECTOR, ".fabriques-map__main")
    paths = wait(
        web,
        lambda b: main.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path"),
        message="no outline over the tiles",
    )
    fills = {path.get_attribute("fill-opacity") for path in paths}
    assert "0" in fills and "1" not in fills
    assert "fabriques-map--no-tiles" not in web.find_element(By.ID, "fabriques-map").get_attribute(
        "class"
    )
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
