"""The demo's translations are made as editors make them: linked copies, made once."""

from io import StringIO

import pytest

from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticleRelatedPage
from home.demo_content import DemoContext, ensure_translation, overlay
from home.models import Person, Theme
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    return DemoContext(stdout=StringIO())


def test_a_snippet_translation_points_at_translated_snippets(context, locale_fr, locale_en):
    organisation = OrganisationFactory(locale=locale_fr, name="Agence")
    person = PersonFactory(locale=locale_fr, organisation=organisation, role="Directrice")
    english_organisation, _ = ensure_translation(
        context, organisation, locale_en, {"name": "Agency"}
    )
    english, created = ensure_translation(context, person, locale_en, {"role": "Director"})
    assert created and english.pk != person.pk
    assert english.translation_key == person.translation_key
    assert (english.locale, english.name, english.role) == (locale_en, person.name, "Director")
    assert english.organisation == english_organisation
    assert Person.objects.get(pk=person.pk).role == "Directrice"


def test_a_page_translation_is_linked_published_and_made_once(
    context, locale_en, home, home_en, news_index
):
    translated_theme = ThemeFactory(locale=news_index.locale)
    french_only_theme = ThemeFactory(locale=news_index.locale)
    english_theme, _ = ensure_translation(
        context, translated_theme, locale_en, {"name": "Culture", "slug": "culture"}
    )
    untranslated = ArticlePageFactory(parent=news_index)
    article = ArticlePageFactory(parent=news_index)
    article.themes.set([translated_theme, french_only_theme])
    article.related_items = [ArticleRelatedPage(page=untranslated)]
    article.save_revision().publish()

    english, created = ensure_translation(
        context, article, locale_en, {"title": "In English", "slug": "in-english", "tags": ["a"]}
    )
    assert created and english.live and not english.has_unpublished_changes
    assert english.translation_key == article.translation_key
    assert (english.title, english.url) == ("In English", "/en/actualites/in-english/")
    # The news index was translated on the way, as Wagtail does with copy_parents.
    assert english.get_parent().specific.translation_key == news_index.translation_key
    # Links follow their translations where there are some, and stay otherwise.
    assert set(english.themes.all()) == {english_theme, french_only_theme}
    assert [link.page_id for link in english.related_items.all()] == [untranslated.pk]
    assert [tag.name for tag in english.tags.all()] == ["a"]

    revisions = english.revisions.count()
    again, created = ensure_translation(
        context, article, locale_en, {"title": "Changed", "slug": "changed"}
    )
    assert not created and again.pk == english.pk and again.title == "In English"
    assert english.revisions.count() == revisions
    # One theme and one article made; the second call found the article.
    assert sorted(context.created.values()) == [1, 1]
    assert list(context.existing.values()) == [1]


def test_a_page_made_before_it_was_linked_becomes_the_translation(
    context, locale_en, home_en, news_index
):
    english_index = ArticleIndexPageFactory(parent=home_en, title="News", slug="news")
    adopted, created = ensure_translation(context, news_index, locale_en, {"slug": "news"})
    assert not created and adopted.pk == english_index.pk
    assert Page.objects.get(pk=english_index.pk).translation_key == news_index.translation_key
    assert ArticleIndexPage.objects.count() == 2


def test_overlay_lays_the_translation_over_the_original():
    original = {
        "title": "Ouverture",
        "programme": [{"title": "Atelier", "theme": "culture"}, {"title": "Pause"}],
        "tags": ["a", "b"],
        "body": [{"type": "paragraph", "value": "<p>Bonjour</p>"}],
    }
    translation = {
        "title": "Opening",
        "programme": [{"title": "Workshop"}, {"title": "Break"}],
        "body": [{"type": "paragraph", "value": "<p>Hello</p>"}, {"type": "heading"}],
    }
    assert overlay(original, translation) == {
        "title": "Opening",
        "programme": [{"title": "Workshop", "theme": "culture"}, {"title": "Break"}],
        "tags": ["a", "b"],
        "body": [{"type": "paragraph", "value": "<p>Hello</p>"}, {"type": "heading"}],
    }


def test_theme_translations_keep_their_own_slug(context, locale_fr, locale_en):
    theme = ThemeFactory(locale=locale_fr, slug="gouvernance-partagee")
    english, _ = ensure_translation(context, theme, locale_en, {"slug": "shared-governance"})
    assert Theme.objects.get(slug="shared-governance").translation_key == theme.translation_key
    assert english.locale == locale_en
