import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.utils import timezone

from agenda.models import EVENTS_PER_PAGE, EventPage
from tests.articles.test_article import count_queries
from tests.factories import EventPageFactory, FabriquePageFactory, ThemeFactory, paris

NOW = paris(2021, 3, 10, 12, 0)


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".card__title a")]


def group_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text() for h in soup.select(".agenda-group__title")]


@pytest.mark.django_db
class TestUpcomingBoundary:
    """Around "now" (frozen at 10 March 2021, noon, Paris time)."""

    @time_machine.travel(NOW, tick=False)
    def test_timed_event_is_upcoming_until_its_end(self, agenda):
        ending_now = EventPageFactory(
            parent=agenda,
            title="Finit maintenant",
            start=NOW - datetime.timedelta(hours=2),
            end=NOW,
        )
        ended = EventPageFactory(
            parent=agenda,
            title="Fini",
            start=NOW - datetime.timedelta(hours=2),
            end=NOW - datetime.timedelta(seconds=1),
        )
        upcoming = EventPage.objects.for_listing(agenda.locale_id).upcoming()
        assert list(upcoming) == [ending_now]
        assert ending_now.is_upcoming_now and not ended.is_upcoming_now

    @time_machine.travel(NOW, tick=False)
    def test_open_ended_and_whole_day_events_last_until_midnight(self, agenda):
        this_morning = EventPageFactory(
            parent=agenda, title="Ce matin", start=paris(2021, 3, 10, 9), end=None
        )
        yesterday = EventPageFactory(
            parent=agenda, title="Hier", start=paris(2021, 3, 9, 23, 59), end=None
        )
        today_all_day = EventPageFactory(
            parent=agenda, title="Journée", all_day=True, start=paris(2021, 3, 10), end=None
        )
        finished_yesterday = EventPageFactory(
            parent=agenda,
            title="Deux jours",
            all_day=True,
            start=paris(2021, 3, 8),
            end=paris(2021, 3, 9),
        )
        upcoming = set(EventPage.objects.for_listing(agenda.locale_id).upcoming())
        assert upcoming == {this_morning, today_all_day}
        past = set(EventPage.objects.for_listing(agenda.locale_id).past())
        assert past == {yesterday, finished_yesterday}

    def test_listing_order_upcoming_soonest_first_then_past_by_year(self, client, agenda):
        EventPageFactory(parent=agenda, title="Passé 2020", start=paris(2020, 11, 16, 14))
        EventPageFactory(parent=agenda, title="Passé 2021", start=paris(2021, 2, 1, 14))
        EventPageFactory(parent=agenda, title="Plus tard", start=paris(2021, 5, 1, 14))
        EventPageFactory(parent=agenda, title="Bientôt", start=paris(2021, 3, 11, 14))
        with time_machine.travel(NOW, tick=False):
            response = client.get(agenda.url)
        assert response.status_code == 200
        assert titles(response) == ["Bientôt", "Plus tard", "Passé 2021", "Passé 2020"]
        assert group_titles(response) == ["À venir", "2021", "2020"]

    def test_the_same_events_change_group_when_time_passes(self, client, agenda):
        EventPageFactory(parent=agenda, title="Rencontre", start=paris(2021, 3, 11, 14))
        with time_machine.travel(NOW, tick=False):
            assert group_titles(client.get(agenda.url)) == ["À venir"]
        with time_machine.travel(paris(2021, 3, 12), tick=False):
            assert group_titles(client.get(agenda.url)) == ["2021"]


