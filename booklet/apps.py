from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "booklet"
    verbose_name = _("Livrets de restitution")

    def ready(self):
        from . import signals

        signals.connect()
