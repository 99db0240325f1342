"""The visibility rule (home.queries.visible_q) in templates: links to pages a visitor
may not see (draft, expired, private through the page, an ancestor or an alias's source)
are not rendered, and neither is their title."""

from django import template

from wagtail.models import Page

from home.queries import VISIBLE_MEMO, mark_visible, only_visible

register = template.Library()


@register.filter
def visible(page: Page | None) -> bool:
    """Whether a visitor may see `page`: known already when the page being served marked
    its chosen pages (LeanPageMixin.get_context), else one query, remembered."""
    if not isinstance(page, Page):
        return False
    mark_visible([page])
    return getattr(page, VISIBLE_MEMO)


@register.filter
def visible_only(pages) -> list[Page]:
    """The pages of a list a visitor may see, in their order: no query when they were
    marked already, else one for the list."""
    return only_visible(pages or [])
