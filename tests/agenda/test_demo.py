import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.core.management import call_command

from agenda.models import EventIndexPage, EventPage
from articles.models import ArticlePage
from fabriques.models import FabriqueIndexPage, FabriquePage
from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory, paris
from tests.shared_data import shared_data

pytestmark = pytest.mark.slow  # loads the whole demo

LOAD_DAY = paris(2026, 11, 29, 10)
MEETING = "1ere-rencontre-des-fabriques-de-territoire"
REGIONAL = "rencontre-regionale-des-fabriques-des-hauts-de-france"


def load() -> str:
    out = io.StringIO()
    with time_machine.travel(LOAD_DAY, tick=False):
        call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_load_report(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (what its report said), rolled back after it."""
    yield from shared_data(django_db_blocker, load)


@pytest.mark.django_db
class TestDemoContent:
    def test_seed_events_upcoming_events_and_article_links(self, client, first_load_report):
        report = first_load_report
        assert "events: 6 created, 0 already there" in report
        agenda = EventIndexPage.objects.get(slug="agenda", locale__language_code="fr")
        assert EventIndexPage.objects.filter(slug="events", locale__language_code="en").exists()

        meeting = EventPage.objects.get(slug="1ere-rencontre-des-fabriques-de-territoire")
        assert meeting.get_parent().pk == agenda.pk
        assert meeting.local_start == paris(2020, 11, 16, 9, 30)
        assert (meeting.format, meeting.attendance) == ("online", 200)
        assert [o.acronym for o in meeting.organisers.all()] == ["ANCT"]
        assert [s.person.name for s in meeting.speakers.all()] == [
            "Jacqueline Gourault",
            "Patrick Levy-Waitz",
            "Patrick Bouchain",
            "Marie-Laure Cuvelier",
        ]
        workshops = [b.value for b in meeting.programme if b.value["kind"] == "workshop"]
        assert len(workshops) == 5

        round_table = EventPage.objects.get(slug="table-ronde-tiers-lieux-et-retour-a-l-emploi")
        assert round_table.local_start.date() == datetime.date(2020, 11, 25)
        assert round_table.attendance == 250

        article = ArticlePage.objects.get(
            slug="retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire"
        )
        assert article.event_id == meeting.pk
        assert (
            ArticlePage.objects.get(
                slug="tiers-lieux-acteurs-de-la-reinsertion-professionnelle"
            ).event_id
            == round_table.pk
        )

        with time_machine.travel(LOAD_DAY, tick=False):
            upcoming = list(EventPage.objects.for_listing(agenda.locale_id).upcoming())
            response = client.get(agenda.url)
        assert len(upcoming) == 3
        assert upcoming[0].local_start == paris(2026, 12, 20, 10)
        soup = BeautifulSoup(response.content, "html.parser")
        assert [h.get_text() for h in soup.select(".agenda-group__title")] == [
            "À venir",
            "2021",
            "2020",
        ]
        meeting_page = BeautifulSoup(client.get(meeting.url).content, "html.parser")
        assert meeting_page.select_one("#event-articles-title")
        assert client.get(meeting.ics_url).status_code == 200

    def test_loading_twice_creates_nothing_new(self, first_load_report):
        counts = (EventPage.objects.count(), ArticlePage.objects.count())
        report = load()
        assert "events: 0 created, 6 already there" in report
        assert "events (en): 0 created, 2 already there" in report
        assert "article → event links: 0 created, 4 already there" in report
        assert (EventPage.objects.count(), ArticlePage.objects.count()) == counts

    def test_workshops_and_venues_link_to_fabriques_when_present(self, first_load_report):
        roubaix = FabriquePage.objects.filter(identifier="FT-59-001").first()
        if roubaix is None:  # the Fabriques demo did not run: bring the one Fabrique needed
            home = EventIndexPage.objects.get(slug="agenda").get_parent()
            fabrique_index = FabriqueIndexPage.objects.child_of(home).first()
            if fabrique_index is None:
                fabrique_index = FabriqueIndexPageFactory(parent=home)
            roubaix = FabriquePageFactory(parent=fabrique_index, identifier="FT-59-001")
        EventPage.objects.filter(slug__in=[MEETING, REGIONAL]).delete()
        load()
        regional = EventPage.objects.get(
            slug="rencontre-regionale-des-fabriques-des-hauts-de-france"
        )
        assert regional.venue_fabrique_id == roubaix.pk and regional.venue_address == ""
        meeting = EventPage.objects.get(slug=MEETING)
        culture = next(b.value for b in meeting.programme if b.value["title"].startswith("L'ém"))
        assert roubaix.pk in [page.pk for page in culture["fabriques"]]
        rural = EventPage.objects.get(slug="atelier-mediation-numerique-en-milieu-rural")
        gueret = FabriquePage.objects.filter(identifier="FT-23-001").first()
        if gueret is None:  # absent Fabrique: the typed address instead
            assert rural.venue_fabrique is None and rural.venue_address == "Guéret (Creuse)"
        else:
            assert rural.venue_fabrique_id == gueret.pk
