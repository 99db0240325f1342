"""Every page type laid out on a phone (390x844) and a desktop (1280x900).

On each page: nothing wider than the viewport (no sideways scrolling), and no two
visible blocks of the main content overlapping. An unclosed media block in site.css
once let the booklet, agenda, event and search rules apply only from 768 px on.
"""

import json

import pytest
from modelsearch.backends import get_search_backend
from selenium.webdriver.common.by import By

from wagtail.models import Site

from home.models import SiteSettings
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    BookletChapterPageFactory,
    BookletPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    InformationPageFactory,
    SitemapPageFactory,
    ThemeFactory,
    heading,
    paragraph,
    workshop,
)

from .conftest import WINDOW_SIZE
from .helpers import check_page, console_errors

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LONG_WORD = "Intercommunalité-rurale-et-périurbaine-des-Hauts-de-France"

# The blocks of <main> that must not overlap: the children of its innermost wrapper (the
# chain of single children under <main>: the page's .container), and, one level down, the
# children of the blocks laid out as a grid or flex box (search layout, Fabrique layout,
# hero, cards): the layouts that collapse, or not, on a phone.
LAYOUT_SCRIPT = """
function visible(el) {
    var style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    if (style.position === 'absolute' || style.position === 'fixed') return false;
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
}
function describe(el) {
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string'
           ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
}
function overlaps(parent) {
    var kids = Array.prototype.filter.call(parent.children, visible);
    var found = [];
    for (var i = 0; i < kids.length; i++) {
        var a = kids[i].getBoundingClientRect();
        for (var j = i + 1; j < kids.length; j++) {
            var b = kids[j].getBoundingClientRect();
            var x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            var y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > 1 && y > 1) {
                found.push(describe(kids[i]) + ' overlaps ' + describe(kids[j]));
            }
        }
    }
    return found;
}
var wrapper = document.querySelector('main');
while (wrapper.children.length === 1) wrapper = wrapper.children[0];
var found = overlaps(wrapper);
var layouts = 0;
Array.prototype.filter.call(wrapper.children, visible).forEach(function (block) {
    var display = getComputedStyle(block).display;
    if (/grid|flex/.test(display)) {
        layouts += 1;
        found = found.concat(overlaps(block));
    }
});
return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    blocks: Array.prototype.filter.call(wrapper.children, visible).length,
    overlaps: found,
};
"""


# Rules of each part of site.css, read back at every width: the unclosed media block
# broke no geometry (nothing overlapped, nothing overflowed) but dropped these on phones.
STYLED = {
    "event": (".event__facts dl", "display", "grid"),
    "search": (".search-facets ul", "list-style-type", "none"),
    "booklet": (".booklet-toc__chapters", "list-style-type", "none"),
    "chapter": (".booklet-progress", "display", "flex"),
}


