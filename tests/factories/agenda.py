import datetime

import factory

from django.utils import timezone

import wagtail_factories

from agenda.models import EventIndexPage, EventPage

from .base import many_to_many


def paris(*args) -> datetime.datetime:
    """An aware datetime in Paris time."""
    return timezone.make_aware(datetime.datetime(*args))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    show_in_menus = True

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An online event of two hours, a day later than the previous one (from 2021-01-01)."""

    title = factory.Faker("sentence", nb_words=5, locale="fr_FR")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    intro = factory.Faker("paragraph", locale="fr_FR")
    start = factory.Sequence(lambda n: paris(2021, 1, 1, 14) + datetime.timedelta(days=n))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    format = "online"
    online_url = "https://visio.example.org/salle"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Un temps d'échange.</p>")])

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    themes = many_to_many("themes")
    organisers = many_to_many("organisers")
    partners = many_to_many("partners")


def annual_meeting_event(home):
    """The first annual meeting under an `agenda` index, as the demo names them (made once)."""
    agenda = EventIndexPage.objects.child_of(home).first()
    if agenda is None:
        agenda = EventIndexPage(title="Agenda", slug="agenda")
        home.add_child(instance=agenda)
    existing = EventPage.objects.filter(slug="1ere-rencontre-des-fabriques-de-territoire").first()
    if existing is not None:
        return existing
    event = EventPage(
        title="1re Rencontre des Fabriques de Territoire",
        slug="1ere-rencontre-des-fabriques-de-territoire",
        intro="En ligne.",
        start=datetime.datetime(2020, 11, 16, 9, 30, tzinfo=datetime.UTC),
        format="online",
        online_url="https://visio.example.org/rencontre",
    )
    agenda.add_child(instance=event)
    return event
