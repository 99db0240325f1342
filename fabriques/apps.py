from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def directory_section(home_page, request, context) -> dict:
    """The home page's link to the directory of its language, with its count of Fabriques."""
    from .models import FabriqueIndexPage

    return {"fabriques_directory": FabriqueIndexPage.for_home(home_page.locale_id)}


class FabriquesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabriques"
    verbose_name = _("Fabriques de Territoire")

    def ready(self):
        from home.searchable import register
        from home.sections import register_section

        register(
            "fabriques.FabriquePage",
            key="fabrique",
            label=_("Fabrique de Territoire"),
            # Dated by the year of its label (none if unknown), not by its publication.
            date="year_labelled",
            themes="themes",
            region="region_name",
        )

        register_section("fabriques_directory", directory_section)
