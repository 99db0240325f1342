import pytest

from django.core.management import call_command

from articles.models import ArticlePage
from booklet.models import BookletChapterPage, BookletPage
from fabriques.models import FabriqueIndexPage, FabriquePage
from tests.factories import annual_meeting_event


def chapter_fabrique_links(chapter) -> set[str]:
    return {
        fabrique.identifier
        for block in chapter.body
        if block.block_type == "workshop_summary"
        for fabrique in block.value["fabriques"]
    }


@pytest.mark.django_db
@pytest.mark.slow
def test_demo_booklet_is_published_whole_and_idempotent(client):
    call_command("load_demo_content", verbosity=0)
    booklet = BookletPage.objects.get(slug="livret-1ere-rencontre-des-fabriques")
    assert booklet.live
    chapters = booklet.chapters()
    assert len(chapters) >= 5
    titles = " ".join(chapter.title for chapter in chapters)
    for word in ("Ouverture", "permis de faire", "besoins", "gouvernance", "agriculture"):
        assert word in titles
    assert {o.acronym for o in booklet.publishers.all()} == {"ANCT", "FTL"}
    response = client.get(booklet.url)
    assert response.status_code == 200
    # Reachable: from the home page's publications and from the seed article on the meeting.
    home_page = client.get(booklet.get_parent().url).content.decode()
    assert f'href="{booklet.url}"' in home_page
    article = ArticlePage.objects.get(
        slug="retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire"
    )
    assert f'href="{booklet.url}"' in client.get(article.url).content.decode()

    # Make sure what other apps bring exists (their demo may or may not have run), drop
    # the links the booklet made, then load again: links are made, nothing duplicated.
    home = booklet.get_parent()
    directory = FabriqueIndexPage.objects.child_of(home).first()
    if directory is None:
        directory = FabriqueIndexPage(title="Fabriques", slug="fabriques")
        home.add_child(instance=directory)
    if not FabriquePage.objects.filter(identifier="FT-26-001").exists():
        directory.add_child(
            instance=FabriquePage(
                title="La Ferme Commune",
                slug="la-ferme-commune",
                identifier="FT-26-001",
                short_description="Ferme partagée (fictive).",
                commune="Die",
                departement_code="26",
                departement_name="Drôme",
                region_code="84",
                region_name="Auvergne-Rhône-Alpes",
                territory_type="rural",
            )
        )
    event = annual_meeting_event(home)
    BookletPage.objects.filter(pk=booklet.pk).update(event=None)
    BookletChapterPage.objects.get(slug="atelier-agriculture").delete()

    call_command("load_demo_content", verbosity=0)
    assert BookletPage.objects.filter(slug="livret-1ere-rencontre-des-fabriques").count() == 1
    assert BookletChapterPage.objects.child_of(booklet).count() == len(chapters)
    booklet.refresh_from_db()
    assert booklet.event_id == event.pk
    article.refresh_from_db()
    links = [b for b in article.body if b.block_type == "call_to_action" and b.value["page"]]
    assert [b.value["page"].pk for b in links] == [booklet.pk]  # added once
    agriculture = BookletChapterPage.objects.get(slug="atelier-agriculture")
    assert agriculture.live
    assert chapter_fabrique_links(agriculture) == {"FT-26-001"}
