"""The booklets reachable from the home page: its "Publications" section."""

import datetime
from html import escape

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from tests.factories import BookletPageFactory


def publications(client, home) -> list[str]:
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    section = soup.select_one("section.home-publications")
    if section is None:
        return []
    return [a.get_text() for a in section.select(".card__title a")]


@pytest.mark.django_db
class TestPublicationsSection:
    def test_latest_live_public_booklets_of_the_language_first(self, client, home, home_en):
        older = BookletPageFactory(
            parent=home, title="Livret 2020", edition_date=datetime.date(2020, 5, 1)
        )
        latest = BookletPageFactory(
            parent=home, title="Livret 2021", edition_date=datetime.date(2021, 2, 1)
        )
        BookletPageFactory(parent=home, title="Brouillon", live=False)
        private = BookletPageFactory(parent=home, title="Réservé")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        BookletPageFactory(parent=home_en, title="English booklet")
        assert publications(client, home) == ["Livret 2021", "Livret 2020"]
        content = client.get(home.url).content.decode()
        assert f'href="{escape(latest.url)}"' in content
        assert f'href="{escape(latest.pdf_url())}"' in content
        assert f'href="{escape(older.url)}"' in content
        assert publications(client, home_en) == ["English booklet"]

    def test_no_booklet_no_section(self, client, home):
        assert "home-publications" not in client.get(home.url).content.decode()
