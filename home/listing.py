"""The one listing layer: strict query parameters, facet links and pagination.

The news, the agenda, the Fabriques directory and the site search read their
parameters here, under one policy:

- a repeated or malformed parameter is a 400 whose page says what to correct
  (`BadParameter`);
- a well-formed value that names nothing (a theme that does not exist, a year
  without content, a page past the end) is a 404 on a listing; the search, which
  accepts any words, answers it with an empty result instead.

Listings declare their filters as a django-filter FilterSet (`ListingFilterSet`);
every filter is a choice whose values the listing computes per request (themes of
its language, years with content, regions of its places), so "names nothing" is
simply "not among the choices".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import django_filters

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Count, F, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

SLUG = re.compile(r"[-\w]{1,100}")
YEAR = re.compile(r"\d{4}")
PAGE = re.compile(r"[1-9]\d{0,5}")
FREE_TEXT = re.compile(r"[^\x00-\x08\x0b-\x1f\x7f]{0,100}")


class BadParameter(BadRequest):
    """A parameter the visitor must correct: answered with a 400 and this message."""


def single_values(query: QueryDict, names: Iterable[str]) -> dict[str, str]:
    """The stripped value of each of `names` given in the query; a repeated one is a 400."""
    values = {}
    for name in names:
        given = query.getlist(name)
        if len(given) > 1:
            raise BadParameter(
                _("Le paramètre « %(name)s » est répété : donnez-le une seule fois.")
                % {"name": name}
            )
        if given and given[0].strip():
            values[name] = given[0].strip()
    return values


def page_number(query: QueryDict) -> int:
    """The `page` parameter: 1 when absent, a 400 unless a positive integer."""
    raw = single_values(query, ["page"]).get("page")
    if raw is None:
        return 1
    if not PAGE.fullmatch(raw):
        raise BadParameter(
            _("Numéro de page invalide « %(page)s » : indiquez un nombre entier positif.")
            % {"page": raw[:20]}
        )
    return int(raw)


def paginate(items, query: QueryDict, per_page: int) -> Page:
    """The requested page of `items`; a page past the end is a 404."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(page_number(query))
    except EmptyPage as exc:
        raise Http404(_("Cette page de la liste n'existe pas.")) from exc


def filter_url(base_url: str, **values: str | None) -> str:
    """A listing's URL with some filters set (a tag's link to its theme, say)."""
    query = urlencode({name: value for name, value in values.items() if value})
    return f"{base_url}?{query}" if query else base_url


@dataclass(frozen=True)
class FacetLink:
    """One value of a filter as a link: what it is, where it goes, how many it gives."""

    label: str
    url: str
    current: bool
    count: int | None = None


@dataclass
class Facet:
    """A group of filter links under a title (templates/includes/filter_group.html)."""

    name: str
    title: str
    links: list[FacetLink] = field(default_factory=list)

    @property
    def current(self) -> FacetLink | None:
        return next((link for link in self.links[1:] if link.current), None)


def facet(
    name: str,
    title: str,
    *,
    all_label: str,
    current: str | None,
    values: Iterable[tuple[str, str]],
    url_for: Callable[[str | None], str],
    counts: Mapping[str, int] | None = None,
) -> Facet:
    """The "all" link, then each value in the given order.

    With `counts`, a value shows its count and only values that give results (under
    the other filters) are listed, plus the current one so it can be seen and cleared.
    """
    links = [FacetLink(all_label, url_for(None), current is None)]
    for value, label in values:
        count = counts.get(value, 0) if counts is not None else None
        if counts is not None and not count and value != current:
            continue
        links.append(FacetLink(str(label), url_for(value), value == current, count))
    return Facet(name, title, links)


def group_counts(queryset: QuerySet, expression) -> dict[str, int]:
    """How many distinct items of `queryset` have each value of `expression`, in one query."""
    rows = (
        queryset.order_by()
        .annotate(facet_value=expression)
        .values("facet_value")
        .annotate(n=Count("pk", distinct=True))
        .values_list("facet_value", "n")
    )
    return {str(value): n for value, n in rows if value not in (None, "")}


