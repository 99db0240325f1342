"""The Fabriques' fixed vocabularies and limits, shared by the model, the filters and the import."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_LABEL_YEAR = 2019  # the national call for "Fabriques de Territoire" opened in 2019
url_validator = URLValidator(schemes=["http", "https"])


class TerritoryType(models.TextChoices):
    RURAL = "rural", _("Rural")
    QPV = "qpv", _("Quartier prioritaire (QPV)")
    URBAN = "urban", _("Urbain")
    PERI_URBAN = "peri-urban", _("Périurbain")


# One home per concept: where a Fabrique is (a rural area, a priority neighbourhood) is
# its territory type, never a theme. The themes that say the same (kept for articles and
# events, which have no territory type) are not offered for a Fabrique, are refused by the
# import, and were taken off the Fabriques by migration 0004. Slugs of both languages.
TERRITORY_THEMES = {
    "ruralite": TerritoryType.RURAL,
    "rural-areas": TerritoryType.RURAL,
    "qpv": TerritoryType.QPV,
    "priority-neighbourhoods": TerritoryType.QPV,
}


class Structure(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SCIC = "scic", _("SCIC")
    SCOP = "scop", _("SCOP")
    COMPANY = "company", _("Société (SAS, SARL…)")
    PUBLIC = "public", _("Collectivité ou établissement public")
    OTHER = "other", _("Autre")
