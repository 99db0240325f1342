import re

from django import template
from django.utils.safestring import mark_safe

from home.caching import cached
from home.queries import visible_q

register = template.Library()


@register.simple_tag
def event_booklets(event) -> list[dict]:
    """The live, public booklets that report on an event (for the event page).

    Cached until the next publish, like the menu: the event page has no query to spare.
    """
    booklets = getattr(event, "booklets", None)
    if booklets is None:
        return []

    def compute() -> list[dict]:
        return [
            {"title": booklet.title, "url": booklet.url, "pdf_url": booklet.pdf_url}
            for booklet in booklets.filter(visible_q()).order_by("-edition_date")
        ]

    return cached(f"event-booklets:{event.pk}", compute)


BLOCK_HEADING = re.compile(r'<h([23])\b([^>]*)\bid="([^"]+)"([^>]*)>(.*?)</h\1>', re.DOTALL)


@register.filter
def scope_heading_ids(html: str, prefix: str) -> str:
    """Section headings of a chapter read inside the whole booklet (one page or PDF).

    Their ids get the chapter's prefix, so that chapters never clash, and they go one
    level down, under the chapter's own h2 title.
    """

    def scoped(match: re.Match) -> str:
        level = int(match[1]) + 1
        return f'<h{level}{match[2]}id="{prefix}--{match[3]}"{match[4]}>{match[5]}</h{level}>'

    return mark_safe(BLOCK_HEADING.sub(scoped, str(html)))
