"""A Fabrique translated into English keeps its identifier and the facts of the place."""

import pytest

from django.core.exceptions import ValidationError

from wagtail_localize.fields import get_translatable_fields

from fabriques.importer import import_fabriques
from fabriques.models import FabriquePage
from tests.factories import FabriquePageFactory

from .test_import import GRANGE, make_csv, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_directory(directory, home_en):
    return directory.copy_for_translation(home_en.locale, copy_parents=True)


def test_translation_shares_the_identifier(directory, english_directory):
    fabrique = FabriquePageFactory(parent=directory, identifier="FT-59-001")
    english = fabrique.copy_for_translation(english_directory.locale)
    assert english.identifier == "FT-59-001"
    english.full_clean()  # a translation may share its original's identifier
    assert FabriquePage.objects.filter(identifier="FT-59-001").count() == 2


def test_another_fabrique_cannot_take_the_identifier(directory, english_directory):
    FabriquePageFactory(parent=directory, identifier="FT-59-001", title="La Condition Publique")
    for parent in (directory, english_directory):
        other = FabriquePageFactory.build(identifier="FT-59-001", locale=parent.locale)
        with pytest.raises(ValidationError) as caught:
            other.full_clean(exclude=["path", "depth", "slug"])
        assert "La Condition Publique" in str(caught.value.message_dict["identifier"])


def test_places_and_contacts_are_synchronised_not_translated():
    translated = {
        field.field_name: field.is_translated(None)
        for field in get_translatable_fields(FabriquePage)
    }
    for name in ("identifier", "commune", "region_name", "email", "website", "social_links"):
        assert translated.get(name) is False, name
    for name in ("title", "short_description", "body"):
        assert translated.get(name) is True, name


def test_import_rejects_a_fabrique_known_only_in_another_language(
    tmp_path, directory, english_directory, themes
):
    run_import(tmp_path, make_csv([GRANGE]))
    row = {**GRANGE, "themes": ""}  # the English directory has no themes of its own
    report = import_fabriques(make_csv([row]), english_directory)
    (rejection,) = report.rejected
    assert (rejection.line, rejection.identifier) == (2, GRANGE["identifier"])
    assert "autre langue" in rejection.reason
    assert FabriquePage.objects.filter(identifier=GRANGE["identifier"]).count() == 1


def test_import_updates_only_its_own_language(tmp_path, directory, english_directory, themes):
    run_import(tmp_path, make_csv([GRANGE]))
    french = FabriquePage.objects.get(identifier=GRANGE["identifier"])
    english = french.copy_for_translation(english_directory.locale)
    changed = {**GRANGE, "commune": "Guéret Centre"}
    out = run_import(tmp_path, make_csv([changed]))
    assert "0 créée(s), 1 mise(s) à jour, 0 inchangée(s), 0 rejetée(s)" in out
    french.refresh_from_db()
    assert french.commune == "Guéret Centre"
    english.refresh_from_db()
    assert english.locale.language_code == "en"
