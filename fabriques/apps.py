from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FabriquesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabriques"
    verbose_name = _("Fabriques de Territoire")

    def ready(self):
        from home.searchable import register

        register(
            "fabriques.FabriquePage",
            key="fabrique",
            label=_("Fabrique de Territoire"),
            date="first_published_at",
            themes="themes",
            region="region_name",
        )
