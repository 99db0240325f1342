"""The Livret group's rights: the booklets and their chapters, nothing else."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from home.roles import LIVRET as BOOKLET_EDITORS

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def booklet_editors() -> Group | None:
    return Group.objects.filter(name=BOOKLET_EDITORS).first()


def grant_booklet_editors(booklet) -> None:
    """Give the group rights on this booklet's subtree (the booklet and its chapters)."""
    group = booklet_editors()
    if group is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=booklet.pk, permission=permission
        )
