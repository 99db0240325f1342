"""Demo content of the agenda: the seed's two events and a few more, past and upcoming."""

from __future__ import annotations

import datetime
import json

from django.apps import apps
from django.utils import timezone

from home.demo_content import (
    DemoContext,
    ensure_child_page,
    ensure_section_index,
    ensure_translation,
    overlay,
    read_demo_data,
    translations_of,
)
from home.models import Organisation, Person, Theme

from .models import EventIndexPage, EventPage, EventSpeaker

ORDER = 40


def load(context: DemoContext) -> None:
    data = read_demo_data("agenda", "events.json")
    images = {item["key"]: context.image(**item) for item in data["images"]}
    english = context.locale("en")
    index, _english_index = ensure_section_index(context, EventIndexPage, data["index"])

    refs = References(index.locale)
    english_refs = References(index.locale, english)
    today = timezone.localdate()
    for item in data["events"]:
        event = EventPage(
            **texts(item, refs),
            start=resolve_date(item["start"], today),
            end=resolve_date(item["end"], today) if item.get("end") else None,
            all_day=item.get("all_day", False),
            format=item["format"],
            venue_fabrique=refs.fabriques.get(item.get("venue_fabrique")),
            online_url=item.get("online_url", ""),
            registration_url=item.get("registration_url", ""),
            registration_status=item.get("registration_status", ""),
            attendance=item.get("attendance"),
            hero_image=images.get(item["hero_image"]),
        )
        if event.venue_fabrique is None:
            event.venue_address = item.get("venue_address", "")
        event.organisers.set([refs.organisations[acronym] for acronym in item["organisers"]])
        event.partners.set([refs.organisations[acronym] for acronym in item["partners"]])
        event.themes.set([refs.themes[slug] for slug in item["themes"]])
        event, _ = ensure_child_page(context, index, event)
        link_articles(context, event, item["articles"])
        if "en" in item:
            # Dates, place, organisers and themes come with the copy; the texts are English.
            english_item = overlay(item, item["en"])
            translation, _ = ensure_translation(
                context, event, english, texts(english_item, english_refs)
            )
            link_articles(context, translation, english_item["articles"])


def texts(item: dict, refs: References) -> dict:
    """The fields of an event written in its language, with the references resolved."""
    return {
        "title": item["title"],
        "slug": item["slug"],
        "intro": item["intro"],
        "hero_alt": item["hero_alt"],
        "programme": json.dumps(refs.programme(item["programme"])),
        "body": json.dumps(item["body"]),
        "search_description": item["intro"][:250],
        "speakers": [
            EventSpeaker(person=refs.people[speaker["person"]], role=speaker["role"])
            for speaker in item["speakers"]
        ],
    }


def resolve_date(value, today: datetime.date) -> datetime.datetime:
    """An ISO date-time in Paris time, or an offset in days from `today` and a time."""
    if isinstance(value, str):
        return timezone.make_aware(datetime.datetime.fromisoformat(value))
    day = today + datetime.timedelta(days=value["offset_days"])
    time = datetime.time.fromisoformat(value.get("time", "00:00"))
    return timezone.make_aware(datetime.datetime.combine(day, time))


class References:
    """What the data file names (acronyms, names, slugs, identifiers), as objects.

    The data names the French objects (`source`); with another `locale`, each is
    replaced by its translation where there is one.
    """

    def __init__(self, source, locale=None):
        locale = locale or source
        self.organisations = translations_of(
            {o.acronym or o.name: o for o in Organisation.objects.filter(locale=source)}, locale
        )
        self.people = translations_of(
            {p.name: p for p in Person.objects.filter(locale=source)}, locale
        )
        self.themes = translations_of(
            {t.slug: t for t in Theme.objects.filter(locale=source)}, locale
        )
        # The Fabriques come from another app's demo: link those that exist, skip the rest.
        fabriques = apps.get_model("fabriques", "FabriquePage").objects.filter(locale=source)
        self.fabriques = translations_of({f.identifier: f for f in fabriques}, locale)

    def programme(self, items: list[dict]) -> list[dict]:
        return [
            {
                "type": "item",
                "value": {
                    "kind": item["kind"],
                    "title": item["title"],
                    "start_time": item.get("start_time"),
                    "end_time": item.get("end_time"),
                    "theme": self.themes[item["theme"]].pk if item.get("theme") else None,
                    "facilitators": [self.people[name].pk for name in item.get("facilitators", [])],
                    "summary": item.get("summary", ""),
                    "fabriques": [
                        self.fabriques[identifier].pk
                        for identifier in item.get("fabriques", [])
                        if identifier in self.fabriques
                    ],
                    "summary_page": None,
                },
            }
            for item in items
        ]


def link_articles(context: DemoContext, event: EventPage, slugs: list[str]) -> None:
    """Point the seed's articles at their event, unless an editor chose another event.

    A translated article may still point at this event's original, copied with it: it
    is moved to the event in its own language.
    """
    articles = apps.get_model("articles", "ArticlePage").objects.filter(
        slug__in=slugs, locale=event.locale
    )
    for article in articles.select_related("event"):
        if article.event_id == event.pk or (
            article.event_id is not None and article.event.translation_key != event.translation_key
        ):
            context.count("article → event links", False)
            continue
        article.event = event
        article.save_revision().publish()
        context.count("article → event links", True)
