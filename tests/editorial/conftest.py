"""A small site with one user per editorial role, built once per module."""

from types import SimpleNamespace

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Locale, Page

from fabriques.models import FabriqueEditor
from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    BookletChapterPageFactory,
    BookletPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FabriqueIndexPageFactory,
    FabriquePageFactory,
    ThemeFactory,
    site_home,
)
from tests.shared_data import shared_data

ROLE_USERS = {
    REDACTION: "redaction",
    PUBLICATION: "publication",
    LIVRET: "livret",
    FABRIQUES: "fabrique",
}


def build_site():
    from django.contrib.auth import get_user_model

    locale = Locale.objects.get_or_create(language_code="fr")[0]
    Locale.objects.get_or_create(language_code="en")
    home = site_home(locale)
    theme = ThemeFactory(locale=locale)
    news = ArticleIndexPageFactory(parent=home)
    agenda = EventIndexPageFactory(parent=home)
    directory = FabriqueIndexPageFactory(parent=home)
    booklet = BookletPageFactory(parent=home, title="Livret de la rencontre")
    users = {}
    for group, username in ROLE_USERS.items():
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", "pass-1234"
        )
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    mine = FabriquePageFactory(parent=directory, title="Ma Fabrique", themes=[theme])
    other = FabriquePageFactory(parent=directory, title="Une autre Fabrique", themes=[theme])
    FabriqueEditor.objects.create(user=users[FABRIQUES], fabrique=mine)
    return SimpleNamespace(
        home=home,
        theme=theme,
        news=news,
        agenda=agenda,
        directory=directory,
        booklet=booklet,
        chapter=BookletChapterPageFactory(parent=booklet, title="Ouverture"),
        article=ArticlePageFactory(parent=news, title="Un article", themes=[theme]),
        event=EventPageFactory(parent=agenda, title="Un événement"),
        my_fabrique=mine,
        other_fabrique=other,
        users=users,
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    yield from shared_data(django_db_blocker, build_site)


def fresh_page(page):
    return Page.objects.get(pk=page.pk).specific
