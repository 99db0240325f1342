import datetime

import factory

import wagtail_factories

from agenda.models import EventIndexPage, EventPage
from fabriques.models import FabriqueIndexPage, FabriquePage


class ThemedPageFactory(wagtail_factories.PageFactory):
    """Pages with a `themes` many-to-many: `themes=[...]` sets them."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            self.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"

    class Meta:
        model = EventIndexPage


class EventPageFactory(ThemedPageFactory):
    title = factory.Sequence(lambda n: f"Événement {n}")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    intro = "Une rencontre du réseau."
    start = factory.LazyFunction(
        lambda: datetime.datetime(2020, 11, 16, 14, 0, tzinfo=datetime.UTC)
    )

    class Meta:
        model = EventPage
        skip_postgeneration_save = True


class FabriqueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fabriques"
    slug = "fabriques"

    class Meta:
        model = FabriqueIndexPage


class FabriquePageFactory(ThemedPageFactory):
    title = factory.Sequence(lambda n: f"Fabrique {n}")
    slug = factory.Sequence(lambda n: f"fabrique-{n}")
    identifier = factory.Sequence(lambda n: f"FT-TEST-{n:03d}")
    short_description = "Un lieu partagé."
    commune = "Redon"
    departement_code = "35"
    departement_name = "Ille-et-Vilaine"
    region_code = "53"
    region_name = "Bretagne"
    territory_type = "rural"

    class Meta:
        model = FabriquePage
        skip_postgeneration_save = True
