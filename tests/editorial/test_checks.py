"""Pre-publication checks in the editor: shown when the editor opens, blocking ones stop
publication with a message that says which check and why; the draft is kept."""

import pytest

from django.urls import reverse

import wagtail_factories
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from editorial.checks import TITLE_MAX
from home.roles import PUBLICATION
from tests.factories import ArticlePageFactory

from .conftest import fresh_page
from .forms import article_form

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def publish(client, page, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, article_form(page, **{"action-publish": "p"}, **fields), follow=True)


@pytest.fixture
def publisher(client, site):
    client.force_login(site.users[PUBLICATION])
    return client


def test_a_sound_article_is_published(publisher, site):
    response = publish(publisher, site.article, title="Un titre correct")
    assert not any("refusée" in text for text in messages_of(response))
    assert Page.objects.get(pk=site.article.pk).title == "Un titre correct"


def test_a_title_over_110_characters_blocks_publication(publisher, site):
    title = "T" * (TITLE_MAX + 1)
    response = publish(publisher, site.article, title=title)
    texts = messages_of(response)
    assert any("Titre trop long" in text and str(TITLE_MAX + 1) in text for text in texts)
    assert Page.objects.get(pk=site.article.pk).title != title
    assert fresh_page(site.article).get_latest_revision_as_object().title == title


def test_a_title_of_110_characters_is_fine(publisher, site):
    title = "T" * TITLE_MAX
    publish(publisher, site.article, title=title)
    assert Page.objects.get(pk=site.article.pk).title == title


def test_an_article_without_theme_is_not_published(publisher, site):
    response = publish(publisher, site.article, title="Sans thème", themes=[])
    assert any("Article sans thématique" in text for text in messages_of(response))
    assert Page.objects.get(pk=site.article.pk).title != "Sans thème"


def test_a_link_to_an_unpublished_page_blocks_publication(publisher, site):
    draft = ArticlePageFactory(parent=site.news, live=False, themes=[site.theme])
    body = streamfield(
        [("paragraph", rich_text(f'<p>Voir <a linktype="page" id="{draft.pk}">ici</a>.</p>'))]
    )
    response = publish(publisher, site.article, title="Avec un lien", body=body)
    texts = messages_of(response)
    assert any("Lien interne cassé" in text and str(draft.pk) in text for text in texts), texts
    assert Page.objects.get(pk=site.article.pk).title != "Avec un lien"
    draft.save_revision().publish()
    publish(publisher, site.article, title="Avec un lien", body=body)
    assert Page.objects.get(pk=site.article.pk).title == "Avec un lien"


def test_the_editor_shows_the_problems_of_the_draft(publisher, site):
    """Opening the editor lists the draft's problems: the empty chapô and missing theme
    as errors, the image without text alternative as a warning."""
    article = ArticlePageFactory(
        parent=site.news, hero_image=wagtail_factories.ImageFactory(), hero_alt=""
    )
    article.intro = ""  # a draft may be saved incomplete; publishing then is checked
    article.save_revision(clean=False)
    response = publisher.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    levels = {str(m): m.level_tag for m in response.context["messages"]}
    assert any("Chapô vide" in text and level == "error" for text, level in levels.items())
    assert any("sans thématique" in text and level == "error" for text, level in levels.items())
    assert any("texte alternatif" in text and level == "warning" for text, level in levels.items())


def test_a_warning_does_not_block(publisher, site):
    image = wagtail_factories.ImageFactory()
    response = publish(publisher, site.article, title="Image décorative", hero_image=image.pk)
    assert not any("refusée" in text for text in messages_of(response))
    assert Page.objects.get(pk=site.article.pk).title == "Image décorative"
