"""Which page models the site search covers, and how to read their facets.

Each searchable page model is registered once with a type key (the `type`
parameter and facet: "article", "event", "fabrique", "booklet") and ORM paths
telling where its date, themes, region and text live. The same paths serve the
engine documents (search/documents.py) and the database fallback's facets.

Another app registers its models with one call, for instance in its
AppConfig.ready() (or the lead, at merge time, in search/apps.py):

    from search.registry import register
    register("booklet.BookletChapterPage", key="booklet", label=_("Livret"),
             date="first_published_at", themes="themes", region=None,
             text=("intro", "body"))
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamField


@dataclass
class SearchType:
    model_label: str
    key: str
    label: Any
    date: str = "first_published_at"
    themes: str | None = "themes"
    region: str | None = None
    text: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    # Reading values from one page -------------------------------------------

    def date_of(self, page):
        return resolve(page, self.date)

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

    def text_of(self, page, local_only: bool = False) -> list[str]:
        """The searchable text of a page besides its title: fields, StreamField text,
        names of related objects (themes, people, organisations, places).
        `local_only` keeps the page's own columns (no query)."""
        parts: list[str] = []
        for path in self.text:
            if local_only and not is_local_column(page, path):
                continue
            parts.extend(text_values(page, path))
        return [part for part in parts if part and part.strip()]


def year_of_date(value) -> str:
    """The year facet of a date or datetime ("" if none); a datetime counts in
    the site's time zone, as visitors read it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return str(value.year)


_REGISTRY: dict[str, SearchType] = {}


def register(model_label: str, *, key: str, label, **options) -> SearchType:
    """Add (or replace) a searchable page model. `model_label` is "app.Model"."""
    search_type = SearchType(model_label=model_label, key=key, label=label, **options)
    _REGISTRY[model_label.lower()] = search_type
    return search_type


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


def is_local_column(obj, path: str) -> bool:
    if "__" in path:
        return False
    try:
        model_field = obj._meta.get_field(path)
    except Exception:
        return False
    return model_field.concrete and not model_field.is_relation


def text_values(obj, path: str) -> list[str]:
    *parents, last = path.split("__")
    owner = resolve(obj, "__".join(parents)) if parents else obj
    if owner is None:
        return []
    value = getattr(owner, last, None)
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return [str(item) for item in value.all()]
    try:
        model_field = owner._meta.get_field(last)
    except Exception:
        model_field = None
    if isinstance(model_field, StreamField):
        return [str(text) for text in model_field.get_searchable_content(value)]
    if isinstance(value, models.Model):
        return [str(value)]
    return [str(value)]


def register_site_types() -> None:
    """The page models of this project's own apps (called from SearchConfig.ready)."""
    register(
        "articles.ArticlePage",
        key="article",
        label=_("Article"),
        date="date",
        themes="themes",
        text=("intro", "body", "authors", "tags"),
    )
    register(
        "agenda.EventPage",
        key="event",
        label=_("Événement"),
        date="start",
        themes="themes",
        region="venue_fabrique__region_name",
        text=(
            "intro",
            "body",
            "venue_address",
            "venue_fabrique__title",
            "venue_fabrique__commune",
            "themes",
        ),
    )
    register(
        "fabriques.FabriquePage",
        key="fabrique",
        label=_("Fabrique de Territoire"),
        date="first_published_at",
        themes="themes",
        region="region_name",
        text=(
            "short_description",
            "body",
            "commune",
            "departement_name",
            "region_name",
            "themes",
        ),
    )
    register(
        "booklet.BookletChapterPage",
        key="booklet",
        label=_("Livret"),
        date="first_published_at",
        themes=None,
        text=("intro", "body"),
    )
