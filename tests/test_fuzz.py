"""Property-based fuzz of every public query parameter: no answer is ever a 500.

Hypothesis sends each listing, feed, calendar, open-data file and API arbitrary values
for its own parameters (repeated, empty, huge, control characters, NUL bytes, any
Unicode), plus unknown ones, on the site of the hostile visibility test. A bad value
must be a 400 or a 404 with a message, never a server error. In CI the examples are
derived from the test itself (HYPOTHESIS_PROFILE=ci: derandomize), so a run is
reproducible; on a developer's machine they vary from run to run.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.home.test_visibility import build_site
from tests.shared_data import shared_data

pytestmark = pytest.mark.slow

# Every public endpoint that reads the query string, with the parameters it knows.
ENDPOINTS = {
    "/fr/actualites/": ["theme", "year", "page"],
    "/fr/actualites/rss/": ["theme", "year", "page"],
    "/fr/actualites/atom/": ["theme", "year", "page"],
    "/fr/agenda/": ["theme", "format", "region", "page"],
    "/fr/agenda/ical/": ["theme", "format", "region"],
    "/fr/fabriques/": ["region", "departement", "theme", "type", "q", "page"],
    "/fr/fabriques/csv/": ["region", "departement", "theme", "type", "q"],
    "/fr/fabriques/geojson/": ["region", "departement", "theme", "type", "q"],
    "/fr/search/": ["q", "type", "theme", "region", "year", "page"],
    "/en/search/": ["q", "type", "theme", "region", "year", "page"],
    "/api/search/": ["q", "type", "theme", "region", "year", "page", "lang"],
    "/api/search/autocomplete/": ["q", "lang"],
    "/api/v2/pages/": [
        "type",
        "fields",
        "limit",
        "offset",
        "order",
        "search",
        "child_of",
        "locale",
    ],
    "/sitemap.xml": ["p"],
}
# Path parameters, fuzzed as a path segment.
PATH_ENDPOINTS = ["/fr/agenda/ical/theme/{}/", "/fr/actualites/theme/{}/"]

TRICKY = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1e9",
        "99999999999999999999999",
        "2020",
        "culture",
        "fr",
        "en",
        "article",
        "%00",
        "\x00",
        "a\x00b",
        "' OR 1=1 --",
        '"',
        "\\",
        "*",
        "?",
        "(",
        "[",
        "~",
        "AND OR NOT",
        "é" * 300,
        "x" * 5000,
        "\ufeff",
        "\u202e",
        "../../etc/passwd",
        "<script>",
        "NaN",
    ]
)
# Any text but lone surrogates, which no URL can carry.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
VALUE = st.one_of(TRICKY, TEXT, st.integers(-(10**20), 10**20).map(str))


def query(names: list[str]):
    """A query: some of the endpoint's parameters (sometimes repeated), maybe unknown ones."""
    known = st.lists(st.tuples(st.sampled_from(names), VALUE), max_size=4)
    unknown = st.lists(
        st.tuples(st.sampled_from(["utm_source", "x", "page[]", ""]), VALUE), max_size=1
    )
    return st.tuples(known, unknown).map(lambda parts: parts[0] + parts[1])


def encoded(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


@pytest.fixture(scope="module")
def _site(django_db_setup, django_db_blocker):
    yield from shared_data(django_db_blocker, build_site)


FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_no_query_gives_a_server_error(client, _site, path):
    @FUZZ
    @given(pairs=query(ENDPOINTS[path]))
    def check(pairs):
        url = f"{path}?{encoded(pairs)}"
        response = client.get(url)
        assert response.status_code < 500, url

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("template", PATH_ENDPOINTS)
def test_no_path_segment_gives_a_server_error(client, _site, template):
    @FUZZ
    @given(segment=st.one_of(TRICKY, TEXT).filter(lambda s: "/" not in s and s))
    def check(segment):
        url = template.format(quote(segment, safe=""))
        assert client.get(url).status_code < 500, url

    check()
