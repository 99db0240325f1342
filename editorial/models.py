"""The review task of the "Relecture" workflow."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask

REFUSED_PARAMETER = "approbation"


class ReviewTask(GroupApprovalTask):
    """Wagtail's group approval, except that approving a revision with a blocking
    pre-publication problem is refused: the reviewer is sent to the editor, which says
    why (editorial.wagtail_hooks.checks_in_the_editor). Publishing from the editor is
    checked by the before_publish_page hook; this closes the workflow's own path."""

    class Meta:
        verbose_name = _("relecture avant publication")
        verbose_name_plural = _("relectures avant publication")

    def on_action(self, task_state, user, action_name, **kwargs):
        from .checks import publication_problems

        if action_name == "approve":
            revision = task_state.revision
            page = revision.as_object()
            if any(problem.blocking for problem in publication_problems(page)):
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                return f"{url}?{REFUSED_PARAMETER}=refusee"
        return super().on_action(task_state, user, action_name, **kwargs)
