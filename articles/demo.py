"""Demo content of the news section: the seed's two articles and a dozen more."""

from __future__ import annotations

import datetime
import json

from home.demo_content import (
    DemoContext,
    ensure_child_page,
    ensure_section_index,
    ensure_translation,
    overlay,
    read_demo_data,
    translations_of,
)
from home.models import HomePageFeaturedItem, Person, Theme

from .models import ArticleIndexPage, ArticlePage, ArticleRelatedPage

ORDER = 20


def load(context: DemoContext) -> None:
    data = read_demo_data("articles", "articles.json")
    images = {item["key"]: context.image(**item) for item in data["images"]}
    english = context.locale("en")
    index, english_index = ensure_section_index(context, ArticleIndexPage, data["index"])
    for section in (index, english_index):
        home = section.get_parent().specific
        if home.hero_cta_page_id is None:
            home.hero_cta_page = section
            home.save_revision().publish()

    people = {p.name: p for p in Person.objects.filter(locale=index.locale)}
    themes = {t.slug: t for t in Theme.objects.filter(locale=index.locale)}
    articles = {}
    for item in data["articles"]:
        article = ArticlePage(
            **texts(item, people),
            date=datetime.date.fromisoformat(item["date"]),
            hero_image=images.get(item["hero_image"]),
        )
        article.authors.set([people[name] for name in item["authors"]])
        article.themes.set([themes[slug] for slug in item["themes"]])
        article.tags.add(*item["tags"])
        article, _ = ensure_child_page(context, index, article)
        articles[item["slug"]] = article

    home = context.home_page("fr")
    if not home.featured_items.exists():
        home.featured_items = [
            HomePageFeaturedItem(page=articles[slug], sort_order=order)
            for order, slug in enumerate(data["featured"])
        ]
        home.save_revision().publish()

    for slug, related_slugs in data["related"].items():
        article = articles[slug]
        if article.related_items.exists():
            continue
        article.related_items = [
            ArticleRelatedPage(page=articles[related_slug], sort_order=order)
            for order, related_slug in enumerate(related_slugs)
        ]
        article.save_revision().publish()

    english_people = translations_of(people, english)
    for item in data["articles"]:
        if "en" in item:
            article = articles[item["slug"]]
            translate(context, article, overlay(item, item["en"]), english, english_people)


def texts(item: dict, people: dict[str, Person]) -> dict:
    """The fields of an article written in its language, from its data."""
    return {
        "title": item["title"],
        "slug": item["slug"],
        "intro": item["intro"],
        "hero_alt": item["hero_alt"],
        "hero_caption": item["hero_caption"],
        "hero_credit": item["hero_credit"],
        "body": json.dumps(resolve_blocks(item["body"], people)),
        "search_description": item["intro"][:250],
    }


def translate(context: DemoContext, article: ArticlePage, item: dict, locale, people) -> None:
    """The English article: its texts, tags, and only the related pages read in English.

    Authors, themes and the event follow their translations (the English event, made
    later by the events demo, is linked there).
    """
    related = translations_of({link.pk: link.page for link in article.related_items.all()}, locale)
    fields = {
        **texts(item, people),
        "tags": item["tags"],
        "related_items": [
            ArticleRelatedPage(page=page, sort_order=order)
            for order, page in enumerate(related.values())
            if page.locale_id == locale.pk
        ],
    }
    ensure_translation(context, article, locale, fields)


def resolve_blocks(blocks: list[dict], people: dict[str, Person]) -> list[dict]:
    """Turn the names used in the data file into the ids StreamField stores."""
    resolved = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "quote" and value.get("person"):
            value = {**value, "person": people[value["person"]].pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved
