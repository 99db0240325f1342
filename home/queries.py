"""Querysets shared by every page type, built to keep page views at a few queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page, PageViewRestriction


def public_q() -> Q:
    """Pages with no view restriction on themselves or an ancestor, in the same SQL query.

    Wagtail's `.public()` reads every restriction in a query of its own first.
    The restricted page's path is read by primary key in a scalar subquery rather
    than joined: with a join, SQLite's planner, once ANALYZE has run, may scan every
    page for every page (measured: 15 s instead of 0.1 s over 10,000 pages).
    """
    restricted_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
    restricted = PageViewRestriction.objects.annotate(restricted_path=restricted_path).filter(
        restricted_path=Substr(OuterRef("path"), 1, Length("restricted_path"))
    )
    return ~Q(Exists(restricted))


def current_q(now: datetime | None = None) -> Q:
    """Live and not expired (Wagtail unpublishes expired pages only when
    publish_scheduled runs)."""
    now = now or timezone.now()
    return Q(live=True) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def visible_q(now: datetime | None = None) -> Q:
    """The one rule for what a visitor may see, as a filter on pages, in one SQL query.

    Live, not expired (Wagtail unpublishes expired pages only when publish_scheduled
    runs), with no view restriction (login, password, groups) on the page or an
    ancestor, and, for an alias, the same of its source: an alias shows its source's
    content, wherever it sits in the tree. Listings, sitemap, feeds, calendars, open
    data, search, backlinks and template links all go through it.
    """
    current = current_q(now)
    source = Page.objects.filter(current, public_q(), pk=OuterRef("alias_of_id"))
    return current & public_q() & (Q(alias_of__isnull=True) | Q(Exists(source)))


def visible_ids(pages: Iterable[Page | int | None]) -> set[int]:
    """The primary keys of the pages (or page ids) a visitor may see, in one query."""
    ids = {page if isinstance(page, int) else page.pk for page in pages if page}
    if not ids:
        return set()
    return set(Page.objects.filter(visible_q(), pk__in=ids).values_list("pk", flat=True))


def only_visible(pages: Iterable[Page | None]) -> list[Page]:
    """`pages` without those a visitor may not see, in their order (one query at most)."""
    pages = [page for page in pages if page is not None]
    mark_visible(pages)
    return [page for page in pages if getattr(page, VISIBLE_MEMO)]


# Set on a page instance once its visibility is known, so that templates ask no more.
VISIBLE_MEMO = "_visible_to_visitors"


def mark_visible(pages: Iterable[Page]) -> None:
    """Remember on each instance whether a visitor may see it: one query for all those
    not known yet (a page's chosen pages, before its blocks are rendered)."""
    unknown = [page for page in pages if not hasattr(page, VISIBLE_MEMO)]
    if not unknown:
        return
    ids = visible_ids(unknown)
    for page in unknown:
        setattr(page, VISIBLE_MEMO, page.pk in ids)


def mark_chosen_visible(pages: list[Page]) -> None:
    """mark_visible for the pages an editor chose in a page's blocks, read from the shared
    cache per content generation: every publish, unpublish (publish_scheduled's expiries
    included), move and view-restriction change starts a new one."""
    from .caching import cached

    unknown = [page for page in pages if not hasattr(page, VISIBLE_MEMO)]
    if not unknown:
        return
    key = "visible-chosen:" + ",".join(sorted({str(page.pk) for page in unknown}))
    ids = cached(key, lambda: visible_ids(unknown))
    for page in unknown:
        setattr(page, VISIBLE_MEMO, page.pk in ids)


def chosen_in(value) -> Iterator[Page]:
    """The pages chosen anywhere in a block value (stream, struct, list, nested)."""
    return (instance for instance in instances_in(value) if isinstance(instance, Page))


def instances_in(value) -> Iterator[object]:
    """Every model instance (page, snippet, image) chosen anywhere in a block value."""
    if isinstance(value, StreamValue):
        for child in value:
            yield from instances_in(child.value)
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            yield from instances_in(item)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from instances_in(item)
    elif value is not None and hasattr(value, "_meta"):
        yield value


def chosen_pages(links: QuerySet) -> list[Page]:
    """The live, public pages an editor picked through a PageLink, in the editor's order.

    Specific instances with their hero images: one query for the order and the types,
    then one per page type (Wagtail's `.specific()` would add one for the images).
    """
    rows = list(
        Page.objects.filter(visible_q(), pk__in=Subquery(links.values("page_id")))
        .annotate(sort_order=Subquery(links.filter(page=OuterRef("pk")).values("sort_order")[:1]))
        .order_by("sort_order")
        .values_list("pk", "content_type_id")
    )
    ids_by_type: dict[int, list[int]] = {}
    for pk, content_type_id in rows:
        ids_by_type.setdefault(content_type_id, []).append(pk)
    pages = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        queryset = model.objects.filter(pk__in=ids)
        if any(field.name == "hero_image" for field in model._meta.fields):
            queryset = queryset.select_related("hero_image")
        pages.update((page.pk, page) for page in queryset)
    return [pages[pk] for pk, _ in rows if pk in pages]


def site_map(home: Page) -> list[tuple[Page, list[Page]]]:
    """The sections under a home page with their pages, visible ones only (visible_q),
    in one query: the menu's sections first, in the tree's order, their pages by title."""
    pages = (
        Page.objects.descendant_of(home)
        .filter(visible_q(), depth__in=(home.depth + 1, home.depth + 2))
        .only("title", "url_path", "path", "depth", "show_in_menus")
        .order_by("path")
    )
    sections: dict[str, tuple[Page, list[Page]]] = {}
    children = []
    for page in pages:
        if page.depth == home.depth + 1:
            sections[page.path] = (page, [])
        else:
            children.append(page)
    for page in sorted(children, key=lambda page: page.title.casefold()):
        section = sections.get(page.path[: -page.steplen])
        if section is not None:  # under a visible section only
            section[1].append(page)
    return sorted(sections.values(), key=lambda section: not section[0].show_in_menus)
