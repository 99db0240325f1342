from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button

from .models import BookletChapterPage, BookletPage
from .publishing import refusal
from .views import publish_booklet_view

PUBLISH_ALL_LABEL = _("Publier le livret et ses chapitres prêts")


@hooks.register("register_admin_urls")
def booklet_admin_urls():
    return [
        path(
            "booklets/<int:page_id>/publish/",
            publish_booklet_view,
            name="booklet_publish",
        )
    ]


def can_publish_booklet(page, user) -> bool:
    """A booklet the user may publish and that is not locked against them."""
    return isinstance(page.specific_deferred, BookletPage) and refusal(page, user) is None


def publish_booklet_buttons(page, user, priority: int):
    if can_publish_booklet(page, user):
        yield Button(
            PUBLISH_ALL_LABEL,
            url=reverse("booklet_publish", args=[page.pk]),
            icon_name="upload",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def publish_booklet_header_button(page, user, view_name, next_url=None):
    yield from publish_booklet_buttons(page, user, priority=5)


@hooks.register("register_page_listing_more_buttons")
def publish_booklet_listing_button(page, user, next_url=None):
    yield from publish_booklet_buttons(page, user, priority=1)


class PublishBookletMenuItem(ActionMenuItem):
    label = PUBLISH_ALL_LABEL
    name = "action-publish-booklet"
    icon_name = "upload"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, BookletPage)
            and not context.get("locked_for_user")
            and self.get_user_page_permissions_tester(context).can_publish()
        )

    def get_url(self, parent_context):
        return reverse("booklet_publish", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def publish_booklet_menu_item():
    return PublishBookletMenuItem(order=15)


@hooks.register("before_publish_page")
def chapter_waits_for_its_booklet(request, page):
    """Refuse to publish a chapter alone while its booklet is offline, and say why."""
    if not isinstance(page, BookletChapterPage):
        return None
    blocker = page.publication_blocker(go_live_at=page.go_live_at)
    if blocker is None:
        return None
    messages.error(request, blocker)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def bulk_publish_waits_for_booklets(request, action_type, objects, action_class_instance):
    """The same rule for the explorer's bulk "publish" action."""
    if action_type != "publish":
        return None
    for page in objects:
        if page.specific_class is BookletChapterPage:
            blocker = page.specific_deferred.publication_blocker()
            if blocker:
                messages.error(request, blocker)
                return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_edit_page")
def chapter_approval_waits_for_its_booklet(request, page):
    """A reviewer approving a chapter whose booklet is offline is told why it cannot be.

    Approving the last task publishes the chapter, which its booklet forbids while offline
    (the model would refuse halfway through the workflow action).
    """
    if request.method != "POST" or not isinstance(page, BookletChapterPage):
        return None
    if not request.POST.get("action-workflow-action"):
        return None
    if not request.POST.get("workflow-action-name", "").startswith("approve"):
        return None
    blocker = page.approval_blocker()
    if blocker is None:
        return None
    messages.error(request, blocker)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_unpublish_page")
def notify_cancelled_schedules(request, page):
    """Tell the editor which chapters' scheduled publications went with the booklet."""
    cancelled = getattr(page, "cancelled_schedules", None)
    if cancelled:
        messages.warning(
            request,
            _(
                "Le livret est hors ligne : la publication programmée de ces chapitres est "
                "annulée : %(titles)s. Programmez le livret et ses chapitres ensemble avec "
                "« Publier le livret et ses chapitres prêts »."
            )
            % {"titles": ", ".join(cancelled)},
        )
    return None


@hooks.register("before_edit_page")
def warn_reviewers_of_a_blocked_chapter(request, page):
    """A chapter under review whose booklet is offline: say so before anyone approves it."""
    if request.method != "GET" or not isinstance(page, BookletChapterPage):
        return None
    if page.workflow_in_progress and (blocker := page.approval_blocker()):
        messages.warning(request, blocker)
    return None
