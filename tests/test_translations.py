"""The English interface: a complete catalog, a compiled file in step with it, English pages."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.utils import timezone, translation

from booklet.views import PublishBookletForm
from search.service import BadParameter, parse_params

MESSAGES_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = MESSAGES_DIR / "django.po"
MO_PATH = MESSAGES_DIR / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def catalog() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def english(catalog: polib.POFile, msgid: str) -> str:
    """The committed English translation of one French interface string."""
    entry = catalog.find(msgid)
    assert entry is not None, f"{msgid!r} is not in {PO_PATH}"
    assert entry.msgstr and entry.msgstr != msgid
    return entry.msgstr


def translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return [(entry.msgid, forms.get(0, ""))] + [
            (entry.msgid_plural, text) for index, text in sorted(forms.items()) if index
        ]
    return [(entry.msgid, entry.msgstr)]


def pairs(messages: polib.MOFile) -> set[tuple]:
    return {
        (
            entry.msgctxt,
            entry.msgid,
            entry.msgid_plural,
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        )
        for entry in messages
    }


class TestCatalog:
    def test_every_entry_is_translated_and_none_is_fuzzy(self, catalog):
        assert len(catalog) > 0
        assert not catalog.metadata_is_fuzzy
        assert catalog.metadata["Language"] == "en"
        assert [entry.msgid for entry in catalog.untranslated_entries()] == []
        assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
        assert [entry.msgid for entry in catalog.obsolete_entries()] == []
        for entry in catalog:
            assert all(text.strip() for _source, text in translations(entry)), entry.msgid

    def test_plural_entries_have_both_english_forms(self, catalog):
        assert catalog.metadata["Plural-Forms"].startswith("nplurals=2;")
        plurals = [entry for entry in catalog if entry.msgid_plural]
        assert plurals
        for entry in plurals:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid

    def test_placeholders_are_kept(self, catalog):
        for entry in catalog:
            for source, text in translations(entry):
                expected = sorted(PLACEHOLDER.findall(source))
                assert sorted(PLACEHOLDER.findall(text)) == expected, (source, text)

    def test_committed_mo_is_compiled_from_the_po(self, catalog):
        """A .po edited without `make messages` leaves a stale .mo: the site would not show it."""
        assert MO_PATH.exists(), "compile with `make messages` and commit django.mo"
        compiled = polib.mofile(catalog.to_binary())
        committed = polib.mofile(str(MO_PATH))
        assert pairs(committed) == pairs(compiled)
        assert committed.metadata["Plural-Forms"] == catalog.metadata["Plural-Forms"]


@pytest.mark.django_db
class TestRenderedPages:
    HOME_STRINGS = {
        "a.skip-link": "Aller au contenu",
        "#latest-title": "Dernières actualités",
        ".site-nav li:last-child a": "Rechercher",
    }
    SEARCH_STRINGS = {
        "label[for=search-q]": "Mots recherchés",
        "h1": "Rechercher",
    }

    def texts(self, client, url: str, selectors) -> dict[str, str]:
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return {selector: soup.select_one(selector).get_text(strip=True) for selector in selectors}

    def test_english_home_page_speaks_english(self, client, catalog, home, home_en):
        french = self.texts(client, home.url, self.HOME_STRINGS)
        english_page = self.texts(client, home_en.url, self.HOME_STRINGS)
        for selector, msgid in self.HOME_STRINGS.items():
            assert french[selector] == msgid
            assert english_page[selector] == english(catalog, msgid)
        nav = BeautifulSoup(client.get(home_en.url).content, "html.parser").select_one(".site-nav")
        assert nav["aria-label"] == english(catalog, "Navigation principale")

    def test_english_search_page_speaks_english(self, client, catalog, home, home_en):
        french = self.texts(client, "/fr/search/", self.SEARCH_STRINGS)
        english_page = self.texts(client, "/en/search/", self.SEARCH_STRINGS)
        for selector, msgid in self.SEARCH_STRINGS.items():
            assert french[selector] == msgid
            assert english_page[selector] == english(catalog, msgid)
        assert "Mots recherchés" not in client.get("/en/search/").content.decode()


class TestPythonMessages:
    def test_search_parameter_error_follows_the_language(self, catalog):
        msgid = "Année invalide « %(year)s » : indiquez une année sur quatre chiffres."
        values = {"year": "nope"}
        for language, expected in (("fr", msgid), ("en", english(catalog, msgid))):
            with translation.override(language), pytest.raises(BadParameter) as refused:
                parse_params({"q": "tiers", "year": "nope"}, language)
            assert str(refused.value) == expected % values

    def test_form_validation_message_follows_the_language(self, catalog):
        msgid = "Choisissez une date à venir, ou laissez vide."
        past = timezone.localtime() - datetime.timedelta(days=1)
        data = {"go_live_at": past.strftime("%Y-%m-%d %H:%M")}
        for language, expected in (("fr", msgid), ("en", english(catalog, msgid))):
            with translation.override(language):
                form = PublishBookletForm(data)
                assert not form.is_valid()
                assert form.errors["go_live_at"] == [expected]

    def test_lazy_labels_follow_the_language(self, catalog):
        label = PublishBookletForm.base_fields["go_live_at"].label
        with translation.override("en"):
            assert str(label) == english(catalog, "Publier à une date ultérieure")
        with translation.override("fr"):
            assert str(label) == "Publier à une date ultérieure"
