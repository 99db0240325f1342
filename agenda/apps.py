from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The cached programme of an event shows these snippets: a change starts a new generation.
PROGRAMME_SNIPPETS = ("home.Person", "home.Theme", "home.Organisation")


class AgendaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agenda"
    verbose_name = _("Événements")

    def ready(self):
        from home.caching import new_generation
        from home.searchable import register

        register(
            "agenda.EventPage",
            key="event",
            label=_("Événement"),
            date="start",
            themes="themes",
            region="venue_fabrique__region_name",
        )

        for sender in PROGRAMME_SNIPPETS:
            for signal in (post_save, post_delete):
                signal.connect(
                    new_generation,
                    sender=sender,
                    dispatch_uid=f"agenda-generation-{signal is post_save}-{sender}",
                )
