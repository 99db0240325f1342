import pytest

from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage
from home.blocks import CallToActionBlock, HeadingBlock, QuoteBlock, heading_anchor
from home.models import HomePage, serves_itself
from tests.factories import OrganisationFactory, PersonFactory


@pytest.mark.django_db
class TestPageTree:
    def test_home_page_goes_under_the_root_only(self, home):
        assert HomePage.can_create_at(Page.get_first_root_node())
        assert not HomePage.can_create_at(home)

    def test_news_index_goes_under_a_home_page_once(self, home, news_index):
        assert ArticleIndexPage in HomePage.allowed_subpage_models()
        assert not ArticleIndexPage.can_create_at(home)  # max one per home page
        assert not ArticleIndexPage.can_create_at(news_index)

    def test_articles_go_under_the_news_index_only(self, home, news_index):
        assert ArticlePage.can_create_at(news_index)
        assert not ArticlePage.can_create_at(home)
        assert ArticlePage.allowed_subpage_models() == []


def test_an_index_serves_its_own_routes_and_passes_the_rest_on():
    """Routing loads an index fully only when it is the page served (see LeanPageMixin)."""
    for path in (["theme", "culture"], ["2020"], ["rss"]):
        assert serves_itself(ArticleIndexPage, path), path
    assert not serves_itself(ArticleIndexPage, ["un-article"])
    assert not serves_itself(HomePage, ["actualites"])


@pytest.mark.django_db
class TestPerson:
    def test_description_adds_the_organisation(self):
        person = PersonFactory(role="Architecte", organisation=OrganisationFactory(acronym="ANCT"))
        assert person.description == "Architecte, ANCT"

    def test_description_does_not_repeat_the_organisation(self):
        organisation = OrganisationFactory(name="France Tiers-Lieux", acronym="FTL")
        person = PersonFactory(role="Président de France Tiers-Lieux", organisation=organisation)
        assert person.description == "Président de France Tiers-Lieux"


class TestBlocks:
    def test_quote_needs_a_person_or_a_name(self):
        block = QuoteBlock()
        value = block.to_python({"text": "Laissons le permis de faire.", "person": None})
        with pytest.raises(StructBlockValidationError):
            block.clean(value)
        value = block.to_python({"text": "Laissons le permis de faire.", "name": "P. Bouchain"})
        assert block.clean(value)["name"] == "P. Bouchain"

    def test_call_to_action_takes_exactly_one_target(self):
        block = CallToActionBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"text": "Lire", "page": None, "url": ""}))
        cleaned = block.clean(block.to_python({"text": "Lire", "url": "https://example.org/"}))
        assert cleaned["url"] == "https://example.org/"

    def test_heading_anchor_is_derived_from_the_text(self):
        assert heading_anchor({"text": "Les ateliers de l'après-midi", "anchor": ""}) == (
            "les-ateliers-de-lapres-midi"
        )
        assert heading_anchor({"text": "Titre", "anchor": "mon-ancre"}) == "mon-ancre"

    def test_heading_rejects_an_anchor_that_is_not_a_slug(self):
        block = HeadingBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"text": "Titre", "level": "h2", "anchor": "Mon Ancre!"}))
