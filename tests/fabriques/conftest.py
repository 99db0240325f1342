import pytest

from tests.factories import FabriqueIndexPageFactory, ThemeFactory

THEME_SLUGS = ["culture", "agriculture", "mediation-numerique", "insertion-professionnelle"]


@pytest.fixture
def directory(home):
    return FabriqueIndexPageFactory(parent=home)


@pytest.fixture
def themes(locale_fr):
    return {
        slug: ThemeFactory(slug=slug, name=slug.replace("-", " ").capitalize(), locale=locale_fr)
        for slug in THEME_SLUGS
    }
