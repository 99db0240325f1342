from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The cached programme of an event shows these snippets: a change starts a new generation.
PROGRAMME_SNIPPETS = ("home.Person", "home.Theme", "home.Organisation")


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
        from home.caching import new_generation
        from home.sections import register_section

        register_section("upcoming_events", upcoming_events_section)

        for sender in PROGRAMME_SNIPPETS:
            for signal in (post_save, post_delete):
                signal.connect(
                    new_generation,
                    sender=sender,
                    dispatch_uid=f"agenda-generation-{signal is post_save}-{sender}",
                )
