from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Editorial roles, the review workflow, pre-publication checks and dashboards."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Rôles éditoriaux")

    def ready(self):
        from . import signals

        signals.connect()
