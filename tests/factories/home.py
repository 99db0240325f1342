import json

import factory

import wagtail_factories
from wagtail.models import Locale, Page, Site

from home.models import (
    HomePage,
    InformationPage,
    Organisation,
    Person,
    SitemapPage,
    SiteSettings,
    Theme,
)


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "fr"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")
    description = factory.Faker("sentence", locale="fr_FR")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("company", locale="fr_FR")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Organisation


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name", locale="fr_FR")
    role = factory.Faker("job", locale="fr_FR")
    organisation = factory.SubFactory(OrganisationFactory)
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Person


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    slug = factory.Sequence(lambda n: f"accueil-{n}")
    hero_title = factory.Faker("sentence", locale="fr_FR")
    hero_intro = "<p>France Tiers-Lieux</p>"

    class Meta:
        model = HomePage


class InformationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Mentions légales {n}")
    slug = factory.Sequence(lambda n: f"information-{n}")
    body = factory.LazyFunction(
        lambda: json.dumps([{"type": "paragraph", "value": "<p>Éditeur : France Tiers-Lieux.</p>"}])
    )

    class Meta:
        model = InformationPage


class SitemapPageFactory(wagtail_factories.PageFactory):
    title = "Plan du site"
    slug = factory.Sequence(lambda n: f"plan-du-site-{n}")

    class Meta:
        model = SitemapPage


def site_home(locale) -> HomePage:
    """A home page as the root of the default (and only) site, at http://testserver."""
    home = HomePageFactory(parent=Page.get_first_root_node(), locale=locale)
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="testserver",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="France Tiers-Lieux",
    )
    # As on a running site, the settings exist before the first visitor (created on the
    # fly, they would start a new cache generation in the middle of a test).
    SiteSettings.for_site(site)
    return home


def translated_home(home, locale) -> HomePage:
    """The home page's published translation into `locale` (English: "Home")."""
    translation = home.copy_for_translation(locale)
    translation.title = "Home"
    translation.save_revision().publish()
    return translation
