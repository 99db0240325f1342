from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Accueil et taxonomie")

    def ready(self):
        from . import scheduling, signals
        from .tasks import publish_scheduled_pages

        signals.connect()
        scheduling.register("publish_scheduled", publish_scheduled_pages, every=60)
