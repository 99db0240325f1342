import datetime

import pytest

from django.core.exceptions import ValidationError

from agenda.blocks import ProgrammeItemBlock
from tests.factories import EventPageFactory, FabriquePageFactory, paris


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    return info.value.message_dict


@pytest.mark.django_db
class TestEventValidation:
    def test_valid_online_event(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.full_clean()

    def test_end_before_start(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.end = event.start - datetime.timedelta(minutes=30)
        assert errors_of(event)["end"] == [
            "La fin de l'événement doit être postérieure à son début."
        ]

    def test_end_equal_to_start(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.end = event.start
        assert "end" in errors_of(event)

    def test_open_ended_event_is_valid(self, agenda):
        event = EventPageFactory(parent=agenda, end=None)
        event.full_clean()

    def test_online_event_needs_a_link(self, agenda):
        event = EventPageFactory(parent=agenda, format="online")
        event.online_url = ""
        assert errors_of(event)["online_url"] == [
            "Indiquez le lien de connexion : l'événement a lieu en ligne ou en hybride."
        ]

    def test_hybrid_event_needs_a_link_and_a_venue(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.format, event.online_url = "hybrid", ""
        errors = errors_of(event)
        assert set(errors) >= {"online_url", "venue_address"}

    def test_in_person_event_needs_a_venue(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.format, event.online_url = "in-person", ""
        assert errors_of(event)["venue_address"] == [
            "Indiquez le lieu : choisissez une Fabrique ou saisissez une adresse."
        ]

    def test_in_person_event_at_a_fabrique_or_an_address(self, agenda, fabrique_index):
        fabrique = FabriquePageFactory(parent=fabrique_index)
        at_fabrique = EventPageFactory(
            parent=agenda, format="in-person", online_url="", venue_fabrique=fabrique
        )
        at_fabrique.full_clean()
        at_address = EventPageFactory(
            parent=agenda, format="in-person", online_url="", venue_address="1 place du Marché"
        )
        at_address.full_clean()

    def test_open_registration_needs_a_link(self, agenda):
        event = EventPageFactory(parent=agenda)
        event.registration_status = "open"
        assert errors_of(event)["registration_url"] == [
            "Indiquez le lien d'inscription : les inscriptions sont ouvertes."
        ]
        event.registration_status = "full"
        event.full_clean()

    def test_all_day_event_snaps_to_local_midnight_and_may_end_same_day(self, agenda):
        event = EventPageFactory(
            parent=agenda, all_day=True, start=paris(2021, 6, 3, 15, 30), end=paris(2021, 6, 3, 9)
        )
        event.full_clean()
        event.refresh_from_db()
        assert event.local_start == paris(2021, 6, 3)
        assert event.local_end == paris(2021, 6, 3)
        assert (event.first_day, event.last_day) == (datetime.date(2021, 6, 3),) * 2

    def test_all_day_event_cannot_end_the_day_before(self, agenda):
        event = EventPageFactory(parent=agenda, all_day=True, start=paris(2021, 6, 3), end=None)
        event.end = paris(2021, 6, 2)
        assert errors_of(event)["end"] == [
            "Le dernier jour doit être le même que le premier ou après."
        ]


class TestProgrammeItemBlock:
    def value(self, **kwargs):
        block = ProgrammeItemBlock()
        data = {"kind": "workshop", "title": "Gouvernance partagée"}
        data.update(kwargs)
        return block, block.to_python(data)

    def test_end_time_before_start_time(self):
        block, value = self.value(start_time="15:00", end_time="14:00")
        with pytest.raises(ValidationError) as info:
            block.clean(value)
        assert "postérieure" in str(info.value.block_errors["end_time"])

    def test_end_time_without_start_time(self):
        block, value = self.value(end_time="14:00")
        with pytest.raises(ValidationError) as info:
            block.clean(value)
        assert "start_time" in info.value.block_errors

    def test_valid_times(self):
        block, value = self.value(start_time="14:00", end_time="15:30")
        assert block.clean(value)["end_time"] == datetime.time(15, 30)
