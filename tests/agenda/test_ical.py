import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from tests.factories import EventPageFactory, FabriquePageFactory, ThemeFactory, paris

PARIS = ZoneInfo("Europe/Paris")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.django_db
class TestEventIcs:
    def test_timed_event_at_a_fabrique(self, client, agenda, fabrique_index, locale_fr):
        fabrique = FabriquePageFactory(
            parent=fabrique_index,
            title="La Condition Publique",
            latitude="50.690400",
            longitude="3.181700",
        )
        culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
        event = EventPageFactory(
            parent=agenda,
            title="Rencontre régionale",
            intro="Une journée d'échanges.",
            format="in-person",
            online_url="",
            venue_fabrique=fabrique,
            start=paris(2021, 6, 3, 9, 30),
            end=paris(2021, 6, 3, 17),
            themes=[culture],
        )
        response = client.get(event.ics_url)
        assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
        calendar = parse(response)
        assert str(calendar["version"]) == "2.0"
        assert str(calendar["prodid"]).startswith("-//France Tiers-Lieux")
        assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["uid"]) == f"event-{event.translation_key}@testserver"
        assert str(vevent["summary"]) == "Rencontre régionale"
        start = vevent.decoded("dtstart")
        assert start == datetime.datetime(2021, 6, 3, 9, 30, tzinfo=PARIS)
        assert vevent["dtstart"].params["TZID"] == "Europe/Paris"
        assert vevent.decoded("dtend") == datetime.datetime(2021, 6, 3, 17, tzinfo=PARIS)
        assert vevent.decoded("dtstamp").tzinfo is not None
        assert str(vevent["location"]).startswith("La Condition Publique, ")
        assert "Roubaix" in str(vevent["location"])
        geo = vevent["geo"]
        assert (geo.latitude, geo.longitude) == (50.6904, 3.1817)
        assert str(vevent["url"]) == event.full_url
        assert str(vevent["description"]).startswith("Une journée d'échanges.")
        assert event.full_url in str(vevent["description"])
        assert [str(c) for c in vevent["categories"].cats] == ["Culture"]

    def test_uid_is_stable_across_renames(self, client, agenda):
        event = EventPageFactory(parent=agenda)
        uid = parse(client.get(event.ics_url)).walk("VEVENT")[0]["uid"]
        event.title, event.slug = "Nouveau titre", "nouveau-titre"
        event.save_revision().publish()
        event.refresh_from_db()
        assert parse(client.get(event.ics_url)).walk("VEVENT")[0]["uid"] == uid

    def test_online_event_has_the_link_as_location_and_no_geo(self, client, agenda):
        event = EventPageFactory(parent=agenda, online_url="https://visio.example.org/ftl")
        [vevent] = parse(client.get(event.ics_url)).walk("VEVENT")
        assert str(vevent["location"]) == "https://visio.example.org/ftl"
        assert "geo" not in vevent
        assert "https://visio.example.org/ftl" in str(vevent["description"])

    def test_address_without_coordinates_has_no_geo(self, client, agenda):
        event = EventPageFactory(
            parent=agenda, format="in-person", online_url="", venue_address="1 place du Marché, Die"
        )
        [vevent] = parse(client.get(event.ics_url)).walk("VEVENT")
        assert str(vevent["location"]) == "1 place du Marché, Die"
        assert "geo" not in vevent

    def test_whole_day_event_uses_dates_with_exclusive_end(self, client, agenda):
        event = EventPageFactory(
            parent=agenda, all_day=True, start=paris(2021, 6, 3), end=paris(2021, 6, 4)
        )
        [vevent] = parse(client.get(event.ics_url)).walk("VEVENT")
        assert vevent.decoded("dtstart") == datetime.date(2021, 6, 3)
        assert vevent.decoded("dtend") == datetime.date(2021, 6, 5)
        assert vevent["dtstart"].params.get("VALUE") == "DATE"

    def test_open_ended_event_has_no_dtend(self, client, agenda):
        event = EventPageFactory(parent=agenda, end=None)
        [vevent] = parse(client.get(event.ics_url)).walk("VEVENT")
        assert "dtend" not in vevent and "duration" not in vevent

    def test_page_links_to_its_ics(self, client, agenda):
        event = EventPageFactory(parent=agenda)
        html = client.get(event.url).content.decode()
        assert f'href="{event.url}ics/"' in html
        assert "Ajouter à mon agenda" in html

    def test_unpublished_event_has_no_ics(self, client, agenda):
        event = EventPageFactory(parent=agenda)
        url = event.ics_url
        event.unpublish()
        assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestCalendarFeed:
    @time_machine.travel(paris(2021, 3, 10, 12), tick=False)
    def test_feed_lists_upcoming_live_events(self, client, agenda):
        soon = EventPageFactory(parent=agenda, title="Bientôt", start=paris(2021, 3, 12, 14))
        later = EventPageFactory(parent=agenda, title="Plus tard", start=paris(2021, 4, 2, 14))
        EventPageFactory(parent=agenda, title="Passé", start=paris(2021, 3, 1, 14))
        draft = EventPageFactory(parent=agenda, title="Brouillon", start=paris(2021, 3, 20, 14))
        draft.unpublish()
        response = client.get(agenda.url + "ical/")
        calendar = parse(response)
        assert str(calendar["x-wr-calname"]) == "Agenda"
        uids = [str(v["uid"]) for v in calendar.walk("VEVENT")]
        assert uids == [
            f"event-{soon.translation_key}@testserver",
            f"event-{later.translation_key}@testserver",
        ]
        assert "attachment" not in response["Content-Disposition"]

    @time_machine.travel(paris(2021, 3, 10, 12), tick=False)
    def test_private_events_stay_out_of_the_agenda_and_feed(self, client, agenda):
        EventPageFactory(parent=agenda, title="Public", start=paris(2021, 3, 12, 14))
        private = EventPageFactory(parent=agenda, title="Réservé", start=paris(2021, 3, 13, 14))
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        feed = parse(client.get(agenda.url + "ical/"))
        assert [str(v["summary"]) for v in feed.walk("VEVENT")] == ["Public"]
        soup = BeautifulSoup(client.get(agenda.url).content, "html.parser")
        assert [a.get_text() for a in soup.select(".card__title a")] == ["Public"]

    @time_machine.travel(paris(2021, 3, 10, 12), tick=False)
    def test_feed_per_theme(self, client, agenda, locale_fr):
        culture = ThemeFactory(name="Culture", slug="culture", locale=locale_fr)
        EventPageFactory(parent=agenda, title="Culture", start=paris(2021, 3, 12), themes=[culture])
        EventPageFactory(parent=agenda, title="Autre", start=paris(2021, 3, 13))
        calendar = parse(client.get(agenda.url + "ical/theme/culture/"))
        assert [str(v["summary"]) for v in calendar.walk("VEVENT")] == ["Culture"]
        assert str(calendar["x-wr-calname"]) == "Agenda · Culture"
        assert client.get(agenda.url + "ical/theme/inconnue/").status_code == 404

    def test_empty_feed_is_still_a_valid_calendar(self, client, agenda):
        calendar = parse(client.get(agenda.url + "ical/"))
        assert calendar.walk("VEVENT") == []
        assert str(calendar["version"]) == "2.0"

    def test_agenda_advertises_the_feed(self, client, agenda):
        soup = BeautifulSoup(client.get(agenda.url).content, "html.parser")
        link = soup.find("link", rel="alternate", type="text/calendar")
        assert link["href"] == agenda.url + "ical/"
        feed_links = [a["href"] for a in soup.select(".feeds a")]
        assert feed_links == [agenda.url + "ical/", "webcal://testserver" + agenda.url + "ical/"]
