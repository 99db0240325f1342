"""Demo content of the booklet: the restitution of the first annual meeting of the Fabriques.

Built as an editor would: the booklet and its chapters are prepared as drafts, then
published together. Fabriques, people, themes, the event and linked pages are found by
their stable keys; those missing (another app not loaded) are left out quietly.
"""

from __future__ import annotations

import datetime
import json

from django.apps import apps

from wagtail.models import Page

from home.demo_content import DemoContext, read_demo_data
from home.models import Organisation, Person, Theme

from .models import BookletChapterPage, BookletPage
from .publishing import publish_booklet

ORDER = 50


def load(context: DemoContext) -> None:
    data = read_demo_data("booklet", "booklet.json")
    home = context.home_page("fr")
    images = {item["key"]: context.image(**item) for item in data["images"]}
    booklet, created = ensure_booklet(context, home, data["booklet"], images)
    resolver = Resolver(home, images)
    for item in data["chapters"]:
        ensure_chapter(context, booklet, item, resolver)
    if created:
        publish_booklet(booklet)
        booklet.refresh_from_db()  # live now: the event link below is published with it
    link_event(booklet, data["booklet"]["event"])
    link_seed_article(booklet, data["booklet"]["article"])


def ensure_booklet(context, home, data: dict, images: dict) -> tuple[BookletPage, bool]:
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        context.count(BookletPage._meta.verbose_name_plural, False)
        return existing.specific, False
    booklet = BookletPage(
        title=data["title"],
        slug=data["slug"],
        subtitle=data["subtitle"],
        cover_image=images[data["cover_image"]],
        cover_alt=data["cover_alt"],
        edition_date=datetime.date.fromisoformat(data["edition_date"]),
        foreword=data["foreword"],
        search_description=data["search_description"],
        locale=home.locale,
        live=False,
    )
    booklet.publishers.set(
        Organisation.objects.filter(locale=home.locale, acronym__in=data["publishers"])
    )
    home.add_child(instance=booklet)
    booklet.save_revision()
    context.count(BookletPage._meta.verbose_name_plural, True)
    return booklet, True


def ensure_chapter(context, booklet: BookletPage, data: dict, resolver: Resolver) -> None:
    if booklet.get_children().filter(slug=data["slug"]).exists():
        context.count(BookletChapterPage._meta.verbose_name_plural, False)
        return
    chapter = BookletChapterPage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        body=json.dumps(resolver.blocks(data["body"])),
        ready=True,
        search_description=data["intro"][:250],
        locale=booklet.locale,
        live=False,
    )
    booklet.add_child(instance=chapter)
    revision = chapter.save_revision()
    if booklet.live:  # added to a booklet already online: it goes live on its own
        revision.publish()
    context.count(BookletChapterPage._meta.verbose_name_plural, True)


def link_event(booklet: BookletPage, data: dict) -> None:
    """Point the booklet at its event once the agenda app has created it."""
    if booklet.event_id is not None:
        return
    events = apps.get_model("agenda", "EventPage").objects
    event = events.filter(
        slug=data["slug"],
        locale=booklet.locale,
        url_path__endswith=f"/{data['index_slug']}/{data['slug']}/",
    ).first()
    if event is None:
        return
    draft = booklet.get_latest_revision_as_object()
    draft.event = event
    revision = draft.save_revision()
    if booklet.live:
        revision.publish()


def link_seed_article(booklet: BookletPage, data: dict) -> None:
    """The news article on the meeting announced the booklet: once it is out, link to it.

    A call to action at the end of the article's body, added once (an editor's later
    changes are kept), and published if the article is live.
    """
    if not booklet.live:
        return
    article = (
        apps.get_model("articles", "ArticlePage")
        .objects.filter(
            slug=data["slug"],
            locale=booklet.locale,
            url_path__endswith=f"/{data['index_slug']}/{data['slug']}/",
        )
        .first()
    )
    if article is None:
        return
    draft = article.get_latest_revision_as_object()
    body = list(draft.body.raw_data)
    if any(
        block["type"] == "call_to_action" and (block.get("value") or {}).get("page") == booklet.pk
        for block in body
    ):
        return
    body.append(
        {
            "type": "call_to_action",
            "value": {
                "text": data["link_text"],
                "page": booklet.pk,
                "url": "",
                "description": data["link_description"],
            },
        }
    )
    draft.body = json.dumps(body)
    revision = draft.save_revision()
    if article.live:
        revision.publish()


class Resolver:
    """Turn the names and keys of the data file into the ids StreamField stores."""

    def __init__(self, home: Page, images: dict):
        locale = home.locale
        self.home = home
        self.images = images
        self.people = {p.name: p.pk for p in Person.objects.filter(locale=locale)}
        self.themes = {t.slug: t.pk for t in Theme.objects.filter(locale=locale)}
        # A Fabrique's translations share its identifier: the booklet's language only.
        fabriques = apps.get_model("fabriques", "FabriquePage").objects.filter(locale=locale)
        self.fabriques = dict(fabriques.values_list("identifier", "pk"))

    def blocks(self, blocks: list[dict]) -> list[dict]:
        resolved = []
        for block in blocks:
            value = getattr(self, f"resolve_{block['type']}", lambda v: v)(block["value"])
            if value is not None:
                resolved.append({"type": block["type"], "value": value})
        return resolved

    def resolve_quote(self, value: dict) -> dict:
        person = self.people.get(value.get("person"))
        if person is None:
            return {**value, "person": None, "name": value.get("person") or value.get("name")}
        return {**value, "person": person}

    def resolve_workshop_summary(self, value: dict) -> dict:
        return {
            **value,
            "theme": self.themes.get(value.get("theme")),
            "facilitators": [self.people[n] for n in value["facilitators"] if n in self.people],
            "fabriques": [self.fabriques[i] for i in value["fabriques"] if i in self.fabriques],
        }

    def resolve_image(self, value: dict) -> dict:
        return {**value, "image": self.images[value["image"]].pk}

    def resolve_page_card(self, value: dict) -> dict | None:
        url_path = f"{self.home.url_path}{value['page'].strip('/')}/"
        page = Page.objects.filter(url_path=url_path).values_list("pk", flat=True).first()
        return {**value, "page": page} if page else None
