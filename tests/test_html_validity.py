"""What the W3C Nu validator found in the rendered pages, checked on the HTML itself:
machine-readable <time>, headings keeping their role, ARIA allowed on the search box."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    ArticlePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
)

pytestmark = pytest.mark.django_db

# The valid date, time and global date-and-time strings of the HTML standard, as the
# templates write them (a month, a day, a time of day, an ISO date-time with its offset).
DATE = r"\d{4}-\d{2}(-\d{2})?"
TIME = r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
VALID_DATETIME = re.compile(rf"^({DATE}|{TIME}|{DATE}[T ]{TIME}(Z|[+-]\d{{2}}:?\d{{2}})?)$")


@pytest.fixture
def pages(client, home, news_index):
    agenda = EventIndexPageFactory(parent=home)
    session = {
        "kind": "talk",
        "title": "Accueil des participants",
        "start_time": "09:30",
        "end_time": "10:15",
        "summary": "",
    }
    event = EventPageFactory(
        parent=agenda, programme=json.dumps([{"type": "item", "value": session}])
    )
    article = ArticlePageFactory(parent=news_index, title="Les tiers-lieux en Bretagne")
    fabriques = FabriqueIndexPageFactory(parent=home)
    return {
        "event": event.url,
        "agenda": agenda.url,
        "news": news_index.url,
        "article": article.url,
        "fabriques": fabriques.url,
        "search": "/fr/search/?q=tiers",
    }


def soups(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        yield name, BeautifulSoup(response.content, "html.parser")


def test_every_time_is_machine_readable(client, pages):
    seen = 0
    for name, soup in soups(client, pages):
        for time in soup.find_all("time"):
            seen += 1
            assert VALID_DATETIME.match(time.get("datetime", "")), (name, str(time))
    assert seen


def test_programme_times_name_the_hour(client, pages):
    soup = BeautifulSoup(client.get(pages["event"]).content, "html.parser")
    times = soup.select(".programme-item__time time")
    assert [t["datetime"] for t in times] == ["09:30", "10:15"]
    assert [t.get_text() for t in times] == ["09h30", "10h15"]


def test_no_heading_loses_its_role(client, pages):
    for name, soup in soups(client, pages):
        for heading in soup.find_all(re.compile(r"^h[1-6]$")):
            assert not heading.has_attr("role"), (name, str(heading)[:120])


def test_search_results_count_is_still_announced(client, pages):
    soup = BeautifulSoup(client.get(pages["search"]).content, "html.parser")
    heading = soup.find(id="results-title")
    assert heading.name == "h2"
    assert heading.find_parent(attrs={"role": "status"}) is not None


def test_search_box_is_a_combobox_that_aria_allows(client, pages):
    for name, soup in soups(client, pages):
        for box in soup.select("input[role=combobox]"):
            # ARIA in HTML: no role on <input type=search>; a text box may be a combobox.
            assert box.get("type") == "text", (name, str(box))
            assert box["inputmode"] == "search" and box["enterkeyhint"] == "search"
            assert box["aria-expanded"] == "false"
        assert not soup.select("input[type=search][role]"), name
    assert BeautifulSoup(client.get(pages["search"]).content, "html.parser").select(
        "#search-q[role=combobox]"
    )
