"""Querysets shared by every page type, built to keep page views at a few queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction


def public_q() -> Q:
    """Pages with no view restriction on themselves or an ancestor, in the same SQL query.

    Wagtail's `.public()` reads every restriction in a query of its own first.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Q(Exists(restricted))


def chosen_pages(links: QuerySet) -> list[Page]:
    """The live, public pages an editor picked through an Orderable with a `page` field.

    Specific instances in the editor's order, their hero images fetched in one query.
    """
    link = links.filter(page=OuterRef("pk"))
    pages = list(
        Page.objects.live()
        .filter(public_q(), pk__in=Subquery(links.values("page_id")))
        .annotate(sort_order=Subquery(link.values("sort_order")[:1]))
        .order_by("sort_order")
        .specific()
    )
    attach_hero_images(pages)
    return pages


def attach_hero_images(pages: list[Page]) -> None:
    image_ids = {getattr(page, "hero_image_id", None) for page in pages} - {None}
    if not image_ids:
        return
    images = get_image_model().objects.in_bulk(image_ids)
    for page in pages:
        if getattr(page, "hero_image_id", None):
            page.hero_image = images.get(page.hero_image_id)
