"""Pages that link to a Fabrique, read from Wagtail's reference index.

Wagtail updates the index whenever a page is saved (publishing included): page
choosers, foreign keys, inline panels and rich-text links are all recorded. The
index describes the saved page, so a page that was unpublished since still has
its rows: the query keeps live, public pages only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast

from wagtail.models import Page, ReferenceIndex

from home.queries import visible_q


@dataclass
class BacklinkGroup:
    label: str
    pages: list[Page]


def linking_pages(page: Page):
    """Live, public pages (any type) whose saved content references `page`."""
    page_type = ContentType.objects.get_for_model(Page)
    sources = (
        ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id=str(page.pk),
            base_content_type=page_type,
        )
        .annotate(source_id=Cast("object_id", BigIntegerField()))
        .values("source_id")
    )
    return (
        Page.objects.filter(visible_q(), pk__in=sources)
        .exclude(pk=page.pk)
        .order_by("content_type_id", "-first_published_at", "pk")
    )


def backlinks(page: Page) -> list[BacklinkGroup]:
    """The linking pages grouped by type (articles, events, booklet chapters…), one query."""
    groups: dict[int, BacklinkGroup] = {}
    for linking in linking_pages(page):
        group = groups.get(linking.content_type_id)
        if group is None:
            model = ContentType.objects.get_for_id(linking.content_type_id).model_class()
            label = model._meta.verbose_name_plural if model else ""
            group = groups[linking.content_type_id] = BacklinkGroup(str(label).capitalize(), [])
        group.pages.append(linking)
    return sorted(groups.values(), key=lambda group: group.label)
