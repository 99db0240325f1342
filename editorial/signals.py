"""New section indexes and home pages get the roles' rights and the review workflow."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_save

from .roles import PAGE_PERMISSIONS, grant_page_roles


def connect() -> None:
    for app_label, model_name in PAGE_PERMISSIONS:
        post_save.connect(
            page_created,
            sender=apps.get_model(app_label, model_name),
            dispatch_uid=f"editorial-roles-{app_label}-{model_name}",
        )


def page_created(sender, instance, created, raw=False, **kwargs) -> None:
    """A section index made after the migration (the demo, a translation) needs its rights
    as much as one that existed then."""
    if created and not raw:
        meta = sender._meta
        grant_page_roles(apps, instance.pk, (meta.app_label, meta.model_name))
