import datetime
import json

import factory

import wagtail_factories

from booklet.models import BookletChapterPage, BookletPage
from fabriques.models import FabriqueIndexPage, FabriquePage


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text: str, level: str = "h2", anchor: str = "") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": anchor}}


def workshop(title: str, fabriques=(), takeaways=("Décider ensemble prend du temps.",)) -> dict:
    return {
        "type": "workshop_summary",
        "value": {
            "title": title,
            "theme": None,
            "facilitators": [],
            "fabriques": [page.pk for page in fabriques],
            "takeaways": list(takeaways),
            "needs": ["Des outils simples."],
        },
    }


class BookletPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=5, locale="fr_FR")
    slug = factory.Sequence(lambda n: f"livret-{n}")
    subtitle = "Restitution des échanges"
    edition_date = datetime.date(2021, 2, 1)
    foreword = "<p>Un avant-propos.</p>"

    class Meta:
        model = BookletPage


class BookletChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chapitre numéro {n}")
    slug = factory.Sequence(lambda n: f"chapitre-{n}")
    intro = factory.Faker("sentence", locale="fr_FR")
    ready = True
    body = factory.LazyFunction(
        lambda: json.dumps([paragraph("Les Fabriques ont partagé leurs besoins.")])
    )

    class Meta:
        model = BookletChapterPage


class FabriqueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fabriques"
    slug = "fabriques"

    class Meta:
        model = FabriqueIndexPage


class FabriquePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fabrique {n}")
    slug = factory.Sequence(lambda n: f"fabrique-{n}")
    identifier = factory.Sequence(lambda n: f"FT-99-{n:03d}")
    short_description = "Une Fabrique de Territoire."
    commune = "Guéret"
    departement_code = "23"
    departement_name = "Creuse"
    region_code = "75"
    region_name = "Nouvelle-Aquitaine"
    territory_type = "rural"

    class Meta:
        model = FabriquePage


def annual_meeting_event(home):
    """The first annual meeting under an `agenda` index, as the events app names them."""
    from agenda.models import EventIndexPage, EventPage

    agenda = EventIndexPage.objects.child_of(home).first()
    if agenda is None:
        agenda = EventIndexPage(title="Agenda", slug="agenda")
        home.add_child(instance=agenda)
    existing = EventPage.objects.filter(slug="1ere-rencontre-des-fabriques-de-territoire").first()
    if existing is not None:
        return existing
    event = EventPage(
        title="1re Rencontre des Fabriques de Territoire",
        slug="1ere-rencontre-des-fabriques-de-territoire",
        intro="En ligne.",
        start=datetime.datetime(2020, 11, 16, 9, 30, tzinfo=datetime.UTC),
        format="online",
        online_url="https://visio.example.org/rencontre",
    )
    agenda.add_child(instance=event)
    return event