@pytest.fixture
def database_backend(settings):
    """The site's database backend, whatever SEARCH_BACKEND says (as in tests/search)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    return get_search_backend("default")


@pytest.fixture
def site_pages(live_home, live_server, database_backend, settings) -> dict[str, str]:
    """One page of each type, with long words and lists: {name: URL}."""
    settings.BOOKLET_PDF_ON_PUBLISH = False
    themes = [ThemeFactory(name=name) for name in ("Ruralité", "Culture", "Médiation numérique")]

    news = ArticleIndexPageFactory(parent=live_home)
    article = ArticlePageFactory(
        parent=news, title=f"Les Fabriques et la {LONG_WORD}", themes=themes
    )
    ArticlePageFactory.create_batch(3, parent=news, themes=themes[:1])

    agenda = EventIndexPageFactory(parent=live_home)
    event = EventPageFactory(
        parent=agenda, title="Rencontre des Fabriques de Territoire", themes=themes
    )
    EventPageFactory.create_batch(2, parent=agenda)

    directory = FabriqueIndexPageFactory(parent=live_home)
    fabrique = FabriquePageFactory(parent=directory, title=f"La Fabrique {LONG_WORD}")
    FabriquePageFactory.create_batch(2, parent=directory, themes=themes[1:])

    booklet = BookletPageFactory(parent=live_home, title="Livret de la rencontre des Fabriques")
    chapters = [
        BookletChapterPageFactory(
            parent=booklet,
            title=f"Atelier {n} : les Fabriques",
            body=json.dumps(
                [
                    heading(f"Ce qui a été partagé {n}", anchor=f"partage-{n}"),
                    paragraph("Les Fabriques ont partagé leurs besoins. " * 20),
                    workshop(f"Atelier {n}", fabriques=[fabrique]),
                ]
            ),
        )
        for n in range(1, 4)
    ]
    legal = InformationPageFactory(
        parent=live_home,
        title="Mentions légales",
        body=json.dumps(
            [heading("Éditeur", anchor="editeur"), paragraph("France Tiers-Lieux. " * 10)]
        ),
    )
    sitemap = SitemapPageFactory(parent=live_home)
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=live_home))
    site_settings.legal_page = site_settings.accessibility_page = legal
    site_settings.sitemap_page = sitemap
    site_settings.contact_email = "contact@example.org"
    site_settings.save()  # the footer's links on every page
    return {
        "home": live_home.get_full_url(),
        "news index": news.get_full_url(),
        "article": article.get_full_url(),
        "agenda": agenda.get_full_url(),
        "event": event.get_full_url(),
        "directory": directory.get_full_url(),
        "Fabrique": fabrique.get_full_url(),
        "booklet": booklet.get_full_url(),
        "chapter": chapters[1].get_full_url(),
        "one-page booklet": live_server.url + booklet.full_url_path(),
        "search": live_server.url + "/fr/search/?q=Fabriques",
        "information page": legal.get_full_url(),
        "site map": sitemap.get_full_url(),
        "404": live_server.url + "/fr/cette-page-n-existe-pas/",
    }


@pytest.fixture
def sized(web):
    """The session's browser at the test's size, back to WINDOW_SIZE afterwards."""

    def resize(width: int, height: int):
        web.set_window_size(width, height)
        inner = web.execute_script("return window.innerWidth;")
        if inner != width:  # the window's frame, if any, taken into account
            web.set_window_size(2 * width - inner, height)
        assert web.execute_script("return window.innerWidth;") == width
        return web

    yield resize
    web.set_window_size(*map(int, WINDOW_SIZE.split(",")))


@pytest.mark.parametrize("size", WIDTHS, ids=list(WIDTHS))
def test_no_page_scrolls_sideways_or_overlaps(sized, live_server, site_pages, size):
    web = sized(*WIDTHS[size])
    problems = []
    for name, url in site_pages.items():
        web.get(url)
        assert web.find_element(By.TAG_NAME, "h1").text, f"{name}: no title at {url}"
        if name == "search":
            assert web.find_elements(By.CSS_SELECTOR, ".search-facets a"), "no facets"
            assert web.find_elements(By.CSS_SELECTOR, ".search-result"), "no results"
        if name in STYLED:
            selector, prop, expected = STYLED[name]
            value = web.execute_script(
                "var el = document.querySelector(arguments[0]);"
                "return el && getComputedStyle(el).getPropertyValue(arguments[1]);",
                selector,
                prop,
            )
            if value != expected:
                problems.append(f"{name}: {selector} has {prop}: {value}, not {expected}")
        layout = web.execute_script(LAYOUT_SCRIPT)
        if layout["scrollWidth"] > layout["innerWidth"]:
            problems.append(
                f"{name} ({url}): {layout['scrollWidth']} px wide "
                f"in a {layout['innerWidth']} px viewport"
            )
        if layout["overlaps"]:
            problems.append(f"{name} ({url}): {'; '.join(layout['overlaps'])}")
        assert layout["blocks"] >= 1, f"{name}: nothing visible in <main>"
        if name == "404":  # the page's own status is logged as an error, and only it
            errors = console_errors(web)
            assert errors and all(error.startswith(url + " ") for error in errors), errors
        check_page(web, live_server.url)
    assert problems == [], "\n".join(problems)


# The listings with filters, and where their first result is: the filters fold the same way.
FOLDED = {
    "search": ".search-result",
    "news index": ".card-grid .card",
    "agenda": ".card-grid .card",
    "directory": "#results-title",  # then the map, then the list
}


@pytest.mark.parametrize("name", FOLDED)
def test_results_come_first_on_a_phone(sized, live_server, site_pages, name):
    """On a phone the filters (facets of the search) fold under their summary: the
    results start on the first screen, and the filters open with a tap. On a desktop
    they are open above or beside them."""
    links = "details.facets-fold .filters__group a"
    web = sized(*WIDTHS["phone"])
    web.get(site_pages[name])
    fold = web.find_element(By.CSS_SELECTOR, "details.facets-fold")
    assert fold.get_attribute("open") is None
    assert not web.find_element(By.CSS_SELECTOR, links).is_displayed()
    top = web.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top;",
        FOLDED[name],
    )
    assert 0 < top < WIDTHS["phone"][1], f"the first result starts at {top} px"
    fold.find_element(By.TAG_NAME, "summary").click()
    assert web.find_element(By.CSS_SELECTOR, links).is_displayed()
    check_page(web, live_server.url)

    web = sized(*WIDTHS["desktop"])
    web.get(site_pages[name])
    fold = web.find_element(By.CSS_SELECTOR, "details.facets-fold")
    assert fold.get_attribute("open") is not None
    assert web.find_element(By.CSS_SELECTOR, links).is_displayed()
    check_page(web, live_server.url)
