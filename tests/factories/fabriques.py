from decimal import Decimal

import factory

import wagtail_factories

from fabriques.models import FabriqueIndexPage, FabriquePage, TerritoryType

from .base import many_to_many


class FabriqueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Les Fabriques de Territoire"
    slug = "fabriques"
    show_in_menus = True

    class Meta:
        model = FabriqueIndexPage


class FabriquePageFactory(wagtail_factories.PageFactory):
    """A Fabrique in Roubaix (Nord, Hauts-de-France), located, urban."""

    title = factory.Sequence(lambda n: f"Fabrique {n}")
    slug = factory.Sequence(lambda n: f"fabrique-{n}")
    identifier = factory.Sequence(lambda n: f"FT-TEST-{n:03d}")
    short_description = factory.Faker("sentence", locale="fr_FR")
    commune = "Roubaix"
    postcode = "59100"
    departement_code = "59"
    departement_name = "Nord"
    region_code = "32"
    region_name = "Hauts-de-France"
    latitude = Decimal("50.694200")
    longitude = Decimal("3.174600")
    territory_type = TerritoryType.URBAN

    class Meta:
        model = FabriquePage
        skip_postgeneration_save = True

    themes = many_to_many("themes")