class ListingFilterSet(django_filters.FilterSet):
    """A FilterSet read strictly (see the module's policy), with facet links.

    Subclasses declare ChoiceFilters and fill their choices in `load_choices()`;
    `syntax` gives the pattern a value must match to be well formed (SLUG by default).
    """

    syntax: dict[str, re.Pattern] = {}
    # Filters a facet's counts disregard besides its own (see fabriques.directory).
    facet_ignores: dict[str, tuple[str, ...]] = {}
    # The value a facet counts when it is not the filter's field (a year of a date).
    count_expressions: dict[str, Any] = {}

    def __init__(self, query: QueryDict, queryset: QuerySet, *, base_url: str, **context: Any):
        self.raw = single_values(query, self.base_filters)
        super().__init__(self.raw, queryset)  # the form sees the stripped values only
        self.base_url = base_url
        self.context = context
        for name, value in self.raw.items():
            if not self.syntax.get(name, SLUG).fullmatch(value):
                raise BadParameter(
                    _("Valeur mal formée pour « %(name)s » : « %(value)s ».")
                    % {"name": name, "value": value[:40]}
                )
        self.choices = self.load_choices()
        for name, choices in self.choices.items():
            self.filters[name].extra["choices"] = choices
        if not self.form.is_valid():
            names = ", ".join(self.form.errors)
            raise Http404(
                _("Aucun contenu ne correspond à ce filtre (%(names)s).") % {"names": names}
            )
        self.check_combination()

    def load_choices(self) -> dict[str, list[tuple[str, str]]]:
        """The (value, label) pairs each filter accepts, in display order."""
        return {}

    def check_combination(self) -> None:
        """Raise Http404 for values that exist but not together (override if needed)."""

    # The filter state ----------------------------------------------------------

    def value(self, name: str) -> str | None:
        return self.raw.get(name)

    def label(self, name: str) -> str | None:
        value = self.raw.get(name)
        return dict(self.choices.get(name, ())).get(value) if value else None

    @property
    def active(self) -> bool:
        return bool(self.raw)

    def state(self, **overrides: str | None) -> dict[str, str]:
        """The filter values with `overrides` applied (None clears), in declared order."""
        values = {**self.raw, **overrides}
        return {name: values[name] for name in self.filters if values.get(name)}

    def query_string(self, **overrides: str | None) -> str:
        return urlencode(self.state(**overrides))

    def url(self, **overrides: str | None) -> str:
        return filter_url(self.base_url, **self.state(**overrides))

    def link_state(self, name: str, value: str | None) -> dict[str, str | None]:
        """The overrides of a link that sets `name` to `value` (override to clear others)."""
        return {name: value}

    # Facets ----------------------------------------------------------------------

    def queryset_without(self, name: str) -> QuerySet:
        """The listing filtered by every filter but `name` (for that filter's counts)."""
        ignored = self.facet_ignores.get(name, (name,))
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other not in ignored:
                queryset = self.filters[other].filter(queryset, value)
        return queryset

    def counts(self, name: str) -> dict[str, int]:
        """How many items each value of `name` gives, with the other filters kept."""
        ignored = self.facet_ignores.get(name, (name,))
        others = {n: v for n, v in self.form.cleaned_data.items() if v and n not in ignored}
        if self.count_in_memory:
            return self.memory_counts(name, others)
        if not others:
            return self.unfiltered_counts(name)
        return group_counts(self.queryset_without(name), self.count_expression(name))

    def unfiltered_counts(self, name: str) -> dict[str, int]:
        """How many items of the whole listing have each value of `name` (computed once)."""
        cache = self.__dict__.setdefault("_unfiltered_counts", {})
        if name not in cache:
            cache[name] = group_counts(self.queryset, self.count_expression(name))
        return cache[name]

    # Counting in memory: one query reads the facet values of every item, whatever the
    # filters; for listings of hundreds of items (the directory), not for the news.

    count_in_memory = False
    memory_fields: tuple[str, ...] = ()

    def memory_items(self) -> dict[int, dict[str, Any]]:
        """Each item's values: a set per choice filter, plus `memory_fields` as read."""
        if not hasattr(self, "_memory_items"):
            names = [n for n, f in self.filters.items() if not f.method]
            paths = [self.filters[n].field_name for n in names]
            rows = self.queryset.order_by().values_list("pk", *paths, *self.memory_fields)
            items: dict[int, dict[str, Any]] = {}
            for pk, *values in rows:
                item = items.setdefault(pk, {n: set() for n in names})
                for n, value in zip(names, values, strict=False):
                    if value not in (None, ""):
                        item[n].add(str(value))
                item.update(zip(self.memory_fields, values[len(names) :], strict=True))
            self._memory_items = items
        return self._memory_items

    def memory_match(self, item: dict[str, Any], name: str, value: str) -> bool:
        """Whether an item passes one filter (override for filters with a method)."""
        return value in item[name]

    def memory_counts(self, name: str, others: dict[str, str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.memory_items().values():
            if all(self.memory_match(item, n, v) for n, v in others.items()):
                for value in item[name]:
                    counts[value] = counts.get(value, 0) + 1
        return counts

    def count_expression(self, name: str):
        return self.count_expressions.get(name) or F(self.filters[name].field_name)

    def facet(self, name: str, title: str, all_label: str, *, counted: bool = True) -> Facet:
        return facet(
            name,
            title,
            all_label=all_label,
            current=self.value(name),
            values=self.choices.get(name, ()),
            url_for=lambda value: self.url(**self.link_state(name, value)),
            counts=self.counts(name) if counted else None,
        )
