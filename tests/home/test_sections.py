import pytest

from django.test import RequestFactory

from home.models import HomePageFeaturedItem
from home.sections import register_section, sections, unregister_section
from tests.factories import ArticlePageFactory


def test_each_content_app_registers_its_home_section_in_installed_apps_order():
    assert [name for name, _section in sections()] == [
        "latest_articles",
        "fabriques_directory",
        "upcoming_events",
        "publications",
    ]


@pytest.fixture
def extra_section():
    seen = {}

    def section(home_page, request, context):
        seen["featured"] = list(context["featured_pages"])
        seen["articles"] = context["latest_articles"]
        return {"extra": home_page.title}

    register_section("extra", section)
    yield seen
    unregister_section("extra")


@pytest.mark.django_db
class TestHomeContext:
    def test_sections_fill_the_home_page_context(self, home, news_index):
        article = ArticlePageFactory(parent=news_index)
        context = home.get_context(RequestFactory().get("/"))
        assert list(context["latest_articles"]) == [article]
        assert context["upcoming_events"] == []
        assert context["fabriques_directory"] is None
        assert context["home_booklets"] == []

    def test_a_featured_article_is_not_repeated_among_the_latest(self, home, news_index):
        featured, latest = ArticlePageFactory.create_batch(2, parent=news_index)
        HomePageFeaturedItem.objects.create(home=home, page=featured, sort_order=0)
        context = home.get_context(RequestFactory().get("/"))
        assert context["featured_pages"] == [featured]
        assert list(context["latest_articles"]) == [latest]

    def test_a_section_sees_the_sections_before_it(self, home, news_index, extra_section):
        context = home.get_context(RequestFactory().get("/"))
        assert context["extra"] == home.title
        assert extra_section["featured"] == []
        assert extra_section["articles"] is context["latest_articles"]
