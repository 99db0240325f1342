"""Demo content of the news section: the seed's two articles and a dozen more."""

from __future__ import annotations

import datetime
import json

from home.demo_content import DemoContext, ensure_child_page, read_demo_data
from home.models import HomePageFeaturedItem, Person, Theme

from .models import ArticleIndexPage, ArticlePage, ArticleRelatedPage

ORDER = 20


def load(context: DemoContext) -> None:
    data = read_demo_data("articles", "articles.json")
    images = {item["key"]: context.image(**item) for item in data["images"]}
    indexes = {}
    for language_code, index_data in data["index"].items():
        home = context.home_page(language_code)
        index, _ = ensure_child_page(
            context,
            home,
            ArticleIndexPage(
                title=index_data["title"],
                slug=index_data["slug"],
                intro=index_data["intro"],
                show_in_menus=True,
            ),
        )
        indexes[language_code] = index
        if home.hero_cta_page_id is None:
            home.hero_cta_page = index
            home.save_revision().publish()

    index = indexes["fr"]
    people = {p.name: p for p in Person.objects.filter(locale=index.locale)}
    themes = {t.slug: t for t in Theme.objects.filter(locale=index.locale)}
    articles = {}
    for item in data["articles"]:
        article = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            date=datetime.date.fromisoformat(item["date"]),
            intro=item["intro"],
            hero_image=images.get(item["hero_image"]),
            hero_alt=item["hero_alt"],
            hero_caption=item["hero_caption"],
            hero_credit=item["hero_credit"],
            body=json.dumps(resolve_blocks(item["body"], people)),
            search_description=item["intro"][:250],
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


def resolve_blocks(blocks: list[dict], people: dict[str, Person]) -> list[dict]:
    """Turn the names used in the data file into the ids StreamField stores."""
    resolved = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "quote" and value.get("person"):
            value = {**value, "person": people[value["person"]].pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved
