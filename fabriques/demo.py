"""Demo content of the Fabriques directory: the index page and the fictional sample CSV."""

from __future__ import annotations

from pathlib import Path

from django.utils.html import escape

from articles.models import ArticlePage
from home.demo_content import DemoContext, ensure_child_page, read_demo_data
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
    attach_actors(data["actors"], fabriques, index)
    attach_gallery(context, data["gallery"], fabriques)
    link_mentions(data["mentions"], fabriques)


def attach_actors(actors: list[dict], fabriques: dict, index: FabriqueIndexPage) -> None:
    """People and organisations of a few Fabriques, when the Fabrique has none yet."""
    people = {p.name: p for p in Person.objects.filter(locale_id=index.locale_id)}
    organisations = {}
    for organisation in Organisation.objects.filter(locale_id=index.locale_id):
        organisations[organisation.name] = organisation
        if organisation.acronym:
            organisations[organisation.acronym] = organisation
    new_actors: dict[str, list[FabriqueActor]] = {}
    for item in actors:
        fabrique = fabriques.get(item["fabrique"])
        if fabrique is None or fabrique.actors.exists():
            continue
        actor = FabriqueActor(
            person=people.get(item.get("person")),
            organisation=organisations.get(item.get("organisation")),
            role=item["role"],
        )
        if actor.person or actor.organisation:
            new_actors.setdefault(item["fabrique"], []).append(actor)
    for identifier, fabrique_actors in new_actors.items():
        fabrique = fabriques[identifier]
        fabrique.actors = fabrique_actors
        fabrique.save_revision().publish()


def attach_gallery(context: DemoContext, gallery: list[dict], fabriques: dict) -> None:
    """A generated picture for a few Fabriques, when their gallery is empty."""
    for item in gallery:
        fabrique = fabriques.get(item["fabrique"])
        if fabrique is None or fabrique.gallery_images.exists():
            continue
        fabrique.gallery_images = [
            FabriqueGalleryImage(
                image=context.image(**item["image"]),
                alt_text=item["alt"],
                caption=item["caption"],
            )
        ]
        fabrique.save_revision().publish()


def link_mentions(mentions: list[dict], fabriques: dict) -> None:
    """Turn a demo article's plain mention of a Fabrique into a link to its profile.

    Only in a live article without pending changes, only where the text is not a link
    yet: running the loader again, or after an editor's work, changes nothing.
    """
    for item in mentions:
        fabrique = fabriques.get(item["fabrique"])
        article = ArticlePage.objects.filter(slug=item["article"], live=True).first()
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
