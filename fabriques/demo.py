"""Demo content of the Fabriques directory: the index page and the fictional sample CSV.

A few Fabriques are translated into English, with the English directory.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.utils.html import escape

from home.demo_content import (
    DemoContext,
    ensure_child_page,
    ensure_translation,
    overlay,
    read_demo_data,
    translations_of,
)
from home.models import Organisation, Person

from .importer import import_fabriques
from .models import FabriqueActor, FabriqueGalleryImage, FabriqueIndexPage, FabriquePage

ORDER = 30
SAMPLE_CSV = Path(__file__).resolve().parent / "demo_data" / "fabriques.csv"


def load(context: DemoContext) -> None:
    data = read_demo_data("fabriques", "directory.json")
    home = context.home_page("fr")
    index_data = data["index"]
    index, _ = ensure_child_page(
        context,
        home,
        FabriqueIndexPage(
            title=index_data["title"],
            slug=index_data["slug"],
            intro=index_data["intro"],
            search_description=index_data["search_description"],
            show_in_menus=True,
        ),
    )
    # Only what is missing: Fabriques already there are left as editors left them.
    report = import_fabriques(SAMPLE_CSV.read_bytes(), index, create_only=True)
    if report.rejected:
        raise ValueError(f"Sample CSV rejected: {[str(r) for r in report.rejected]}")
    for _identifier in report.created:
        context.count(FabriquePage._meta.verbose_name_plural, True)
    for _identifier in report.unchanged:
        context.count(FabriquePage._meta.verbose_name_plural, False)
    fabriques = {f.identifier: f for f in FabriquePage.objects.child_of(index)}
    attach(fabriques, "actors", actor_rows(data["actors"], index.locale))
    attach(fabriques, "gallery_images", gallery_rows(context, data["gallery"]))
    link_mentions(data["mentions"], fabriques)
    translate(context, data, index, fabriques)


def translate(context: DemoContext, data: dict, index: FabriqueIndexPage, fabriques: dict) -> None:
    """The English directory, and the Fabriques with an "en" section in the data."""
    english = context.locale("en")
    english_index, _ = ensure_translation(context, index, english, data["index"]["en"])
    actors = actor_rows(in_english(data["actors"]), index.locale, english)
    gallery = gallery_rows(context, in_english(data["gallery"]))
    for item in data["fabriques"]:
        identifier = item["identifier"]
        if identifier in fabriques:
            fields = {
                **item["en"],
                "actors": actors.get(identifier, []),
                "gallery_images": gallery.get(identifier, []),
            }
            ensure_translation(context, fabriques[identifier], english, fields)
    english_fabriques = {f.identifier: f for f in FabriquePage.objects.child_of(english_index)}
    link_mentions(in_english(data["mentions"]), english_fabriques)


def in_english(items: list[dict]) -> list[dict]:
    return [overlay(item, item["en"]) for item in items]


def actor_rows(items: list[dict], source, locale=None) -> dict[str, list[FabriqueActor]]:
    """The actors of the data by Fabrique, people and organisations in `locale` if translated."""
    locale = locale or source
    people = translations_of({p.name: p for p in Person.objects.filter(locale=source)}, locale)
    organisations = {}
    for organisation in Organisation.objects.filter(locale=source):
        organisations[organisation.name] = organisation
        if organisation.acronym:
            organisations[organisation.acronym] = organisation
    organisations = translations_of(organisations, locale)
    rows: dict[str, list[FabriqueActor]] = {}
    for item in items:
        actor = FabriqueActor(
            person=people.get(item.get("person")),
            organisation=organisations.get(item.get("organisation")),
            role=item["role"],
        )
        if actor.person or actor.organisation:
            rows.setdefault(item["fabrique"], []).append(actor)
    return rows


def gallery_rows(context: DemoContext, items: list[dict]) -> dict[str, list[FabriqueGalleryImage]]:
    """A generated picture for a few Fabriques, by Fabrique."""
    rows: dict[str, list[FabriqueGalleryImage]] = {}
    for item in items:
        rows.setdefault(item["fabrique"], []).append(
            FabriqueGalleryImage(
                image=context.image(**item["image"]), alt_text=item["alt"], caption=item["caption"]
            )
        )
    return rows


def attach(fabriques: dict, relation: str, rows: dict[str, list]) -> None:
    """Rows of an inline panel (actors, gallery) for a few Fabriques that have none yet."""
    for identifier, fabrique_rows in rows.items():
        fabrique = fabriques.get(identifier)
        if fabrique is None or getattr(fabrique, relation).exists():
            continue
        setattr(fabrique, relation, fabrique_rows)
        fabrique.save_revision().publish()


def link_mentions(mentions: list[dict], fabriques: dict) -> None:
    """Turn a demo article's plain mention of a Fabrique into a link to its profile.

    Only in a live article without pending changes, only where the text is not a link
    yet: running the loader again, or after an editor's work, changes nothing.
    """
    articles = apps.get_model("articles", "ArticlePage").objects
    for item in mentions:
        fabrique = fabriques.get(item["fabrique"])
        article = articles.filter(slug=item["article"], live=True).first()
        if fabrique is None or article is None or article.has_unpublished_changes:
            continue
        text = escape(item["text"])
        link = f'<a linktype="page" id="{fabrique.pk}">{text}</a>'
        changed = False
        for block in article.body:
            if block.block_type != "paragraph":
                continue
            source = block.value.source
            if text in source and link not in source and f">{text}</a>" not in source:
                block.value.source = source.replace(text, link, 1)
                changed = True
                break
        if changed:
            article.save_revision().publish()
