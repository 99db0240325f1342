"""Issue 13, item 3: the page editor offers and accepts only snippets of the page's locale.

Through the admin views, as an editor works: the French forms list the French themes,
people and organisations only, and a theme, person or organisation of another language
posted anyway (an old tab, a crafted request, the chooser's locale switch) is a form
error in the editor's language, the page left unsaved.
"""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from agenda.models import EventPage
from articles.models import ArticlePage
from fabriques.models import FabriquePage
from tests.factories import (
    ArticleIndexPageFactory,
    EventIndexPageFactory,
    FabriqueIndexPageFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
)

FRENCH_ERROR = "Cet élément est dans une autre langue que la page"
ENGLISH_ERROR = "This item is in another language than the page"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_superuser("redaction", "r@example.org", "pass-1234")
    client.force_login(user)
    return user


@pytest.fixture
def snippets(locale_fr, locale_en):
    """A theme, a person and an organisation in French, each with its English translation."""
    made = {}
    for kind, factory in (
        ("theme", ThemeFactory),
        ("person", PersonFactory),
        ("organisation", OrganisationFactory),
    ):
        french = factory(locale=locale_fr)
        made[kind] = (french, french.copy_for_translation(locale_en))
        made[kind][1].save()
    return made


def add_url(app: str, model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=(app, model, parent.pk))


