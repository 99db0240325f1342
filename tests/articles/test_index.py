import datetime

import pytest
from bs4 import BeautifulSoup

from articles.models import ARTICLES_PER_PAGE
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
        response = client.get(themed_news.url + "?theme=culture")
        assert titles(response) == ["Culture 2021", "Culture 2020"]

    def test_filter_by_year(self, client, themed_news):
        response = client.get(themed_news.url + "?year=2021")
        assert titles(response) == ["Culture 2021", "Agri 2021"]

    def test_filter_by_theme_and_year(self, client, themed_news):
        response = client.get(themed_news.url + "?theme=agriculture&year=2021")
        assert titles(response) == ["Culture 2021", "Agri 2021"]
        response = client.get(themed_news.url + "?theme=agriculture&year=2020")
        assert response.status_code == 200
        assert titles(response) == []
        assert "Aucun article ne correspond" in response.content.decode()

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("theme/culture/", "?theme=culture"),
            ("2021/", "?year=2021"),
            ("theme/agriculture/2021/", "?theme=agriculture&year=2021"),
        ],
    )
    def test_clean_urls_of_the_first_version_redirect(self, client, themed_news, old, new):
        response = client.get(themed_news.url + old)
        assert response.status_code == 301
        assert response["Location"] == themed_news.url + new
        assert client.get(response["Location"]).status_code == 200

    def test_filter_links_show_counts_of_live_articles(self, client, themed_news):
        soup = BeautifulSoup(client.get(themed_news.url).content, "html.parser")
        links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".filters a")}
        assert links["Culture (2)"] == themed_news.url + "?theme=culture"
        assert links["Agriculture (2)"] == themed_news.url + "?theme=agriculture"
        assert links["2021 (2)"] == themed_news.url + "?year=2021"

    def test_filter_links_keep_the_other_filter(self, client, themed_news):
        soup = BeautifulSoup(client.get(themed_news.url + "?year=2020").content, "html.parser")
        links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".filters a")}
        assert links["Culture (1)"] == themed_news.url + "?theme=culture&year=2020"
        assert "Agriculture (2)" not in links and "Agriculture (1)" not in links

    def test_current_filter_is_marked(self, client, themed_news):
        soup = BeautifulSoup(client.get(themed_news.url + "?theme=culture").content, "html.parser")
        current = [a.get_text(" ", strip=True) for a in soup.select(".filters a[aria-current]")]
        assert "Culture (2)" in current

    @pytest.mark.parametrize(
        "suffix",
        [
            "?theme=inconnue",
            "?theme=inconnue&year=2021",
            "?year=1066",
            "?theme=Culture%20",
            "theme/inconnue/",
            "theme/inconnue/2021/",
            "1066/",
        ],
    )
    def test_values_that_name_nothing_are_404(self, client, themed_news, suffix):
        assert client.get(themed_news.url + suffix).status_code == 404

    @pytest.mark.parametrize(
        "query",
        [
            "?theme=culture&theme=agriculture",
            "?year=2021&year=2020",
            "?year=99999",
            "?year=20x1",
            "?theme=%3Cscript%3E",
            "?theme=" + "x" * 500,
        ],
    )
    def test_repeated_or_malformed_values_are_400_with_a_message(self, client, themed_news, query):
        response = client.get(themed_news.url + query)
        assert response.status_code == 400
        message = BeautifulSoup(response.content, "html.parser").select_one("main p")
        assert "theme" in message.get_text() or "year" in message.get_text()


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

    @pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "\x00", "9" * 40])
    def test_malformed_page_values_are_400(self, client, many, value):
        response = client.get(many.url, {"page": value})
        assert response.status_code == 400
        assert "page" in response.content.decode()

    def test_an_empty_page_value_is_the_first_page(self, client, many):
        assert titles(client.get(many.url, {"page": ""})) == titles(client.get(many.url))

    def test_page_past_the_end_is_404(self, client, many):
        assert client.get(many.url + "?page=3").status_code == 404

    def test_pagination_links(self, client, many):
        soup = BeautifulSoup(client.get(many.url).content, "html.parser")
        assert soup.select_one('.pagination a[rel="next"]')["href"] == "?page=2"

    def test_pagination_links_keep_the_filters(self, client, many):
        soup = BeautifulSoup(client.get(many.url + "?year=2021").content, "html.parser")
        assert soup.select_one('.pagination a[rel="next"]')["href"] == "?year=2021&page=2"
