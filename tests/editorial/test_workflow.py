"""The "Relecture" workflow through the admin: Rédaction and Fabriques submit, Publication
approves or asks for changes with a comment, and the people concerned get an email."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, WorkflowState

from editorial.roles import WORKFLOW
from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION

from .conftest import fresh_page
from .forms import article_form, fabrique_form

pytestmark = pytest.mark.django_db


def submit(client, page, form) -> None:
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), form(page, **{"action-submit": "s"})
    )
    assert response.status_code == 302
    assert fresh_page(page).workflow_in_progress


def workflow_action(client, page, action: str, comment: str = "") -> None:
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    ("section", "form"), [("news", article_form), ("directory", fabrique_form)]
)
def test_the_reviewed_sections_use_relecture(site, section, form):
    page = {"news": site.article, "directory": site.my_fabrique}[section]
    assert page.get_workflow().name == WORKFLOW


def test_no_workflow_on_the_booklet(site):
    """Livret publishes its own chapters: no review, and no default workflow left."""
    assert site.chapter.get_workflow() is None


@pytest.mark.parametrize(
    ("role", "page_name", "form"),
    [(REDACTION, "article", article_form), (FABRIQUES, "my_fabrique", fabrique_form)],
)
def test_submission_notifies_publication_then_approval_publishes(
    client, site, role, page_name, form
):
    page = getattr(site, page_name)
    client.force_login(site.users[role])
    mail.outbox.clear()
    submit(client, page, lambda p, **kw: form(p, title="Relu et approuvé", **kw))
    reviewers = [message.to for message in mail.outbox]
    assert [site.users[PUBLICATION].email] in reviewers, reviewers
    assert Page.objects.get(pk=page.pk).title != "Relu et approuvé"

    client.force_login(site.users[PUBLICATION])
    mail.outbox.clear()
    workflow_action(client, page, "approve", "Très bien.")
    assert Page.objects.get(pk=page.pk).title == "Relu et approuvé"
    assert [site.users[role].email] in [message.to for message in mail.outbox]


def test_publication_asks_for_changes_with_a_comment(client, site):
    client.force_login(site.users[REDACTION])
    submit(client, site.article, lambda p, **kw: article_form(p, title="À revoir", **kw))

    client.force_login(site.users[PUBLICATION])
    mail.outbox.clear()
    workflow_action(client, site.article, "reject", "Le chapô est trop long.")
    page = fresh_page(site.article)
    assert not page.workflow_in_progress
    assert page.title != "À revoir"
    to_writer = [m for m in mail.outbox if m.to == [site.users[REDACTION].email]]
    assert to_writer, [m.to for m in mail.outbox]
    assert "Le chapô est trop long." in to_writer[0].body


@pytest.mark.parametrize("role", [REDACTION, LIVRET, FABRIQUES])
def test_only_publication_can_approve(client, site, role):
    client.force_login(site.users[REDACTION])
    submit(client, site.article, lambda p, **kw: article_form(p, title="Auto-approuvé", **kw))
    client.force_login(site.users[role])
    workflow_action(client, site.article, "approve")
    assert fresh_page(site.article).workflow_in_progress
    assert Page.objects.get(pk=site.article.pk).title != "Auto-approuvé"


def test_approval_is_refused_while_a_check_blocks(client, site):
    """The workflow's approval publishes too: a blocking problem stops it, and the
    reviewer lands in the editor, which says which check and why."""
    client.force_login(site.users[REDACTION])
    submit(client, site.article, lambda p, **kw: article_form(p, title="T" * 111, **kw))

    client.force_login(site.users[PUBLICATION])
    state = WorkflowState.objects.get(object_id=str(site.article.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[site.article.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url, {"comment": ""}, follow=True)
    texts = [str(message) for message in response.context["messages"]]
    assert any("Approbation refusée" in text for text in texts), texts
    assert any("Titre trop long" in text for text in texts), texts
    assert fresh_page(site.article).workflow_in_progress
    assert Page.objects.get(pk=site.article.pk).title != "T" * 111