def article_data(**overrides) -> dict:
    data = {
        "title": "Les tiers-lieux et l'emploi",
        "slug": "tiers-lieux-et-emploi",
        "intro": "Une table ronde.",
        "date": "2020-11-30",
        "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
        "related_items": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def event_data(**overrides) -> dict:
    data = {
        "title": "Rencontre des Fabriques",
        "slug": "rencontre-des-fabriques",
        "intro": "Une journée d'échanges.",
        "start": "2027-03-05 09:30",
        "end": "2027-03-05 17:00",
        "format": "online",
        "online_url": "https://visio.example.org/salle",
        "speakers": inline_formset([]),
        "programme": streamfield([]),
        "body": streamfield([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def fabrique_data(**overrides) -> dict:
    data = {
        "title": "La Fabrique du Nord",
        "slug": "la-fabrique-du-nord",
        "identifier": "FT-59-099",
        "short_description": "Un lieu ouvert.",
        "commune": "Roubaix",
        "postcode": "59100",
        "departement_code": "59",
        "departement_name": "Nord",
        "region_code": "32",
        "region_name": "Hauts-de-France",
        "territory_type": "urban",
        "structure": "association",
        "body": streamfield([]),
        "actors": inline_formset([]),
        "gallery_images": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def offers_only(html: str, name: str, model, locale) -> bool:
    """The field offers every snippet of `locale` and none of another language."""
    expected = {str(pk) for pk in model.objects.filter(locale=locale).values_list("pk", flat=True)}
    return bool(expected) and option_values(html, name) == expected


def option_values(html: str, name: str) -> set[str]:
    """The values a <select> or a group of checkboxes named `name` offers."""
    soup = BeautifulSoup(html, "html.parser")
    values = {option["value"] for option in soup.select(f"select[name={name}] option")}
    values |= {box["value"] for box in soup.select(f"input[name={name}]")}
    return values - {""}


def post(client, url: str, data: dict, **choices):
    """POST the form as the browser sends it: many-to-many choices as repeated keys."""
    form = nested_form_data(data)
    form.update(choices)
    return client.post(url, form)


def stream_errors(response, name: str) -> str:
    return " ".join(
        " ".join(str(message) for message in error.non_block_errors)
        for error in response.context["form"].errors[name].as_data()
    )


def error_texts(response) -> str:
    return str(response.context["form"].errors) + " ".join(
        str(formset.errors) for formset in response.context["form"].formsets.values()
    )


class TestTheFormsListTheirOwnLanguage:
    def test_article_themes_and_authors(self, client, editor, news_index, snippets):
        html = client.get(add_url("articles", "articlepage", news_index)).content.decode()
        for field, kind in (("themes", "theme"), ("authors", "person")):
            french, english = snippets[kind]
            assert str(english.pk) not in option_values(html, field)
            assert offers_only(html, field, type(french), french.locale), field

    def test_event_organisers_partners_and_themes(self, client, editor, home, snippets):
        agenda = EventIndexPageFactory(parent=home)
        html = client.get(add_url("agenda", "eventpage", agenda)).content.decode()
        for field, kind in (
            ("organisers", "organisation"),
            ("partners", "organisation"),
            ("themes", "theme"),
        ):
            french, english = snippets[kind]
            assert str(english.pk) not in option_values(html, field)
            assert offers_only(html, field, type(french), french.locale), field

    def test_english_page_lists_english_snippets(self, client, editor, home_en, snippets):
        news_en = ArticleIndexPageFactory(parent=home_en, title="News", slug="news")
        html = client.get(add_url("articles", "articlepage", news_en)).content.decode()
        french, english = snippets["theme"]
        assert option_values(html, "themes") == {str(english.pk)}


class TestAnotherLanguageCannotBeSaved:
    def test_article_with_an_english_theme_or_author(self, client, editor, news_index, snippets):
        url = add_url("articles", "articlepage", news_index)
        for field, kind in (("themes", "theme"), ("authors", "person")):
            english = snippets[kind][1]
            response = post(client, url, article_data(), **{field: [english.pk]})
            assert response.status_code == 200, field
            assert FRENCH_ERROR in str(response.context["form"].errors[field])
            assert FRENCH_ERROR in response.content.decode()
        assert not ArticlePage.objects.exists()
        french = snippets["theme"][0]
        response = post(client, url, article_data(), themes=[french.pk])
        assert response.status_code == 302, error_texts(response)
        assert list(ArticlePage.objects.get().themes.all()) == [french]

    def test_quote_of_an_english_person_in_the_body(self, client, editor, news_index, snippets):
        english = snippets["person"][1]
        quote = {
            "text": "Laissons le permis de faire.",
            "person": english.pk,
            "name": "",
            "role": "",
        }
        data = article_data(body=streamfield([("quote", quote)]))
        response = client.post(
            add_url("articles", "articlepage", news_index), nested_form_data(data)
        )
        assert response.status_code == 200
        assert FRENCH_ERROR in stream_errors(response, "body")
        assert not ArticlePage.objects.exists()
        quote["person"] = snippets["person"][0].pk
        data = article_data(body=streamfield([("quote", quote)]))
        response = client.post(
            add_url("articles", "articlepage", news_index), nested_form_data(data)
        )
        assert response.status_code == 302, error_texts(response)

    def test_event_organiser_and_speaker(self, client, editor, home, snippets):
        url = add_url("agenda", "eventpage", EventIndexPageFactory(parent=home))
        english_organisation = snippets["organisation"][1]
        response = post(client, url, event_data(), organisers=[english_organisation.pk])
        assert response.status_code == 200
        assert FRENCH_ERROR in str(response.context["form"].errors["organisers"])

        speaker = {"person": snippets["person"][1].pk, "role": "ouverture"}
        response = client.post(
            url, nested_form_data(event_data(speakers=inline_formset([speaker])))
        )
        assert response.status_code == 200
        assert FRENCH_ERROR in str(response.context["form"].formsets["speakers"].errors)
        assert not EventPage.objects.exists()

        speaker["person"] = snippets["person"][0].pk
        response = client.post(
            url, nested_form_data(event_data(speakers=inline_formset([speaker])))
        )
        assert response.status_code == 302, error_texts(response)

    def test_fabrique_theme_and_actor(self, client, editor, home, snippets):
        url = add_url("fabriques", "fabriquepage", FabriqueIndexPageFactory(parent=home))
        response = post(client, url, fabrique_data(), themes=[snippets["theme"][1].pk])
        assert response.status_code == 200
        assert FRENCH_ERROR in str(response.context["form"].errors["themes"])

        actor = {"person": "", "organisation": snippets["organisation"][1].pk, "role": "porteur"}
        response = post(client, url, fabrique_data(actors=inline_formset([actor])))
        assert response.status_code == 200
        assert FRENCH_ERROR in str(response.context["form"].formsets["actors"].errors)
        assert not FabriquePage.objects.exists()

    def test_the_error_speaks_the_editors_language(self, client, editor, news_index, snippets):
        """An editor whose admin is in English reads the error in English."""
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "en"
        profile.save()
        url = add_url("articles", "articlepage", news_index)
        response = post(client, url, article_data(), themes=[snippets["theme"][1].pk])
        assert response.status_code == 200
        assert ENGLISH_ERROR in response.content.decode()
