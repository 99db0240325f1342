from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "booklet"
    verbose_name = _("Livrets de restitution")

    def ready(self):
        from home.searchable import register

        from . import signals

        register(
            "booklet.BookletChapterPage",
            key="booklet",
            label=_("Livret"),
            date="first_published_at",
            themes=None,
        )

        signals.connect()
