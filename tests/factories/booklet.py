import datetime
import json

import factory

import wagtail_factories

from booklet.models import BookletChapterPage, BookletPage


def paragraph(text: str) -> dict:
    """A paragraph block, as stored in a StreamField's JSON."""
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
