"""Demo content of the agenda: the seed's two events and a few more, past and upcoming."""

from __future__ import annotations

import datetime
import json

from django.utils import timezone

from articles.models import ArticlePage
from fabriques.models import FabriquePage
from home.demo_content import DemoContext, ensure_child_page, read_demo_data
from home.models import Organisation, Person, Theme

from .models import EventIndexPage, EventPage, EventSpeaker

ORDER = 40


def load(context: DemoContext) -> None:
    data = read_demo_data("events", "events.json")
    images = {item["key"]: context.image(**item) for item in data["images"]}
    indexes = {}
    for language_code, index_data in data["index"].items():
        indexes[language_code], _ = ensure_child_page(
            context,
            context.home_page(language_code),
            EventIndexPage(
                title=index_data["title"],
                slug=index_data["slug"],
                intro=index_data["intro"],
                show_in_menus=True,
            ),
        )

    index = indexes["fr"]
    refs = References(index.locale)
    today = timezone.localdate()
    for item in data["events"]:
        event = EventPage(
            title=item["title"],
            slug=item["slug"],
            intro=item["intro"],
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
            hero_alt=item["hero_alt"],
            programme=json.dumps(refs.programme(item["programme"])),
            body=json.dumps(item["body"]),
            search_description=item["intro"][:250],
        )
        if event.venue_fabrique is None:
            event.venue_address = item.get("venue_address", "")
        event.organisers.set([refs.organisations[acronym] for acronym in item["organisers"]])
        event.partners.set([refs.organisations[acronym] for acronym in item["partners"]])
        event.themes.set([refs.themes[slug] for slug in item["themes"]])
        event.speakers = [
            EventSpeaker(person=refs.people[speaker["person"]], role=speaker["role"])
            for speaker in item["speakers"]
        ]
        event, _ = ensure_child_page(context, index, event)
        link_articles(context, event, item["articles"])


def resolve_date(value, today: datetime.date) -> datetime.datetime:
    """An ISO date-time in Paris time, or an offset in days from `today` and a time."""
    if isinstance(value, str):
        return timezone.make_aware(datetime.datetime.fromisoformat(value))
    day = today + datetime.timedelta(days=value["offset_days"])
    time = datetime.time.fromisoformat(value.get("time", "00:00"))
    return timezone.make_aware(datetime.datetime.combine(day, time))


class References:
    """What the data file names (acronyms, names, slugs, identifiers), as objects."""

    def __init__(self, locale):
        self.organisations = {
            o.acronym or o.name: o for o in Organisation.objects.filter(locale=locale)
        }
        self.people = {p.name: p for p in Person.objects.filter(locale=locale)}
        self.themes = {t.slug: t for t in Theme.objects.filter(locale=locale)}
        # The Fabriques come from another app's demo: link those that exist, skip the rest.
        self.fabriques = {f.identifier: f for f in FabriquePage.objects.filter(locale=locale)}

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
    """Point the seed's articles at their event, unless an editor chose otherwise."""
    for article in ArticlePage.objects.filter(slug__in=slugs, locale=event.locale):
        if article.event_id is not None:
            context.count("liens article → événement", False)
            continue
        article.event = event
        article.save_revision().publish()
        context.count("liens article → événement", True)
