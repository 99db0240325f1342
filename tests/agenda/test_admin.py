import pytest

from tests.factories import EventPageFactory


@pytest.mark.django_db
class TestEventAdmin:
    def test_edit_form_and_preview(self, admin_client, agenda):
        event = EventPageFactory(parent=agenda)
        response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
        assert response.status_code == 200
        content = response.content.decode()
        for field in ("venue_fabrique", "registration_status", "speakers-TOTAL_FORMS", "programme"):
            assert field in content

    def test_article_edit_form_offers_an_event_chooser(self, admin_client, news_index):
        from tests.factories import ArticlePageFactory

        article = ArticlePageFactory(parent=news_index)
        response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
        assert response.status_code == 200
        assert 'name="event"' in response.content.decode()
