"""{% load article_schema %}: a news article's schema.org NewsArticle JSON-LD."""

from __future__ import annotations

from django import template
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language

from home.jsonld import PUBLISHER, absolute, ld_json_script, person_data

register = template.Library()


def news_article_data(article, request, image_url: str = "", event: dict | None = None) -> dict:
    # Prefetched on the page itself: the byline further down reuses them for free.
    prefetch_related_objects([article], "authors")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.intro,
        "datePublished": article.date.isoformat(),
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "inLanguage": get_language(),
        "publisher": PUBLISHER,
        "author": [person_data(p) for p in article.authors.all()] or [PUBLISHER],
    }
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    if image_url:
        data["image"] = [absolute(request, image_url)]
    if event:
        data["about"] = {"@type": "Event", "name": event["title"], "url": event["full_url"]}
    return data


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, image_url="", event=None):
    return ld_json_script(news_article_data(article, context.get("request"), image_url, event))
