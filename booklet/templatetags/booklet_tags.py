import re

from django import template
from django.utils.safestring import mark_safe

from home.queries import public_q

register = template.Library()


@register.simple_tag
def event_booklets(event) -> list:
    """The live, public booklets that report on an event (for the event page)."""
    booklets = getattr(event, "booklets", None)
    if booklets is None:
        return []
    return list(booklets.live().filter(public_q()).order_by("-edition_date"))


HEADING_ID = re.compile(r'(<h[1-6]\b[^>]*\bid=")([^"]+)(")')


@register.filter
def scope_heading_ids(html: str, prefix: str) -> str:
    """Prefix heading ids so that chapters read on one page (or in the PDF) never clash."""
    return mark_safe(HEADING_ID.sub(rf"\g<1>{prefix}--\g<2>\g<3>", str(html)))
