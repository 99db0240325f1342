"""The roles' limits that Wagtail's page permissions cannot say, pre-publication checks in
the editor, and the dashboard panels."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from .checks import publication_problems
from .dashboard import dashboard_panels
from .models import REFUSED_PARAMETER

# "add" granted on a home page (Livret's) serves to create these there, nothing else: a
# page permission covers the whole subtree, so it would otherwise reach every section.
CREATABLE_WITH_HOME_RIGHTS = {"booklet.bookletpage"}


def require_publish_rights(request, page) -> None:
    """Deleting or moving a page is a publisher's act: a writer may only add and edit
    (Wagtail would let them delete their own drafts and move them within their section)."""
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied(_("Supprimer ou déplacer une page demande le droit de publier."))


@hooks.register("before_delete_page")
def delete_needs_publish_rights(request, page):
    require_publish_rights(request, page)


@hooks.register("before_move_page")
def move_needs_publish_rights(request, page, destination):
    require_publish_rights(request, page)


@hooks.register("before_bulk_action")
def bulk_needs_publish_rights(request, action_type, objects, action_class_instance):
    if action_type in ("delete", "move"):
        for page in objects:
            require_publish_rights(request, page)


@hooks.register("before_create_page")
def home_rights_create_booklets_only(request, parent_page, page_class):
    if request.user.is_superuser:
        return
    policy = PagePermissionPolicy()
    granted_at = [
        permission.page
        for permission in policy.get_cached_permissions_for_user(request.user)
        if permission.permission.codename == "add_page"
        and parent_page.path.startswith(permission.page.path)
    ]
    if any(page.specific_class._meta.label_lower != "home.homepage" for page in granted_at):
        return
    if (
        parent_page.specific_class._meta.label_lower == "home.homepage"
        and page_class._meta.label_lower in CREATABLE_WITH_HOME_RIGHTS
    ):
        return
    raise PermissionDenied(_("Vos droits sur la page d'accueil servent à créer des livrets."))


def show_problems(request, page) -> None:
    for problem in publication_problems(page):
        level = messages.error if problem.blocking else messages.warning
        level(request, problem.message)


@hooks.register("before_edit_page")
def checks_in_the_editor(request, page):
    """On opening the editor: what would block publication, and what deserves a look."""
    if request.method == "GET":
        if request.GET.get(REFUSED_PARAMETER):
            messages.error(
                request,
                _("Approbation refusée : la page a un problème qui bloque sa publication."),
            )
        show_problems(request, page.get_latest_revision_as_object())


@hooks.register("before_publish_page")
def checks_block_publication(request, page):
    """Publishing a page with a blocking problem: the draft is kept, publication refused,
    and the editor is told which check failed and why."""
    problems = [problem for problem in publication_problems(page) if problem.blocking]
    if not problems:
        return None
    messages.error(request, _("Publication refusée : la page est enregistrée comme brouillon."))
    for problem in problems:
        messages.error(request, problem.message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_homepage_panels")
def role_dashboard(request, panels):
    panels.extend(dashboard_panels(request.user))