@pytest.mark.django_db
class TestAgendaListing:
    def test_unpublished_and_private_events_are_absent(self, client, agenda):
        EventPageFactory(parent=agenda, title="Publié")
        draft = EventPageFactory(parent=agenda, title="Brouillon")
        draft.unpublish()
        response = client.get(agenda.url)
        assert titles(response) == ["Publié"]

    def test_empty_state(self, client, agenda):
        soup = BeautifulSoup(client.get(agenda.url).content, "html.parser")
        assert "Aucun événement annoncé" in soup.select_one(".empty-state").get_text()
        assert len(soup.find_all("h1")) == 1

    def test_pagination(self, client, agenda):
        for _ in range(EVENTS_PER_PAGE + 2):
            EventPageFactory(parent=agenda)
        first = client.get(agenda.url)
        assert len(titles(first)) == EVENTS_PER_PAGE
        second = client.get(agenda.url + "?page=2")
        assert len(titles(second)) == 2
        assert client.get(agenda.url + "?page=abc").status_code == 400
        assert client.get(agenda.url + "?page=99").status_code == 404

    def test_filter_by_theme_format_and_region(self, client, agenda, fabrique_index, locale_fr):
        culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
        rural = ThemeFactory(name="Ruralité", slug="ruralite", locale=locale_fr)
        roubaix = FabriquePageFactory(parent=fabrique_index)
        die = FabriquePageFactory(
            parent=fabrique_index,
            commune="Die",
            departement_code="26",
            departement_name="Drôme",
            region_code="84",
            region_name="Auvergne-Rhône-Alpes",
        )
        EventPageFactory(parent=agenda, title="En ligne culture", themes=[culture])
        EventPageFactory(
            parent=agenda,
            title="À Roubaix",
            format="in-person",
            venue_fabrique=roubaix,
            themes=[culture],
        )
        EventPageFactory(
            parent=agenda, title="À Die", format="hybrid", venue_fabrique=die, themes=[rural]
        )
        assert set(titles(client.get(agenda.url + "?theme=culture"))) == {
            "En ligne culture",
            "À Roubaix",
        }
        assert titles(client.get(agenda.url + "?format=hybrid")) == ["À Die"]
        assert titles(client.get(agenda.url + "?region=32")) == ["À Roubaix"]
        assert titles(client.get(agenda.url + "?theme=culture&format=in-person")) == ["À Roubaix"]
        empty = client.get(agenda.url + "?theme=ruralite&format=online")
        assert "Aucun événement ne correspond" in empty.content.decode()

    def test_filter_links_keep_the_other_filters(self, client, agenda, locale_fr):
        culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
        EventPageFactory(parent=agenda, themes=[culture])
        soup = BeautifulSoup(client.get(agenda.url + "?format=online").content, "html.parser")
        links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".filters a")}
        assert links["Culture (1)"] == agenda.url + "?theme=culture&format=online"
        current = soup.select(".filters a[aria-current]")
        assert [a.get_text() for a in current] == ["Toutes", "En ligne", "Toutes"][: len(current)]

    @pytest.mark.parametrize(
        "query",
        ["?theme=inconnue", "?format=teleportation", "?region=99"],
    )
    def test_values_that_name_nothing_are_404(self, client, agenda, query):
        EventPageFactory(parent=agenda)
        assert client.get(agenda.url + query).status_code == 404

    @pytest.mark.parametrize(
        "query",
        [
            "?region=%27%3B--",
            "?format=online&format=hybrid",
            "?theme=" + "x" * 500,
            "?page=0",
        ],
    )
    def test_repeated_or_malformed_values_are_400(self, client, agenda, query):
        EventPageFactory(parent=agenda)
        response = client.get(agenda.url + query)
        assert response.status_code == 400
        assert query[1:].split("=")[0] in response.content.decode()


@pytest.mark.django_db
class TestHomeUpcomingEvents:
    @time_machine.travel(NOW, tick=False)
    def test_home_shows_the_next_events_only(self, client, home, agenda):
        EventPageFactory(parent=agenda, title="Passé", start=paris(2021, 1, 5, 10))
        for day in (20, 12, 15, 25):
            EventPageFactory(parent=agenda, title=f"Le {day}", start=paris(2021, 3, day, 10))
        draft = EventPageFactory(parent=agenda, title="Brouillon", start=paris(2021, 3, 11))
        draft.unpublish()
        soup = BeautifulSoup(client.get(home.url).content, "html.parser")
        section = soup.find("section", attrs={"aria-labelledby": "events-title"})
        assert [a.get_text() for a in section.select(".card__title a")] == [
            "Le 12",
            "Le 15",
            "Le 20",
        ]

    def test_home_without_events(self, client, home):
        soup = BeautifulSoup(client.get(home.url).content, "html.parser")
        assert soup.find(id="events-title") is None


@pytest.mark.django_db
class TestHomeQueryCount:
    def test_home_with_upcoming_events_stays_lean(self, client, home, agenda, locale_fr):
        def add_events(n):
            for _ in range(n):
                EventPageFactory(
                    parent=agenda,
                    start=timezone.now() + datetime.timedelta(days=3),
                    themes=[ThemeFactory(locale=locale_fr)],
                )

        add_events(1)
        for _ in range(2):
            client.get(home.url)
        before = count_queries(client, home.url)
        add_events(8)
        for _ in range(2):
            client.get(home.url)
        assert before <= 12
        assert count_queries(client, home.url) == before
