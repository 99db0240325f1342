import datetime

import factory

from django.utils import timezone

import wagtail_factories

from agenda.models import EventIndexPage, EventPage
from tests.fabriques.factories import FabriqueIndexPageFactory, FabriquePageFactory

__all__ = [
    "EventIndexPageFactory",
    "EventPageFactory",
    "FabriqueIndexPageFactory",
    "FabriquePageFactory",
    "paris",
]


def paris(*args) -> datetime.datetime:
    """An aware datetime in Paris time."""
    return timezone.make_aware(datetime.datetime(*args))


def many_to_many(field_name: str):
    """A post-generation hook setting a many-to-many field from a list, then saving."""

    @factory.post_generation
    def set_values(self, create, extracted, **kwargs):
        if extracted:
            getattr(self, field_name).set(extracted)
            self.save()

    return set_values


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    show_in_menus = True

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
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
