from urllib.parse import parse_qs, urlsplit

import pytest

from home.sharing import share_links

URL = "https://tiers-lieux.example/fr/actualites/rencontre/"
TITLE = "Retour sur la 1ère rencontre & ses ateliers"


def links_by_network():
    return {link.network: link.url for link in share_links(URL, TITLE, "mastodon.example")}


def test_every_network_is_offered():
    assert set(links_by_network()) == {"email", "linkedin", "mastodon", "facebook", "x"}


@pytest.mark.parametrize(
    ("network", "param", "expected"),
    [
        ("linkedin", "url", URL),
        ("facebook", "u", URL),
        ("x", "url", URL),
        ("x", "text", TITLE),
        ("mastodon", "text", f"{TITLE} {URL}"),
        ("email", "subject", TITLE),
    ],
)
def test_links_carry_the_url_and_title_encoded(network, param, expected):
    query = parse_qs(urlsplit(links_by_network()[network]).query)
    assert query[param] == [expected]


def test_mastodon_goes_to_the_configured_instance():
    assert urlsplit(links_by_network()["mastodon"]).netloc == "mastodon.example"
    link = share_links(URL, TITLE, "https://other.example/")[2]
    assert urlsplit(link.url).netloc == "other.example"


def test_no_tracking_parameters():
    for url in links_by_network().values():
        assert "utm_" not in url
