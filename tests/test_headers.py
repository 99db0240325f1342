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
