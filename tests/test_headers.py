"""Security headers on the public site and the admin."""

import pytest

from django.test import override_settings


@pytest.mark.django_db
class TestSecurityHeaders:
    def test_referrer_policy_is_sent(self, client, home):
        response = client.get(home.url)
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"

    @override_settings(
        SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=False
    )
    def test_hsts_on_a_secure_request(self, client, home):
        response = client.get(home.url, secure=True)
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

    @override_settings(SECURE_HSTS_SECONDS=31536000)
    def test_no_hsts_over_plain_http(self, client, home):
        assert "Strict-Transport-Security" not in client.get(home.url)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
class TestPermissionsPolicy:
    def test_powerful_features_are_off_on_the_public_site(self, client, home):
        header = client.get(home.url)["Permissions-Policy"]
        features = dict(item.split("=", 1) for item in header.split(", "))
        for feature in [
            "camera",
            "microphone",
            "geolocation",
            "payment",
            "usb",
            "interest-cohort",
            "browsing-topics",
        ]:
            assert features[feature] == "()", feature


@pytest.mark.django_db
class TestContentSecurityPolicy:
    def test_public_page_has_a_strict_policy(self, client, home):
        directives = csp_directives(client.get(home.url))
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["img-src"] == ["'self'", "data:"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]

    def test_no_inline_script_anywhere(self, client, home):
        header = client.get(home.url)["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header
        assert "'unsafe-eval'" not in header

    def test_frames_only_from_the_video_hosts(self, client, home):
        directives = csp_directives(client.get(home.url))
        assert set(directives["frame-src"]) == {
            "https://www.youtube.com",
            "https://player.vimeo.com",
        }

    def test_the_video_block_embeds_only_from_those_hosts(self, settings):
        providers = {
            provider["endpoint"]
            for finder in settings.WAGTAILEMBEDS_FINDERS
            for provider in finder["providers"]
        }
        assert providers == {
            "https://www.youtube.com/oembed",
            "https://www.vimeo.com/api/oembed.{format}",
        }

    @pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
    def test_admin_has_no_policy_of_ours(self, client, path):
        response = client.get(path)
        assert response.status_code == 200
        assert "Content-Security-Policy" not in response


@pytest.mark.parametrize(
    ("tile_url", "expected"),
    [
        ("", None),
        ("https://tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://tiles.example.org:8080/{z}/{x}/{y}.png", "http://tiles.example.org:8080"),
    ],
)
def test_tile_source_of_the_map(tile_url, expected):
    from tierslieux.settings.security import content_security_policy, tile_source

    assert tile_source(tile_url) == expected
    img_src = content_security_policy(tile_url)["DIRECTIVES"]["img-src"]
    assert img_src == ["'self'", "data:"] + ([expected] if expected else [])
