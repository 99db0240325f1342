"""One home per concept: a Fabrique's territory is its territory type, never a theme.

The themes "Ruralité" and "Quartiers prioritaires (QPV)" restated the territory types
"Rural" and "Quartier prioritaire (QPV)" and doubled the directory's filters: migration
0004 takes them off the Fabriques (and their drafts), the Fabrique form no longer offers
them and refuses them, the import refuses them (tests/fabriques/test_import.py).
"""

import importlib

import pytest

from django.apps import apps

from fabriques.choices import TERRITORY_THEMES, TerritoryType
from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory, ThemeFactory
from tests.test_admin_locales import add_url, editor, fabrique_data, option_values, post  # noqa: F401

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "fabriques.migrations.0005_territory_themes_become_territory_types"
)


@pytest.fixture
def themes(locale_fr):
    return {
        slug: ThemeFactory(slug=slug, name=name, locale=locale_fr)
        for slug, name in (
            ("ruralite", "Ruralité"),
            ("qpv", "Quartiers prioritaires (QPV)"),
            ("culture", "Culture"),
        )
    }


def test_the_frozen_slugs_are_the_current_ones():
    assert set(migration.TERRITORY_THEME_SLUGS) == set(TERRITORY_THEMES)
    assert set(TERRITORY_THEMES.values()) == {TerritoryType.RURAL, TerritoryType.QPV}


def test_migration_takes_the_territory_themes_off_fabriques_and_drafts(home, themes):
    directory = FabriqueIndexPageFactory(parent=home)
    fabrique = FabriquePageFactory(parent=directory, territory_type=TerritoryType.RURAL)
    fabrique.themes.set([themes["ruralite"], themes["culture"]])
    fabrique.save_revision().publish()
    draft = fabrique.save_revision()  # a later draft keeps them too

    migration.drop_territory_themes(apps, None)

    fabrique = type(fabrique).objects.get(pk=fabrique.pk)  # modelcluster caches the themes
    assert list(fabrique.themes.all()) == [themes["culture"]]
    draft.refresh_from_db()
    assert draft.content["themes"] == [themes["culture"].pk]
    assert list(fabrique.get_latest_revision_as_object().themes.all()) == [themes["culture"]]
    # Articles and events keep the theme: only the Fabriques lose it.
    assert themes["ruralite"].__class__.objects.filter(slug="ruralite").exists()


@pytest.mark.usefixtures("editor")
def test_the_fabrique_form_neither_offers_nor_accepts_them(client, home, themes):
    url = add_url("fabriques", "fabriquepage", FabriqueIndexPageFactory(parent=home))
    offered = option_values(client.get(url).content.decode(), "themes")
    assert offered == {str(themes["culture"].pk)}

    response = post(client, url, fabrique_data(), themes=[themes["qpv"].pk])
    assert response.status_code == 200
    errors = str(response.context["form"].errors["themes"])
    assert "Quartiers prioritaires (QPV)" in errors and "type de territoire" in errors

    response = post(client, url, fabrique_data(), themes=[themes["culture"].pk])
    assert response.status_code == 302
