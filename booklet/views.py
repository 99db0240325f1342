"""Admin view: publish (or schedule) a booklet and its ready chapters in one action."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.widgets import AdminDateTimeInput

from .models import get_booklet_or_404
from .publishing import (
    BookletPublicationError,
    PublicationReport,
    plan_publication,
    publish_booklet,
    refusal,
)


class PublishBookletForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Publier à une date ultérieure"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Laissez vide pour publier tout de suite."),
    )

    def clean_go_live_at(self):
        value = self.cleaned_data["go_live_at"]
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Choisissez une date à venir, ou laissez vide."))
        return value


def publish_booklet_view(request, page_id: int):
    booklet = get_booklet_or_404(page_id)
    if refusal(booklet, request.user):  # no right on the booklet, or locked against the user
        raise PermissionDenied
    form = PublishBookletForm(request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = publish_booklet(
                booklet, user=request.user, go_live_at=form.cleaned_data["go_live_at"]
            )
        except BookletPublicationError as error:
            errors = error.messages
        else:
            report_to_editor(request, report)
            return redirect("wagtailadmin_explore", booklet.pk)
    status = 400 if errors or form.errors else 200
    return TemplateResponse(
        request,
        "booklet/admin/publish_booklet.html",
        {
            "booklet": booklet,
            "plan": plan_publication(booklet, request.user),
            "form": form,
            "errors": errors,
        },
        status=status,
    )


def report_to_editor(request, report: PublicationReport) -> None:
    """One message for what was published, one per chapter left out and why."""
    titles = ", ".join(report.published)
    if report.scheduled_for:
        messages.success(
            request,
            _("Publication programmée le %(date)s : %(titles)s.")
            % {
                "date": timezone.localtime(report.scheduled_for).strftime("%d/%m/%Y %H:%M"),
                "titles": titles,
            },
        )
    else:
        messages.success(request, _("Publiés ensemble : %(titles)s.") % {"titles": titles})
    for skipped in report.skipped:
        messages.warning(
            request,
            _("Chapitre « %(title)s » non publié : %(reason)s.")
            % {"title": skipped.chapter.title, "reason": skipped.reason},
        )
    if report.not_ready:
        messages.info(
            request,
            _("Restent en brouillon (pas marqués prêts) : %(titles)s.")
            % {"titles": ", ".join(report.not_ready)},
        )
