"""The hostile visibility test: pages a visitor may not see never show, anywhere.

One site holds visible pages and hidden ones: a draft, pages restricted by login,
password and group, a page private through its ancestor, an expired page, an alias of a
private page, a private translation, and visible pages pointing at hidden ones (menu,
hero button, event venue and programme, article-to-event link, backlinks). Every hidden
page's title and text carry a marker word; no public output may contain one: every
page reached by following the site's links, the sitemap, the feeds and calendars, the
open data, Wagtail's pages API, the search page, the search API and autocomplete, on
the database backend and on the engine.
"""

import datetime
import html
import json
import re
from collections import deque

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    ThemeFactory,
    site_home,
    translated_home,
)
from tests.search.conftest import index_pages, live_engine, reset_engine_index
from tests.shared_data import shared_data

pytestmark = pytest.mark.slow

HIDDEN = "xylosecret"  # in every hidden page's title
HIDDEN_TEXT = "xylotexte"  # in every hidden page's text
SHOWN = "xylopublic"  # in every visible page's title: the positive control
COMMON = "quokka"  # in every page's text, hidden or not: what searches ask for


def text(marker: str) -> list:
    return [("paragraph", f"<p>Un {COMMON} et un {marker}.</p>")]


def restrict(page, kind: str, group: Group | None = None) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if group is not None:
        restriction.groups.add(group)


def hidden_article(parent, label: str, **kwargs):
    kwargs.setdefault("body", text(HIDDEN_TEXT))
    return ArticlePageFactory(
        parent=parent, title=f"Xylosecret {label}", intro=f"{COMMON} {HIDDEN_TEXT}", **kwargs
    )


def build_site() -> dict:
    locale_fr = Locale.objects.get_or_create(language_code="fr")[0]
    locale_en = Locale.objects.get_or_create(language_code="en")[0]
    home = site_home(locale_fr)
    translated_home(home, locale_en)
    members = Group.objects.create(name="Membres du réseau")
    theme = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
    news = ArticleIndexPageFactory(parent=home)
    agenda = EventIndexPageFactory(parent=home)
    directory = FabriqueIndexPageFactory(parent=home, title="Fabriques", show_in_menus=True)
    hidden = {}

    # Fabriques: a public one, one for a group only (on the map, venue of an event).
    public_fabrique = FabriquePageFactory(
        parent=directory, title="Xylopublic Fabrique", short_description=COMMON, themes=[theme]
    )
    hidden["group"] = FabriquePageFactory(
        parent=directory,
        title="Xylosecret Fabrique du groupe",
        short_description=f"{COMMON} {HIDDEN_TEXT}",
        commune=f"Xylosecret {HIDDEN_TEXT}",
        themes=[theme],
    )
    restrict(hidden["group"], PageViewRestriction.GROUPS, members)

    # Articles: draft, login, password, expired, and private through an ancestor (a
    # section in the menu); the public one links to a public Fabrique (backlinks).
    hidden["draft"] = hidden_article(news, "brouillon", live=False, themes=[theme])
    hidden["login"] = hidden_article(news, "connexion", themes=[theme])
    restrict(hidden["login"], PageViewRestriction.LOGIN)
    hidden["password"] = hidden_article(news, "mot de passe", themes=[theme])
    restrict(hidden["password"], PageViewRestriction.PASSWORD)
    hidden["expired"] = hidden_article(
        news, "expiré", themes=[theme], expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    section = ArticleIndexPageFactory(
        parent=home, title="Xylosecret espace membres", slug="membres", show_in_menus=True
    )
    restrict(section, PageViewRestriction.LOGIN)
    hidden["section"] = section
    hidden["ancestor"] = hidden_article(section, "sous une section privée", themes=[theme])
    hidden["backlink"] = hidden_article(
        news,
        "qui cite une Fabrique",
        live=False,
        body=[("call_to_action", {"text": "Voir", "page": public_fabrique, "url": ""})],
    )
    # An alias, in the public news, of the page private through its ancestor.
    hidden["alias"] = hidden["ancestor"].create_alias(parent=news, update_slug="alias-prive")
    # A private translation of a public article.
    news_en = news.copy_for_translation(locale_en)
    news_en.save_revision().publish()
    translated = ArticlePageFactory(
        parent=news, title="Xylopublic article traduit", intro=COMMON, themes=[theme]
    )
    english = translated.copy_for_translation(locale_en)
    english.title = "Xylosecret private translation"
    english.intro = f"{COMMON} {HIDDEN_TEXT}"
    english.save_revision().publish()
    restrict(english, PageViewRestriction.LOGIN)
    hidden["translation"] = english

    # Events: an upcoming draft (calendars), and a public one whose venue, programme
    # and summary point at hidden pages; a public article about the draft event.
    soon = timezone.now() + datetime.timedelta(days=10)
    hidden["event"] = EventPageFactory(
        parent=agenda,
        title="Xylosecret rencontre",
        intro=f"{COMMON} {HIDDEN_TEXT}",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        live=False,
        themes=[theme],
    )
    workshop = {
        "kind": "workshop",
        "title": "Atelier Xylopublic",
        "start_time": "14:00",
        "end_time": "15:00",
        "theme": None,
        "facilitators": [],
        "summary": "",
        "fabriques": [public_fabrique.pk, hidden["group"].pk],
        "summary_page": hidden["login"].pk,
    }
    EventPageFactory(
        parent=agenda,
        title="Xylopublic rencontre",
        intro=COMMON,
        start=soon + datetime.timedelta(days=1),
        end=soon + datetime.timedelta(days=1, hours=2),
        format="in-person",
        online_url="",
        venue_fabrique=hidden["group"],
        programme=json.dumps([{"type": "item", "value": workshop}]),
        themes=[theme],
    )
    shown = [public_fabrique, translated]
    shown.append(
        ArticlePageFactory(
            parent=news,
            title="Xylopublic article sur un événement",
            intro=COMMON,
            event=hidden["event"],
            themes=[theme],
        )
    )
    # An editor's rich-text links to every hidden page (and one visible page).
    links = "".join(
        f'<a linktype="page" id="{page.pk}">lien {number}</a> '
        for number, page in enumerate([*hidden.values(), public_fabrique])
    )
    shown.append(
        ArticlePageFactory(
            parent=news,
            title="Xylopublic article aux liens",
            intro=COMMON,
            body=[("paragraph", f"<p>{links}</p>")],
            themes=[theme],
        )
    )
    # The home page's button points at a draft.
    home.hero_cta_page = hidden["draft"]
    home.save_revision().publish()
    return {"hidden": hidden, "shown": shown, "home": home, "directory": directory}


@pytest.fixture(scope="module")
def _site(django_db_setup, django_db_blocker):
    yield from shared_data(django_db_blocker, build_site)


@pytest.fixture
def site(db, _site):
    return _site


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]*)""")
NOT_CRAWLED = ("/admin", "/django-admin", "/static/", "/media/", "/documents/", "//")


def crawl(client, start: list[str], limit: int = 200) -> dict[str, str]:
    """Every public URL reached from `start` by following links (breadth first)."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code < 500, url
        seen[url] = body_of(response)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        if "html" in response.get("Content-Type", ""):
            for href in LINK.findall(seen[url]):
                href = html.unescape(href)
                if href.startswith("/") and not href.startswith(NOT_CRAWLED):
                    queue.append(href)
    return seen


