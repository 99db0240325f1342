"""Links to pages inside rich text, through the one visibility rule."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .queries import visible_q


class VisiblePageLinkHandler(PageLinkHandler):
    """A link an editor made to a page a visitor may not see (a draft, a private or
    expired page) is rendered as `<a>` without an address: the text stays, the page's
    address does not leak. One query for every link of a text."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        # Plain pages: a link needs the address only, not the specific type (one query,
        # where Wagtail's own handler makes two).
        pages = Page.objects.filter(visible_q(), id__in=ids)
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(pk)) for pk in ids]
