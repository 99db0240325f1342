"""Wagtail's read-only pages API, held to the site's visibility rule."""

from wagtail.api.v2.views import PagesAPIViewSet

from home.queries import visible_q


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail keeps live, public pages; expired pages and aliases of private pages
    would still be listed: the one rule (home.queries.visible_q) applies here too."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(visible_q())
