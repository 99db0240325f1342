"""The demo loader builds a readable site and can run again without duplicating it."""

from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from articles.models import ArticlePage
from home.models import HomePage, Organisation, Person, Theme

SEED_ARTICLE = "/fr/actualites/retour-sur-la-1ere-rencontre-annuelle-des-fabriques-de-territoire/"


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module (it takes a few seconds)."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", "--site-url", "http://testserver", stdout=StringIO())
        yield
        # Leave the database as other modules expect it: no demo pages or snippets.
        for home in HomePage.objects.all():
            home.delete()
        for model in (Person, Organisation, Theme):
            model.objects.all().delete()
        get_image_model().objects.all().delete()
        root = Page.get_first_root_node()
        Site.objects.update(root_page=root)


@pytest.mark.django_db
class TestDemoContent:
    def test_builds_the_seed_content(self, demo_site):
        assert ArticlePage.objects.live().count() >= 14
        assert Theme.objects.filter(slug="gouvernance-partagee").exists()
        assert Person.objects.filter(name="Patrick Bouchain").exists()
        assert Organisation.objects.filter(acronym="DGEFP").exists()
        assert HomePage.objects.filter(locale__language_code="en").exists()

    def test_second_run_changes_nothing(self, demo_site):
        before = counts()
        call_command("load_demo_content", stdout=StringIO())
        assert counts() == before

    def test_seed_article_is_readable(self, client, demo_site):
        response = client.get(SEED_ARTICLE)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Retour sur la 1ère rencontre annuelle des Fabriques de Territoire" in html
        assert "Patrick Bouchain" in html
        assert "200" in html

    def test_every_live_page_renders(self, client, demo_site):
        pages = Page.objects.live().filter(depth__gt=1).specific()
        assert len(pages) >= 18
        for page in pages:
            response = client.get(page.url)
            assert response.status_code == 200, page.url

    def test_every_live_page_stays_within_12_queries(self, client, demo_site):
        """The budget holds on the real demo content (quotes, links, images, cards)."""
        pages = Page.objects.live().filter(depth__gt=1).specific()
        for page in pages:
            client.get(page.url)  # warm the caches: menu, translations, renditions
        over_budget = {}
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                client.get(page.url)
            if len(queries) > 12:
                over_budget[page.url] = len(queries)
        assert over_budget == {}

    def test_site_url_is_applied(self, demo_site):
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("testserver", 80)

    def test_bad_site_url_is_refused(self, demo_site):
        with pytest.raises(CommandError, match="not an http"):
            call_command("load_demo_content", "--site-url", "ftp:/nope", stdout=StringIO())
