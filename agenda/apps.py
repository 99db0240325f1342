from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agenda"
    verbose_name = _("Événements")

    def ready(self):
        from home.searchable import register

        register(
            "agenda.EventPage",
            key="event",
            label=_("Événement"),
            date="start",
            themes="themes",
            region="venue_fabrique__region_name",
        )
