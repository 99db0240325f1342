import pytest

from django.core.cache import cache
from django.test import RequestFactory

from wagtail.models import Site

from home.caching import site_cache_key
from tests.factories import ArticlePageFactory

HOST_VARIANTS = ["TestServer", "testserver", "testserver:80"]


def cache_keys(fragment: str) -> list[str]:
    """The keys of the test cache (LocMemCache) that contain `fragment`."""
    return [key for key in cache._cache if fragment in key]


@pytest.mark.django_db
class TestSiteCacheKey:
    def test_host_variants_share_one_stream_entry(self, client, news_index):
        article = ArticlePageFactory(parent=news_index)
        for host in HOST_VARIANTS:
            response = client.get(article.url, HTTP_HOST=host)
            assert response.status_code == 200
            assert b"Les Fabriques de Territoire se rencontrent." in response.content
        assert len(cache_keys(f":stream:{article.pk}:")) == 1

    def test_host_variants_give_the_site_key(self, home):
        site = Site.objects.get(is_default_site=True)
        keys = {site_cache_key(RequestFactory().get("/", HTTP_HOST=host)) for host in HOST_VARIANTS}
        assert keys == {f"site-{site.pk}"}

    def test_without_a_site_the_host_is_normalised(self, db):
        Site.objects.all().delete()
        keys = {site_cache_key(RequestFactory().get("/", HTTP_HOST=host)) for host in HOST_VARIANTS}
        assert keys == {"host-testserver"}

    def test_no_request_has_a_key_of_its_own(self):
        assert site_cache_key(None) == "no-site"
