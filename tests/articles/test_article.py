import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import RELATED_ARTICLES_COUNT, ArticleRelatedPage
from tests.factories import ArticlePageFactory, PersonFactory, ThemeFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def culture(locale_fr):
    return ThemeFactory(name="Culture", slug="culture", locale=locale_fr)


@pytest.mark.django_db
class TestArticlePage:
    def test_renders_title_intro_authors_and_blocks(self, client, news_index, culture):
        bouchain = PersonFactory(
            name="Patrick Bouchain", role="Architecte et urbaniste", organisation=None
        )
        article = ArticlePageFactory(
            parent=news_index,
            title="Retour sur la rencontre",
            intro="Près de 200 participants.",
            authors=[bouchain],
            themes=[culture],
            body=json.dumps(
                [
                    {
                        "type": "heading",
                        "value": {"text": "Les ateliers", "level": "h2", "anchor": ""},
                    },
                    {
                        "type": "quote",
                        "value": {
                            "text": "Laissons le permis de faire.",
                            "person": bouchain.pk,
                            "name": "",
                            "role": "",
                        },
                    },
                    {
                        "type": "key_figures",
                        "value": {
                            "title": "",
                            "figures": [
                                {"prefix": "près de", "number": "200", "label": "participants"}
                            ],
                        },
                    },
                ]
            ),
        )
        response = client.get(article.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert [h.get_text() for h in soup.find_all("h1")] == ["Retour sur la rencontre"]
        assert soup.find("h2", id="les-ateliers")
        assert "Patrick Bouchain" in soup.select_one(".block-quote figcaption").get_text()
        assert soup.select_one(".block-figures__number").get_text() == "200"
        assert soup.html["lang"] == "fr"
        assert soup.select_one("a.skip-link")["href"] == "#main"
        assert soup.select_one(".tags a")["href"] == news_index.url + "?theme=culture"

    def test_meta_tags(self, client, news_index):
        article = ArticlePageFactory(parent=news_index, intro="Un chapô.")
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == article.full_url
        assert soup.find("meta", property="og:url")["content"] == canonical
        assert soup.find("meta", property="og:type")["content"] == "article"
        assert soup.find("meta", attrs={"name": "description"})["content"] == "Un chapô."
        assert soup.find("meta", attrs={"name": "twitter:card"})

    def test_share_links_point_to_the_article(self, client, news_index):
        article = ArticlePageFactory(parent=news_index)
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        links = soup.select(".share__link")
        assert len(links) == 6
        assert soup.select_one(".share__link--copy")["href"] == article.full_url
        for link in links:
            assert "<script" not in str(link)
        assert not soup.select("script[src]")


@pytest.mark.django_db
class TestBodyCache:
    """The rendered body is cached per content generation: it must follow publishing."""

    def test_new_revision_is_shown_after_publishing(self, client, news_index):
        article = ArticlePageFactory(parent=news_index)
        article.save_revision().publish()
        assert (
            "Les Fabriques de Territoire se rencontrent."
            in client.get(article.url).content.decode()
        )
        article.body = json.dumps([{"type": "paragraph", "value": "<p>Texte révisé.</p>"}])
        revision = article.save_revision()
        assert "Texte révisé." not in client.get(article.url).content.decode()  # a draft
        revision.publish()
        assert "Texte révisé." in client.get(article.url).content.decode()

    def test_renamed_person_is_shown_in_quotes(self, client, news_index, locale_fr):
        person = PersonFactory(name="Patrick Bouchain", locale=locale_fr)
        quote = {"text": "Laissons faire.", "person": person.pk, "name": "", "role": ""}
        article = ArticlePageFactory(
            parent=news_index, body=json.dumps([{"type": "quote", "value": quote}])
        )
        assert "Patrick Bouchain" in client.get(article.url).content.decode()
        person.name = "P. Bouchain"
        person.save()
        assert "P. Bouchain" in client.get(article.url).content.decode()


@pytest.mark.django_db
class TestRelatedArticles:
    def test_falls_back_to_same_themes_newest_first(self, news_index, culture, locale_fr):
        other = ThemeFactory(locale=locale_fr)
        article = ArticlePageFactory(parent=news_index, themes=[culture])
        older = ArticlePageFactory(
            parent=news_index, themes=[culture], date=datetime.date(2020, 1, 1)
        )
        newer = ArticlePageFactory(
            parent=news_index, themes=[culture, other], date=datetime.date(2022, 1, 1)
        )
        ArticlePageFactory(parent=news_index, themes=[other])
        assert article.get_related_pages() == [newer, older]

    def test_limited_and_excludes_drafts(self, news_index, culture):
        article = ArticlePageFactory(parent=news_index, themes=[culture])
        for _ in range(RELATED_ARTICLES_COUNT + 2):
            ArticlePageFactory(parent=news_index, themes=[culture])
        draft = ArticlePageFactory(
            parent=news_index, themes=[culture], date=datetime.date(2030, 1, 1)
        )
        draft.unpublish()
        related = article.get_related_pages()
        assert len(related) == RELATED_ARTICLES_COUNT
        assert draft not in related and article not in related

    def test_hand_picked_pages_win_in_their_order(self, client, news_index, culture):
        article = ArticlePageFactory(parent=news_index, themes=[culture])
        ArticlePageFactory(parent=news_index, themes=[culture])
        first, second = ArticlePageFactory(parent=news_index), ArticlePageFactory(parent=news_index)
        ArticleRelatedPage.objects.create(article=article, page=second, sort_order=0)
        ArticleRelatedPage.objects.create(article=article, page=first, sort_order=1)
        ArticleRelatedPage.objects.create(article=article, page=news_index, sort_order=2)
        assert article.get_related_pages() == [second, first, news_index]
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        assert soup.find("h2", id="related-title").get_text() == "Autres articles"
        assert [a["href"] for a in soup.select("aside .card__title a")] == [
            second.url,
            first.url,
            news_index.url,
        ]

    def test_no_themes_no_related(self, news_index):
        article = ArticlePageFactory(parent=news_index)
        ArticlePageFactory(parent=news_index)
        assert article.get_related_pages() == []


@pytest.mark.django_db
class TestFeeds:
    def test_rss(self, client, news_index, culture):
        ArticlePageFactory(parent=news_index, title="Ancien", date=datetime.date(2020, 1, 1))
        ArticlePageFactory(
            parent=news_index, title="Récent", date=datetime.date(2021, 1, 1), themes=[culture]
        )
        draft = ArticlePageFactory(parent=news_index, title="Brouillon")
        draft.unpublish()
        response = client.get(news_index.url + "rss/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("language") == "fr"
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == ["Récent", "Ancien"]
        assert items[0].findtext("link").startswith("http://testserver/fr/actualites/")
        assert items[0].findtext("category") == "Culture"

    def test_atom(self, client, news_index):
        ArticlePageFactory(parent=news_index, title="Un article")
        response = client.get(news_index.url + "atom/")
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Un article"]

    def test_index_announces_its_feeds(self, client, news_index):
        soup = BeautifulSoup(client.get(news_index.url).content, "html.parser")
        types = {
            link["type"] for link in soup.find_all("link", rel="alternate") if link.get("type")
        }
        assert types == {"application/rss+xml", "application/atom+xml"}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
class TestQueryCounts:
    """Our pages stay at 12 queries or fewer, however rich the content."""

    def build_article(self, news_index, locale_fr, size: int):
        themes = [ThemeFactory(locale=locale_fr) for _ in range(size)]
        people = [PersonFactory(locale=locale_fr) for _ in range(size)]
        quotes = [
            {"type": "quote", "value": {"text": "Citation", "person": p.pk, "name": "", "role": ""}}
            for p in people
        ]
        article = ArticlePageFactory(
            parent=news_index, themes=themes, authors=people, body=json.dumps(quotes)
        )
        for _ in range(size):
            ArticlePageFactory(parent=news_index, themes=themes[:1])
        return article

    def test_article_page_does_not_grow_with_content(self, client, news_index, locale_fr):
        small = self.build_article(news_index, locale_fr, 1)
        large = self.build_article(news_index, locale_fr, 8)
        client.get(small.url)  # warm the caches (site root paths, menu, renditions)
        client.get(large.url)
        small_count = count_queries(client, small.url)
        large_count = count_queries(client, large.url)
        assert small_count <= 12
        assert large_count == small_count

    def test_hand_picked_related_do_not_add_queries(self, client, news_index, locale_fr):
        article = self.build_article(news_index, locale_fr, 1)
        client.get(article.url)
        before = count_queries(client, article.url)
        for order in range(6):
            ArticleRelatedPage.objects.create(
                article=article, page=ArticlePageFactory(parent=news_index), sort_order=order
            )
        assert count_queries(client, article.url) <= max(before, 12)

    def test_index_and_home(self, client, home, news_index, locale_fr):
        for _ in range(12):
            self.build_article(news_index, locale_fr, 2)
        client.get(home.url)
        assert count_queries(client, news_index.url) <= 12
        assert count_queries(client, news_index.url + "?page=2") <= 12
        assert count_queries(client, home.url) <= 12
