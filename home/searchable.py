"""Which page models the site search covers, and how to read their facets and text.

Each content app registers its searchable page model in its AppConfig.ready(),
with a type key (the `type` parameter and facet: "article", "event", ...) and the
ORM paths of its date, themes and region:

    from home.searchable import register
    register("articles.ArticlePage", key="article", label=_("Article"), date="date")

The date is what the result is dated by, shown to visitors and counted in the year
facet: an ORM path (a date, a datetime, or an integer year such as a Fabrique's
label year), or an expression for a value another page holds (`parent_field`: a
booklet chapter is dated by its booklet's edition). None: the type has no date.

The searchable text is not registered: it is read from the model's own
`search_fields` (SearchField entries, RelatedFields, StreamField content), so the
engine documents (search/documents.py) and the database backend index the same
fields. The search app reads this registry; it never imports a content app, and
content apps never import the search app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from modelsearch import index

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Left
from django.utils import formats, timezone

DATE_FIELD = "search_date"  # the name the date is annotated under


@dataclass
class SearchType:
    model_label: str
    key: str
    label: Any
    date: str | Callable[[], models.Expression] | None = "first_published_at"
    themes: str | None = "themes"
    region: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    # Reading values from one page -------------------------------------------

    def date_expression(self) -> models.Expression | None:
        """The date as an expression on the model's queryset (None: no date)."""
        if not self.date:
            return None
        return F(self.date) if isinstance(self.date, str) else self.date()

    def date_of(self, page):
        """The page's date; a query when it is held by another page."""
        if not isinstance(self.date, str):
            return self.dates_of([page]).get(page.pk)
        return resolve(page, self.date)

    def dates_of(self, pages: Iterable) -> dict[int, Any]:
        """The dates of several pages of this type: no query for a path on the page
        itself, one for all of them otherwise."""
        pages = list(pages)
        if not self.date:
            return {}
        if isinstance(self.date, str):
            return {page.pk: resolve(page, self.date) for page in pages}
        rows = (
            self.model.objects.filter(pk__in=[page.pk for page in pages])
            .annotate(**{DATE_FIELD: self.date()})
            .values_list("pk", DATE_FIELD)
        )
        return dict(rows)

    def year_of(self, page) -> str:
        return year_of_date(self.date_of(page))

    def theme_slugs_and_names(self, page) -> list[tuple[str, str]]:
        if not self.themes:
            return []
        manager = resolve(page, self.themes)
        if manager is None:
            return []
        return [(theme.slug, theme.name) for theme in manager.all()]

    def region_of(self, page) -> str:
        if not self.region:
            return ""
        return str(resolve(page, self.region) or "")


def local_date(value) -> datetime.date | int | None:
    """A date as visitors read it: a datetime becomes its day in the site's time
    zone; a date, or a year (int), stays as it is."""
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def year_of_date(value) -> str:
    """The year facet of a date, a datetime or a year ("" if none)."""
    value = local_date(value)
    if value is None or value == "":
        return ""
    return str(value if isinstance(value, int) else value.year)


def date_iso(value) -> str | None:
    """The machine-readable date: "2021-01-20", or "2021" for a year."""
    value = local_date(value)
    if value is None or value == "":
        return None
    return str(value) if isinstance(value, int) else value.isoformat()


def date_label(value) -> str:
    """The date for the visitor, in the active language ("20 janvier 2021",
    "20 January 2021"), or the year alone."""
    value = local_date(value)
    if value is None or value == "":
        return ""
    return str(value) if isinstance(value, int) else formats.date_format(value, "j F Y")


@dataclass(frozen=True)
class ParentField:
    """A date held by the page's parent page (of `model_label`), as an expression:
    a booklet chapter takes its booklet's edition date. The engine's documents of
    the children are updated when such a parent is published (search/signals.py)."""

    model_label: str
    field_name: str

    def __call__(self) -> models.Expression:
        from wagtail.models import Page

        parents = apps.get_model(self.model_label).objects.filter(
            path=Left(OuterRef("path"), (OuterRef("depth") - 1) * Page.steplen)
        )
        return Subquery(parents.values(self.field_name)[:1])


def parent_field(model_label: str, field_name: str) -> ParentField:
    return ParentField(model_label, field_name)


def types_dated_by(model) -> list[SearchType]:
    """The registered types whose date a page of `model` holds for its children."""
    label = model._meta.label_lower
    return [
        t
        for t in search_types()
        if isinstance(t.date, ParentField) and t.date.model_label.lower() == label
    ]


_REGISTRY: dict[str, SearchType] = {}


def register(model_label: str, *, key: str, label, **options) -> SearchType:
    """Add (or replace) a searchable page model. `model_label` is "app.Model"."""
    search_type = SearchType(model_label=model_label, key=key, label=label, **options)
    _REGISTRY[model_label.lower()] = search_type
    return search_type


def unregister(model_label: str) -> None:
    _REGISTRY.pop(model_label.lower(), None)


def search_types() -> list[SearchType]:
    """Registered types whose app is installed, in registration order."""
    found = []
    for search_type in _REGISTRY.values():
        try:
            search_type.model  # noqa: B018
        except LookupError:
            continue
        found.append(search_type)
    return found


def type_keys() -> list[str]:
    return [search_type.key for search_type in search_types()]


def for_key(key: str) -> SearchType | None:
    return next((t for t in search_types() if t.key == key), None)


def for_model(model) -> SearchType | None:
    return _REGISTRY.get(model._meta.label_lower)


def resolve(obj, path: str | None):
    """Follow an ORM-style path ("venue_fabrique__region_name") on an instance."""
    if not path:
        return None
    value = obj
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
    return value


# The searchable text, from the model's search_fields ---------------------------


def searchable_text(obj, local_only: bool = False) -> list[str]:
    """The text of every SearchField of `obj`'s search_fields but its own title (the
    title is searched apart), related objects' fields included, StreamFields as their
    searchable content: what the database backend indexes as the body.
    `local_only` keeps the object's own columns (no query). A value already given by
    another field is left out (a Fabrique whose département and région are both
    "La Réunion"), so that excerpts do not repeat it."""
    parts: list[str] = []
    for search_field in type(obj).get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name == "title":
            continue
        if local_only and not is_local(obj, search_field):
            continue
        parts.extend(field_texts(obj, search_field))
    seen: set[str] = set()
    unique = []
    for part in parts:
        key = " ".join(part.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(part)
    return unique


def field_texts(obj, search_field) -> list[str]:
    if isinstance(search_field, index.SearchField):
        return flatten(search_field.get_value(obj))
    if not isinstance(search_field, index.RelatedFields):
        return []  # FilterField, AutocompleteField: not text to search
    related = search_field.get_value(obj)
    if related is None:
        return []
    if isinstance(related, models.Manager):
        related = related.all()
    elif callable(related):
        related = related()
    items = related if isinstance(related, models.QuerySet | list | tuple) else [related]
    parts = []
    for item in items:
        for sub_field in search_field.fields:
            parts.extend(field_texts(item, sub_field))
    return parts


def flatten(value) -> list[str]:
    """A field's searchable value as strings (StreamFields give lists, some dicts)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for item in value for text in flatten(item)]
    if isinstance(value, dict):
        return flatten(list(value.values()))
    return [str(value)]


def is_local(obj, search_field) -> bool:
    """A SearchField on a column of the object itself (read without a query)."""
    if not isinstance(search_field, index.SearchField):
        return False
    try:
        model_field = type(obj)._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        return False
    return model_field.concrete and not model_field.is_relation
