"""The admin, as an editor uses it, asks no other host anything (issue 13, item 8).

tests/test_admin.py reads the dashboard's HTML; this drives a real browser through the
dashboard, a page editor and the image chooser, records every request the pages make
(scripts, styles, images, fetches) and fails on any host but the test server: an
avatar service, a release check or a web font would show here.
"""

import io

import pytest
from PIL import Image as PILImage
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

from .helpers import check_page, wait

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-1234"
CHOOSER_IMAGES = ".modal img, .modal [data-chooser-modal-choice]"


@pytest.fixture
def logged_in(web, live_server, django_user_model):
    """An editor signed in through the admin's own login form."""
    django_user_model.objects.create_superuser("redaction", "redaction@example.org", PASSWORD)
    web.get(live_server.url + "/admin/login/")
    web.find_element(By.NAME, "username").send_keys("redaction")
    web.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait(web, lambda b: b.current_url == live_server.url + "/admin/", message="not signed in")
    return web


@pytest.fixture
def article(live_home):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1d4e89").save(buffer, format="PNG")
    get_image_model().objects.create(
        title="Atelier à Guéret", file=ImageFile(io.BytesIO(buffer.getvalue()), name="atelier.png")
    )
    return ArticlePageFactory(parent=ArticleIndexPageFactory(parent=live_home))


def test_dashboard_editor_and_image_chooser_ask_no_other_host(logged_in, live_server, article):
    web = logged_in
    wait(web, lambda b: b.find_elements(By.CSS_SELECTOR, "main"), message="no dashboard")
    urls = check_page(web, live_server.url)
    assert live_server.url + "/admin/" in urls  # the log really saw the page

    web.get(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    chooser = wait(
        web,
        lambda b: next(
            (
                button
                for button in b.find_elements(
                    By.CSS_SELECTOR, "[data-chooser-action-choose], .chooser__choose-button"
                )
                if button.is_displayed()
            ),
            None,
        ),
        message="no image chooser button in the page editor",
    )
    urls = check_page(web, live_server.url)
    assert any("/static/wagtailadmin/" in url for url in urls)

    # A script click: the editor's sticky footer may cover the button at 1280x900.
    web.execute_script("arguments[0].click();", chooser)
    wait(
        web,
        lambda b: any(
            image.is_displayed() for image in b.find_elements(By.CSS_SELECTOR, CHOOSER_IMAGES)
        ),
        message="the image chooser did not list the image",
    )
    urls = check_page(web, live_server.url)
    assert any("/admin/images/chooser/" in url for url in urls)