def leaks(outputs: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for url, body in outputs.items():
        lowered = body.lower()
        markers = [m for m in (HIDDEN, HIDDEN_TEXT) if m in lowered]
        if markers:
            found[url] = markers
    return found


def search_urls() -> list[str]:
    urls = []
    for language in ("fr", "en"):
        # Never the markers themselves: the search page says what was asked.
        for q in (COMMON, "xylo"):
            urls += [
                f"/{language}/search/?q={q}",
                f"/api/search/?q={q}&lang={language}",
                f"/api/search/autocomplete/?q={q}&lang={language}",
            ]
        urls.append(f"/api/search/autocomplete/?q=xylos&lang={language}")
    return urls


def test_hidden_pages_exist_and_are_refused_to_visitors(client, site):
    """The fixture is what it claims: every hidden page is in the database, and a
    visitor asking for it directly is refused (or, for the expired page and the alias,
    served by Wagtail: which is why the rule must hold wherever pages are listed)."""
    hidden = site["hidden"]
    assert all(Page.objects.filter(pk=page.pk).exists() for page in hidden.values())
    assert client.get(hidden["login"].url).status_code == 302  # to the login page
    assert hidden["alias"].alias_of_id == hidden["ancestor"].pk and hidden["alias"].live


def test_no_public_output_names_a_hidden_page(client, site, database_backend):
    directory = site["directory"].url
    start = [
        "/",
        "/fr/",
        "/en/",
        "/sitemap.xml",
        "/fr/actualites/rss/",
        "/fr/actualites/atom/",
        "/fr/agenda/ical/",
        "/fr/agenda/ical/theme/culture/",
        f"{directory}csv/",
        f"{directory}geojson/",
        "/api/v2/pages/?limit=20",
        "/api/v2/pages/?limit=20&offset=20",
        *search_urls(),
    ]
    outputs = crawl(client, start)
    assert leaks(outputs) == {}
    # Nor their addresses (the sitemap and feeds give URLs, not titles).
    hidden_urls = [page.url for page in site["hidden"].values()]
    assert all(hidden_urls)  # every hidden page has an address that could leak
    named = {url: [h for h in hidden_urls if h in body] for url, body in outputs.items()}
    assert {url: found for url, found in named.items() if found} == {}
    # The positive control: visible pages are there, and so are the outputs.
    everything = "\n".join(outputs.values()).lower()
    assert everything.count(SHOWN) > 20
    for url in ("/fr/agenda/ical/", "/fr/actualites/rss/", f"{directory}csv/"):
        assert SHOWN in outputs[url].lower(), url
    assert all(page.url in outputs["/sitemap.xml"] for page in site["shown"])
    linking = next(page for page in site["shown"] if page.title.endswith("aux liens"))
    assert f'href="{site["shown"][0].url}"' in outputs[linking.url]  # a visible page's link
    visited = set(outputs)
    assert {"/fr/agenda/", "/fr/fabriques/", "/fr/actualites/"} <= visited
    assert any(url.endswith("/ics/") for url in visited)


def test_search_on_the_engine_names_no_hidden_page(client, site, commits_as_in_production):
    backend = live_engine()
    reset_engine_index(backend)
    index_pages(backend)
    outputs = {url: body_of(client.get(url)) for url in search_urls()}
    assert leaks(outputs) == {}
    found = json.loads(outputs[f"/api/search/?q={COMMON}&lang=fr"])
    assert found["backend"] != "database"
    assert found["count"] >= 3 and all(SHOWN in r["title"].lower() for r in found["results"])
