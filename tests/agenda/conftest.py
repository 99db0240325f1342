import pytest

from tests.factories import EventIndexPageFactory, FabriqueIndexPageFactory


@pytest.fixture
def agenda(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def fabrique_index(home):
    return FabriqueIndexPageFactory(parent=home)
