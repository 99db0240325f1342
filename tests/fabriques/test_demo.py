import io

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command

from articles.models import ArticlePage
from fabriques.models import FabriqueIndexPage, FabriquePage

pytestmark = pytest.mark.slow  # loads the whole demo, twice

FOUNDING_ARTICLE = "retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire"


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_links_an_article(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    index = FabriqueIndexPage.objects.get(slug="fabriques", locale__language_code="fr")
    fabriques = FabriquePage.objects.child_of(index).live()
    assert fabriques.count() >= 30
    condition = fabriques.get(identifier="FT-59-001")
    revisions = {page.pk: page.revisions.count() for page in FabriquePage.objects.all()}
    french_count = FabriquePage.objects.filter(locale=index.locale).count()
    article = ArticlePage.objects.get(slug=FOUNDING_ARTICLE)
    article_revisions = article.revisions.count()

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=out)
    assert f"Fabriques de Territoire: 0 created, {french_count} already there" in (out.getvalue())
    assert {page.pk: page.revisions.count() for page in FabriquePage.objects.all()} == revisions
    assert article.revisions.count() == article_revisions
    # One directory per language, the English one a translation of the French one.
    assert FabriqueIndexPage.objects.filter(translation_key=index.translation_key).count() == 2
    assert FabriqueIndexPage.objects.count() == 2

    soup = BeautifulSoup(client.get(condition.url).content, "html.parser")
    backlinks = [a["href"] for a in soup.select("section.backlinks a")]
    assert article.url in backlinks
    actors = soup.select_one("ul.actors").get_text()
    assert "Patrick Bouchain" in actors
    assert soup.select_one(".gallery img")["alt"].startswith("Illustration")

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.find("a", href=condition.url).get_text() == "la Condition Publique"

    home = BeautifulSoup(client.get("/fr/").content, "html.parser")
    section = home.find("section", attrs={"aria-labelledby": "fabriques-title"})
    assert f"{fabriques.count()} Fabriques de Territoire" in section.get_text()
    assert section.find("a")["href"] == index.url

    # The English profile and the English article link to each other, not to the French.
    english = FabriquePage.objects.get(identifier="FT-59-001", locale__language_code="en")
    english_article = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="en"
    )
    soup = soup_of(client, english_article.url)
    assert soup.find("a", href=english.url).get_text() == "La Condition Publique"
    soup = soup_of(client, english.url)
    backlinks = [a["href"] for a in soup.select("section.backlinks a")]
    assert english_article.url in backlinks and article.url not in backlinks
    assert "Patrick Bouchain" in soup.select_one("ul.actors").get_text()
    assert soup.select_one(".gallery img")["alt"].startswith("Illustration in the colours")
