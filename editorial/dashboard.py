"""The admin dashboard per role: lists of the pages a user works on, a bounded number of
queries each (one query per list, pages fetched with their locale)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION

LIMIT = 10


def pages_in_scope(user):
    """The pages a user works on: those their groups may edit, plus assigned Fabriques."""
    if user.is_superuser:
        return Page.objects.all()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    owned = Page.objects.filter(owner=user)
    return Page.objects.filter(
        Q(pk__in=editable.values("pk"))
        | Q(pk__in=owned.values("pk"))
        | Q(pk__in=my_fabriques(user))
    ).exclude(depth=1)


def my_fabriques(user):
    """The Fabrique profiles assigned to the user, in every language."""
    return Page.objects.filter(
        translation_key__in=user.fabriques_edited.values("fabrique__translation_key")
    ).order_by("title")


def my_drafts(user):
    return (
        pages_in_scope(user)
        .filter(Q(owner=user) | Q(latest_revision__user=user), has_unpublished_changes=True)
        .order_by("-latest_revision_created_at")
    )


def scheduled(user):
    """Pages with an approved go-live date ahead, and live pages with an expiry ahead."""
    return (
        pages_in_scope(user)
        .annotate_approved_schedule()
        .filter(Q(_approved_schedule=True) | Q(live=True, expire_at__gt=Now()))
        .order_by("go_live_at", "expire_at")
    )


def recently_published(user):
    return (
        pages_in_scope(user)
        .filter(live=True)
        .exclude(last_published_at=None)
        .order_by("-last_published_at")
    )


def outdated_translations(user):
    """Translations whose source page (same translation_key, default language) was
    published after them: their text may no longer say the same."""
    newer_source = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
        last_published_at__gt=OuterRef("last_published_at"),
    )
    return (
        pages_in_scope(user)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(last_published_at=None)
        .filter(Exists(newer_source))
        .order_by("title")
    )


class PageListPanel(Component):
    """One list of pages on the dashboard, with links to edit them."""

    template_name = "editorial/page_list_panel.html"

    def __init__(self, name: str, heading, pages, empty, order: int):
        self.name = name
        self.heading = heading
        self.pages = pages
        self.empty = empty
        self.order = order

    def get_context_data(self, parent_context):
        return {
            "name": self.name,
            "heading": self.heading,
            "pages": list(self.pages.select_related("locale")[:LIMIT]),
            "empty": self.empty,
        }


# Panel name -> (heading, pages for the user, empty text, order, roles it is shown to).
PANELS = {
    "my_fabriques": (
        _("Mes Fabriques"),
        my_fabriques,
        _("Aucune Fabrique ne vous est confiée."),
        {FABRIQUES},
    ),
    "my_drafts": (
        _("Mes brouillons"),
        my_drafts,
        _("Aucun brouillon en cours."),
        {REDACTION, LIVRET, FABRIQUES, PUBLICATION},
    ),
    "scheduled": (
        _("Publications programmées"),
        scheduled,
        _("Rien n'est programmé."),
        {REDACTION, PUBLICATION, LIVRET},
    ),
    "recently_published": (
        _("Publié récemment"),
        recently_published,
        _("Rien de publié récemment."),
        {REDACTION, PUBLICATION, LIVRET, FABRIQUES},
    ),
    "outdated_translations": (
        _("Traductions en retard sur leur source"),
        outdated_translations,
        _("Toutes les traductions sont à jour."),
        {PUBLICATION, LIVRET},
    ),
}


def dashboard_panels(user) -> list[PageListPanel]:
    """The panels of the user's roles ("awaiting my review" is Wagtail's own panel,
    shown to the reviewers of the Relecture task); superusers see them all."""
    roles = set(user.groups.values_list("name", flat=True))
    return [
        PageListPanel(name, heading, pages(user), empty, order=400 + index)
        for index, (name, (heading, pages, empty, shown_to)) in enumerate(PANELS.items())
        if user.is_superuser or roles & shown_to
    ]
