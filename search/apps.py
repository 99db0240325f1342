from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Recherche")

    def ready(self):
        # The searchable page types are registered by their own apps (home/searchable.py).
        from home import scheduling

        from . import signals  # noqa: F401
        from .tasks import replay_index_updates

        scheduling.register("replay_index_updates", replay_index_updates, every=60)
