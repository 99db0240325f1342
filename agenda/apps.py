from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def upcoming_events_section(home_page, request, context) -> dict:
    """The home page's next events in its language."""
    from .models import HOME_EVENTS_COUNT, EventPage

    events = EventPage.objects.for_listing(home_page.locale_id).upcoming()
    return {"upcoming_events": list(events[:HOME_EVENTS_COUNT])}


class AgendaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agenda"
    verbose_name = _("Événements")

    def ready(self):
        from home.searchable import register
        from home.sections import register_section

        register_section("upcoming_events", upcoming_events_section)

        register(
            "agenda.EventPage",
            key="event",
            label=_("Événement"),
            date="start",
            themes="themes",
            region="venue_fabrique__region_name",
        )
