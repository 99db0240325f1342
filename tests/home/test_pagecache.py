"""The page cache (home/pagecache.py): what is kept, under which key, and when it goes."""

import pytest

from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import override_settings

from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from home.pagecache import HEADER
from tests.factories import ArticlePageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings turn the page cache off; here it is what is tested."""
    settings.PAGE_CACHE_TIMEOUT = 3600


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Rencontre à Brest")


def state(response) -> str | None:
    """ "hit", "miss" (kept now) or None (not kept)."""
    return response.get(HEADER)


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


class TestWhatIsKept:
    def test_an_anonymous_page_is_kept_then_served_without_a_query(
        self, client, article, django_assert_num_queries
    ):
        first = client.get(article.url)
        assert (first.status_code, state(first)) == (200, "miss")
        with django_assert_num_queries(0):
            second = client.get(article.url)
        assert state(second) == "hit"
        assert second.content == first.content
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]

    def test_a_kept_page_may_be_kept_by_a_front_cache_until_purged(self, client, article):
        cache_control = client.get(article.url)["Cache-Control"]
        assert "public" in cache_control
        assert "s-maxage=86400" in cache_control
        assert "max-age=0" in cache_control

    def test_never_for_a_logged_in_user(self, client, article, admin_user):
        client.force_login(admin_user)
        for _ in range(2):
            response = client.get(article.url)
            assert response.status_code == 200
            assert state(response) is None
            assert "private" in response["Cache-Control"]
        client.logout()
        assert state(client.get(article.url)) == "miss"

    def test_never_for_a_visitor_with_messages(self, client, article):
        client.cookies["messages"] = "x"
        assert state(client.get(article.url)) is None
        assert state(client.get(article.url)) is None

    def test_never_a_response_that_sets_a_cookie_or_carries_messages(self, rf, article):
        from home.pagecache import PageCacheMiddleware

        def view_with_message(request):
            from django.http import HttpResponse

            response = HttpResponse("page")
            storage = CookieStorage(request)
            storage.add(constants.INFO, "Enregistré")
            storage.update(response)
            return response

        middleware = PageCacheMiddleware(view_with_message)
        for _ in range(2):
            response = middleware(rf.get(article.url))
            assert "messages" in response.cookies
            assert state(response) is None

    def test_never_a_private_page(self, client, article):
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
        for _ in range(2):
            response = client.get(article.url)
            assert b"Rencontre" not in response.content or response.status_code != 200
            assert state(response) is None
        PageViewRestriction.objects.filter(page=article).update(restriction_type="login")
        for _ in range(2):
            response = client.get(article.url)
            assert response.status_code == 302
            assert state(response) is None

    def test_never_an_error(self, client, news_index):
        for _ in range(2):
            response = client.get(news_index.url + "nothing-here/")
            assert response.status_code == 404
            assert state(response) is None

    @override_settings(PAGE_CACHE_TIMEOUT=0)
    def test_off_with_a_zero_timeout(self, client, article):
        assert state(client.get(article.url)) is None
        assert state(client.get(article.url)) is None


class TestKeys:
    def test_host_variants_share_an_entry(self, client, article):
        assert state(client.get(article.url, HTTP_HOST="TestServer")) == "miss"
        assert state(client.get(article.url, HTTP_HOST="testserver:80")) == "hit"

    def test_the_query_is_sorted_and_part_of_the_key(self, client, news_index, article):
        year = article.date.year
        assert state(client.get(news_index.url + f"?year={year}&page=1")) == "miss"
        assert state(client.get(news_index.url + f"?page=1&year={year}")) == "hit"
        assert state(client.get(news_index.url + f"?year={year}")) == "miss"

    def test_the_language_is_part_of_the_key(self, client, article):
        """The search API takes its language from the request, not from the path."""
        fr = client.get("/api/search/?q=brest", HTTP_ACCEPT_LANGUAGE="fr")
        en = client.get("/api/search/?q=brest", HTTP_ACCEPT_LANGUAGE="en")
        assert (state(fr), state(en)) == ("miss", "miss")
        assert state(client.get("/api/search/?q=brest", HTTP_ACCEPT_LANGUAGE="en")) == "hit"


class TestPurge:
    """Any change a page may show starts a new content generation: the next request is a
    miss that shows the change (home/signals.py)."""

    def warm(self, client, url) -> None:
        client.get(url)
        assert state(client.get(url)) == "hit"

    def test_publishing_the_page(self, client, article):
        self.warm(client, article.url)
        publish(article, title="Rencontre à Rennes")
        response = client.get(article.url)
        assert state(response) == "miss"
        assert "Rencontre à Rennes" in response.text

    def test_publishing_a_page_it_lists(self, client, news_index, article):
        self.warm(client, news_index.url)
        publish(article, title="Rencontre à Quimper")
        assert "Rencontre à Quimper" in client.get(news_index.url).text

    def test_renaming_a_section_in_the_menu(self, client, news_index, article):
        self.warm(client, article.url)
        publish(news_index, title="Nouvelles")
        assert "Nouvelles" in client.get(article.url).text

    def test_unpublishing_and_deleting(self, client, news_index, article):
        self.warm(client, article.url)
        article.unpublish()
        assert client.get(article.url).status_code == 404
        self.warm(client, news_index.url)
        article.delete()
        assert "Rencontre à Brest" not in client.get(news_index.url).text

    def test_moving(self, client, home, news_index, article):
        url = article.url
        self.warm(client, url)
        article.move(home, pos="last-child")
        assert client.get(url).status_code in (301, 404)  # Wagtail may leave a redirect

    def test_saving_a_snippet(self, client, news_index, locale_fr):
        theme = ThemeFactory(name="Culture", locale=locale_fr)
        article = ArticlePageFactory(parent=news_index, themes=[theme])
        self.warm(client, article.url)
        theme.name = "Arts et culture"
        theme.save()
        assert "Arts et culture" in client.get(article.url).text

    def test_saving_the_site_settings(self, client, article):
        self.warm(client, article.url)
        settings = SiteSettings.for_site(article.get_site())
        settings.tagline = "Un slogan tout neuf"
        settings.save()
        assert "Un slogan tout neuf" in client.get(article.url).text


class TestFrontCachePurge:
    def test_one_ban_of_the_whole_site_after_the_commit(self, article, news_index, monkeypatch):
        from django.db import connection

        from home import caching

        bans = []
        monkeypatch.setattr(caching, "purge_front_cache", lambda: bans.append(1))
        publish(article, title="Rencontre à Vannes")
        publish(news_index, title="Nouvelles")
        assert bans == []  # not before the commit
        ours = [
            entry[1]
            for entry in connection.run_on_commit
            if entry[1] is caching._bump_and_purge_front_cache
        ]
        assert len(ours) == 1  # once per transaction
        before = caching.generation()
        ours[0]()  # the commit
        assert bans == [1]
        assert caching.generation() > before

    def test_the_ban_reaches_the_front_cache(self, home):
        """VarnishBanBackend sends BAN / for each site to FRONTEND_CACHE_URL, from the
        publishing process itself: with a task queue that runs nothing (a worker down),
        the ban still arrives, so the next visitor gets the new page."""
        import threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        from home.caching import purge_front_cache

        received = []

        class Handler(BaseHTTPRequestHandler):
            def do_BAN(self):
                received.append((self.path, self.headers["Host"]))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.handle_request)
        thread.start()
        location = f"http://127.0.0.1:{server.server_port}"
        backend = {"BACKEND": "tierslieux.cache_backends.VarnishBanBackend", "LOCATION": location}
        try:
            with override_settings(
                WAGTAILFRONTENDCACHE={"varnish0": backend},
                TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
            ):
                purge_front_cache()
            thread.join(timeout=10)
        finally:
            server.server_close()
        site = home.get_site()
        assert received == [
            ("/", f"{site.hostname}:{site.port}" if site.port != 80 else site.hostname)
        ]
