import json

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

import wagtail_factories
from wagtail.models import PageViewRestriction

from articles.models import ArticleRelatedPage
from fabriques.backlinks import backlinks
from fabriques.models import FabriqueActor, FabriqueGalleryImage
from tests.factories import (
    ArticlePageFactory,
    FabriquePageFactory,
    OrganisationFactory,
    PersonFactory,
)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def link_to(page, text="la Fabrique") -> list:
    return [("paragraph", f'<p>Voir <a linktype="page" id="{page.pk}">{text}</a>.</p>')]


def backlink_titles(client, fabrique) -> dict[str, list[str]]:
    soup = soup_of(client, fabrique.url)
    section = soup.select_one("section.backlinks")
    return {
        heading.get_text(): [a.get_text() for a in heading.find_next_sibling("ul").select("a")]
        for heading in section.find_all("h3")
    }


@pytest.fixture
def fabrique(directory, themes):
    return FabriquePageFactory(
        parent=directory,
        title="La Condition Publique",
        identifier="FT-59-001",
        address="14 rue de l'Exemple",
        email="contact@condition.example.org",
        phone="01 99 00 00 01",
        website="https://condition.example.org/",
        social_links="https://mastodon.example.org/@condition\nhttps://video.example.org/c",
        year_labelled=2019,
        structure="scic",
        themes=[themes["culture"]],
    )


@pytest.fixture
def publish_now(django_capture_on_commit_callbacks):
    """Wagtail updates its reference index in a task run after commit: run it now."""

    def publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


@pytest.mark.django_db
class TestProfilePage:
    def test_renders_profile_contact_and_themes(self, client, fabrique, directory):
        soup = soup_of(client, fabrique.url)
        assert [h.get_text() for h in soup.find_all("h1")] == ["La Condition Publique"]
        facts = soup.select_one(".fabrique__facts").get_text(" ", strip=True)
        for expected in ("14 rue de l'Exemple", "contact@condition.example.org", "2019", "SCIC"):
            assert expected in facts
        assert soup.select_one(".breadcrumb a")["href"] == directory.url
        assert soup.select_one(".tags a")["href"] == directory.url + "?theme=culture"
        place_links = [a["href"] for a in soup.select("header .article__meta a")]
        assert place_links == [directory.url + "?departement=59", directory.url + "?region=32"]
        for url in place_links:
            assert "La Condition Publique" in client.get(url).content.decode()
        assert "Aucun article" in soup.select_one(".backlinks .empty-state").get_text()

    def test_json_ld_place_and_organization(self, client, fabrique):
        soup = soup_of(client, fabrique.url)
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@context"] == "https://schema.org"
        assert set(data["@type"]) == {"Place", "Organization"}
        assert data["name"] == "La Condition Publique"
        assert data["address"]["addressLocality"] == "Roubaix"
        assert data["address"]["postalCode"] == "59100"
        assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.6942, "longitude": 3.1746}
        assert data["sameAs"] == [
            "https://mastodon.example.org/@condition",
            "https://video.example.org/c",
        ]
        assert data["knowsAbout"] == ["Culture"]

    def test_json_ld_cannot_be_broken_out_of(self, client, directory):
        page = FabriquePageFactory(parent=directory, short_description="</script><b>x</b>")
        html = client.get(page.url).content.decode()
        script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in script
        assert json.loads(script)["description"] == "</script><b>x</b>"

    def test_people_organisations_and_gallery(self, client, fabrique, locale_fr):
        person = PersonFactory(name="Patrick Bouchain", role="Architecte", organisation=None)
        organisation = OrganisationFactory(name="France Tiers-Lieux", acronym="FTL")
        fabrique.actors = [  # in the order the admin's inline panel saves them
            FabriqueActor(person=person, role="a accompagné le lieu", sort_order=0),
            FabriqueActor(organisation=organisation, sort_order=1),
        ]
        fabrique.gallery_images = [
            FabriqueGalleryImage(image=wagtail_factories.ImageFactory(), alt_text="La grande halle")
        ]
        fabrique.save_revision().publish()
        soup = soup_of(client, fabrique.url)
        actors = [li.get_text() for li in soup.select("ul.actors li")]
        assert actors == [
            "Patrick Bouchain, a accompagné le lieu, Architecte",
            "France Tiers-Lieux (FTL)",
        ]
        assert soup.select_one(".gallery img")["alt"] == "La grande halle"

    def test_an_actor_is_a_person_or_an_organisation(self, fabrique):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            FabriqueActor(page=fabrique).clean()
        both = FabriqueActor(
            page=fabrique, person=PersonFactory(), organisation=OrganisationFactory()
        )
        with pytest.raises(ValidationError):
            both.clean()

    def test_admin_validation_against_the_official_list(self, fabrique):
        from django.core.exceptions import ValidationError

        fabrique.departement_code, fabrique.region_code = "59", "84"
        with pytest.raises(ValidationError) as error:
            fabrique.full_clean()
        assert "appartient à la région Hauts-de-France" in str(error.value)
        fabrique.departement_code, fabrique.region_code = "2a", "94"
        fabrique.departement_name = fabrique.region_name = ""
        fabrique.full_clean()
        assert (fabrique.departement_code, fabrique.departement_name) == ("2A", "Corse-du-Sud")
        assert fabrique.region_name == "Corse"


