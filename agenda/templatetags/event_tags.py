"""Template tags other apps use to point at events."""

from __future__ import annotations

from django import template

from home.caching import cached, site_cache_key
from home.queries import visible_q

register = template.Library()


@register.simple_tag(takes_context=True)
def article_event(context, article) -> dict | None:
    """The event an article is about, if a visitor may see it, as {title, url, full_url};
    None otherwise.

    Cached until the next publication anywhere on the site, so an article page pays
    no query for it once caches are warm.
    """
    if not getattr(article, "event_id", None):
        return None
    request = context.get("request")
    site_key = site_cache_key(request)

    def load() -> dict:
        from agenda.models import EventPage

        event = EventPage.objects.filter(visible_q(), pk=article.event_id).first()
        if event is None:
            return {}
        return {
            "title": event.title,
            "url": event.get_url(request),
            "full_url": event.get_full_url(request),
        }

    return cached(f"article-event:{article.event_id}:{site_key}", load) or None
