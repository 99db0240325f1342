from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "booklet"
    verbose_name = _("Livrets de restitution")

    def ready(self):
        from home.searchable import parent_field, register

        from . import signals

        register(
            "booklet.BookletChapterPage",
            key="booklet",
            label=_("Livret"),
            # A chapter is dated by its booklet's edition, not by its publication.
            date=parent_field("booklet.BookletPage", "edition_date"),
            themes=None,
        )

        signals.connect()
