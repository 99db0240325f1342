"""The listing layer's rules, on their own (the listings' own tests cover their filters)."""

import django_filters
import pytest

from django.http import Http404, QueryDict

from home.listing import (
    YEAR,
    BadParameter,
    ListingFilterSet,
    facet,
    filter_url,
    page_number,
    paginate,
    single_values,
)
from home.models import Theme
from tests.factories import ThemeFactory


def query(text: str) -> QueryDict:
    return QueryDict(text)


class TestParameters:
    def test_single_values_are_stripped_and_empty_ones_dropped(self):
        assert single_values(query("a=+x+&b=&c=y"), ["a", "b", "c", "d"]) == {"a": "x", "c": "y"}

    def test_a_repeated_parameter_is_a_bad_request_naming_it(self):
        with pytest.raises(BadParameter, match="« a »"):
            single_values(query("a=1&a=2"), ["a"])

    @pytest.mark.parametrize(("raw", "expected"), [("", 1), ("page=", 1), ("page=4", 4)])
    def test_page_number(self, raw, expected):
        assert page_number(query(raw)) == expected

    @pytest.mark.parametrize("raw", ["page=abc", "page=-3", "page=0", "page=1.5", "page=1&page=2"])
    def test_a_malformed_page_is_a_bad_request(self, raw):
        with pytest.raises(BadParameter):
            page_number(query(raw))

    def test_paginate_past_the_end_is_not_found(self):
        assert list(paginate(range(25), query("page=3"), 10)) == [20, 21, 22, 23, 24]
        assert paginate([], query(""), 10).paginator.count == 0
        with pytest.raises(Http404):
            paginate(range(25), query("page=4"), 10)

    def test_filter_url_keeps_only_given_values(self):
        assert filter_url("/fr/agenda/") == "/fr/agenda/"
        assert filter_url("/fr/agenda/", theme="culture", year=None) == "/fr/agenda/?theme=culture"


class TestFacet:
    def test_all_link_then_values_with_results_and_the_current_one(self):
        built = facet(
            "theme",
            "Thématiques",
            all_label="Toutes",
            current="b",
            values=[("a", "A"), ("b", "B"), ("c", "C")],
            url_for=lambda value: f"?theme={value}" if value else "?",
            counts={"a": 2, "c": 0},
        )
        assert [(link.label, link.url, link.current, link.count) for link in built.links] == [
            ("Toutes", "?", False, None),
            ("A", "?theme=a", False, 2),
            ("B", "?theme=b", True, 0),
        ]
        assert built.current.label == "B"

    def test_without_counts_every_value_is_listed(self):
        built = facet(
            "format",
            "Format",
            all_label="Tous",
            current=None,
            values=[("a", "A"), ("b", "B")],
            url_for=lambda value: str(value),
        )
        assert [link.label for link in built.links] == ["Tous", "A", "B"]
        assert built.links[0].current and built.current is None


class ThemeFilters(ListingFilterSet):
    """A tiny listing of themes, to exercise the FilterSet's rules."""

    name = django_filters.ChoiceFilter(field_name="slug")
    year = django_filters.ChoiceFilter(field_name="description")
    syntax = {"year": YEAR}

    def load_choices(self):
        return {
            "name": [("culture", "Culture"), ("emploi", "Emploi")],
            "year": [("2020", "2020")],
        }


@pytest.mark.django_db
class TestListingFilterSet:
    @pytest.fixture
    def themes(self, locale_fr):
        ThemeFactory(slug="culture", name="Culture", description="2020", locale=locale_fr)
        ThemeFactory(slug="emploi", name="Emploi", description="2021", locale=locale_fr)
        return Theme.objects.all()

    def read(self, text, themes):
        return ThemeFilters(query(text), themes, base_url="/list/")

    def test_filters_the_queryset_and_counts_each_facet_under_the_other_filters(self, themes):
        filters = self.read("year=2020", themes)
        assert [theme.slug for theme in filters.qs] == ["culture"]
        assert filters.counts("name") == {"culture": 1}
        assert filters.counts("year") == {"2020": 1, "2021": 1}

    def test_urls_keep_the_declared_order_and_drop_the_page(self, themes):
        filters = self.read("page=2&year=2020&name=emploi&utm_source=x", themes)
        assert filters.url() == "/list/?name=emploi&year=2020"
        assert filters.url(name=None) == "/list/?year=2020"
        assert filters.label("name") == "Emploi"

    def test_values_are_read_stripped(self, themes):
        assert [theme.slug for theme in self.read("name=+culture+", themes).qs] == ["culture"]

    @pytest.mark.parametrize("text", ["name=culture&name=emploi", "year=20x0", "name=%3Cb%3E"])
    def test_repeated_or_malformed_is_a_bad_request(self, themes, text):
        with pytest.raises(BadParameter):
            self.read(text, themes)

    @pytest.mark.parametrize("text", ["name=inconnu", "year=1999"])
    def test_a_value_that_names_nothing_is_not_found(self, themes, text):
        with pytest.raises(Http404):
            self.read(text, themes)