@pytest.mark.django_db
class TestBacklinks:
    def test_rich_text_link_appears_on_publish_and_goes_on_unpublish(
        self, client, news_index, fabrique, publish_now
    ):
        article = ArticlePageFactory(parent=news_index, title="Retour sur la rencontre")
        assert backlink_titles(client, fabrique) == {}
        article.body = link_to(fabrique)
        publish_now(article)
        assert backlink_titles(client, fabrique) == {"Articles": ["Retour sur la rencontre"]}
        article.unpublish()  # the index keeps its rows: the query filters live pages
        assert backlink_titles(client, fabrique) == {}

    def test_draft_link_is_not_shown_until_published(
        self, client, news_index, fabrique, publish_now, django_capture_on_commit_callbacks
    ):
        article = ArticlePageFactory(parent=news_index, title="Brouillon")
        article.body = link_to(fabrique)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision()  # a draft: the live page has no link yet
        assert backlink_titles(client, fabrique) == {}
        publish_now(article.get_latest_revision_as_object())
        assert backlink_titles(client, fabrique) == {"Articles": ["Brouillon"]}

    def test_page_chooser_and_grouping_by_type(
        self, client, news_index, directory, fabrique, publish_now
    ):
        article = ArticlePageFactory(parent=news_index, title="Article lié")
        article.related_items = [ArticleRelatedPage(page=fabrique, sort_order=0)]
        publish_now(article)
        neighbour = FabriquePageFactory(parent=directory, title="La Voisine")
        neighbour.body = link_to(fabrique, "nos voisins")
        publish_now(neighbour)
        assert backlink_titles(client, fabrique) == {
            "Articles": ["Article lié"],
            "Fabriques de territoire": ["La Voisine"],
        }
        assert backlinks(neighbour) == []  # links are one-way

    def test_private_pages_are_not_shown(self, client, news_index, fabrique, publish_now):
        article = ArticlePageFactory(parent=news_index, title="Réservé aux membres")
        article.body = link_to(fabrique)
        publish_now(article)
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
        assert backlink_titles(client, fabrique) == {}


@pytest.mark.django_db
class TestProfileQueryCount:
    def build(self, directory, news_index, themes, size, publish_now):
        fabrique = FabriquePageFactory(parent=directory, themes=list(themes.values())[:size])
        fabrique.actors = [FabriqueActor(person=PersonFactory()) for _ in range(size)] + [
            FabriqueActor(organisation=OrganisationFactory()) for _ in range(size)
        ]
        fabrique.gallery_images = [
            FabriqueGalleryImage(image=wagtail_factories.ImageFactory(), sort_order=n)
            for n in range(size)
        ]
        publish_now(fabrique)
        for _ in range(size):
            publish_now(ArticlePageFactory(parent=news_index, body=link_to(fabrique)))
        return fabrique

    def count(self, client, url):
        client.get(url)  # warm the caches (site root paths, menu, renditions)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_does_not_grow_with_backlinks_themes_people_or_images(
        self, client, directory, news_index, themes, publish_now
    ):
        small = self.build(directory, news_index, themes, 1, publish_now)
        large = self.build(directory, news_index, themes, 4, publish_now)
        assert len(backlink_titles(client, large)["Articles"]) == 4
        small_count = self.count(client, small.url)
        assert small_count <= 12
        assert self.count(client, large.url) == small_count


@pytest.mark.django_db
class TestAdmin:
    def test_editors_can_open_the_forms(self, client, django_user_model, directory, fabrique):
        admin = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
        client.force_login(admin)
        add_url = f"/admin/pages/add/fabriques/fabriquepage/{directory.pk}/"
        assert client.get(add_url).status_code == 200
        assert client.get(f"/admin/pages/{fabrique.pk}/edit/").status_code == 200
        assert client.get(f"/admin/pages/{directory.pk}/edit/").status_code == 200
