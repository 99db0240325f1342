"""The visibility rule (home.queries.visible_q) in templates: links to pages a visitor
may not see (draft, expired, private through the page, an ancestor or an alias's source)
are not rendered, and neither is their title."""

from django import template

from wagtail.models import Page

from home.queries import only_visible, visible_ids

register = template.Library()

MEMO = "_visible_to_visitors"


@register.filter
def visible(page: Page | None) -> bool:
    """Whether a visitor may see `page`: one query, remembered on the instance."""
    if not isinstance(page, Page):
        return False
    if not hasattr(page, MEMO):
        setattr(page, MEMO, page.pk in visible_ids([page]))
    return getattr(page, MEMO)


@register.filter
def visible_only(pages) -> list[Page]:
    """The pages of a list a visitor may see, in their order: one query for the list."""
    return only_visible(pages or [])
