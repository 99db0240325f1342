import datetime

import pytest
from bs4 import BeautifulSoup

from articles.models import ARTICLES_PER_PAGE, parse_page_number
from tests.factories import ArticlePageFactory, ThemeFactory


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


@pytest.fixture
def themed_news(news_index, locale_fr):
    culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
    agriculture = ThemeFactory(name="Agriculture", slug="agriculture", locale=locale_fr)
    ArticlePageFactory(
        parent=news_index, title="Culture 2020", date=datetime.date(2020, 11, 27), themes=[culture]
    )
    ArticlePageFactory(
        parent=news_index,
        title="Culture 2021",
        date=datetime.date(2021, 5, 20),
        themes=[culture, agriculture],
    )
    ArticlePageFactory(
        parent=news_index, title="Agri 2021", date=datetime.date(2021, 4, 15), themes=[agriculture]
    )
    draft = ArticlePageFactory(parent=news_index, title="Brouillon", themes=[culture])
    draft.unpublish()
    return news_index


@pytest.mark.django_db
class TestArticleIndex:
    def test_newest_first_without_drafts(self, client, themed_news):
        response = client.get(themed_news.url)
        assert response.status_code == 200
        assert titles(response) == ["Culture 2021", "Agri 2021", "Culture 2020"]

    def test_filter_by_theme(self, client, themed_news):
        response = client.get(themed_news.url + "theme/culture/")
        assert titles(response) == ["Culture 2021", "Culture 2020"]

    def test_filter_by_year(self, client, themed_news):
        response = client.get(themed_news.url + "2021/")
        assert titles(response) == ["Culture 2021", "Agri 2021"]

    def test_filter_by_theme_and_year(self, client, themed_news):
        response = client.get(themed_news.url + "theme/agriculture/2021/")
        assert titles(response) == ["Culture 2021", "Agri 2021"]
        response = client.get(themed_news.url + "theme/agriculture/2020/")
        assert response.status_code == 200
        assert titles(response) == []
        assert "Aucun article ne correspond" in response.content.decode()

    def test_filter_links_show_counts_of_live_articles(self, client, themed_news):
        soup = BeautifulSoup(client.get(themed_news.url).content, "html.parser")
        links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".filters a")}
        assert links["Culture (2)"] == themed_news.url + "theme/culture/"
        assert links["Agriculture (2)"] == themed_news.url + "theme/agriculture/"
        assert links["2021"] == themed_news.url + "2021/"

    def test_current_filter_is_marked(self, client, themed_news):
        soup = BeautifulSoup(client.get(themed_news.url + "theme/culture/").content, "html.parser")
        current = [a.get_text(" ", strip=True) for a in soup.select(".filters a[aria-current]")]
        assert "Culture (2)" in current

    @pytest.mark.parametrize(
        "suffix",
        ["theme/inconnue/", "theme/inconnue/2021/", "1066/", "99999/", "theme/Culture%20/"],
    )
    def test_unknown_filters_are_404(self, client, themed_news, suffix):
        assert client.get(themed_news.url + suffix).status_code == 404


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def many(self, news_index):
        for day in range(ARTICLES_PER_PAGE + 3):
            ArticlePageFactory(
                parent=news_index,
                title=f"Article {day:02d}",
                date=datetime.date(2021, 1, 1) + datetime.timedelta(days=day),
            )
        return news_index

    def test_pages(self, client, many):
        first = titles(client.get(many.url))
        second = titles(client.get(many.url + "?page=2"))
        assert len(first) == ARTICLES_PER_PAGE
        assert len(second) == 3
        assert first[0] == f"Article {ARTICLES_PER_PAGE + 2:02d}"
        assert second[-1] == "Article 00"

    @pytest.mark.parametrize("value", ["abc", "-1", "0", "", "1.5", "%00", "9" * 40])
    def test_bad_page_values_give_the_first_page_or_404(self, client, many, value):
        response = client.get(many.url, {"page": value})
        assert response.status_code in (200, 404)
        if response.status_code == 200:
            assert titles(response) == titles(client.get(many.url))

    def test_page_past_the_end_is_404(self, client, many):
        assert client.get(many.url + "?page=3").status_code == 404

    def test_pagination_links(self, client, many):
        soup = BeautifulSoup(client.get(many.url).content, "html.parser")
        assert soup.select_one('.pagination a[rel="next"]')["href"] == "?page=2"


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 1), ("", 1), ("abc", 1), ("-3", 1), ("0", 1), ("4", 4)]
)
def test_parse_page_number(raw, expected):
    assert parse_page_number(raw) == expected
