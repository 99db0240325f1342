from django import template

from home.queries import public_q

register = template.Library()


@register.simple_tag
def event_booklets(event) -> list:
    """The live, public booklets that report on an event (for the event page)."""
    booklets = getattr(event, "booklets", None)
    if booklets is None:
        return []
    return list(booklets.live().filter(public_q()).order_by("-edition_date"))
