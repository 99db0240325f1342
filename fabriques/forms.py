"""The Fabrique's page form: its territory is its territory type, not a theme."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import LocaleBoundPageForm

from .choices import TERRITORY_THEMES

TERRITORY_THEME_ERROR = _(
    "« %(themes)s » dit où se trouve la Fabrique : c'est son type de territoire, "
    "à choisir dans « type de territoire », pas une thématique."
)


class FabriquePageForm(LocaleBoundPageForm):
    """The themes that only restate a territory type are neither offered nor accepted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = self.fields.get("themes")
        if themes is not None:
            themes.widget.choices = [
                (value, label)
                for value, label in themes.choices
                if not (value and value.instance.slug in TERRITORY_THEMES)
            ]

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        territorial = [theme.name for theme in themes if theme.slug in TERRITORY_THEMES]
        if territorial:
            raise forms.ValidationError(
                TERRITORY_THEME_ERROR, params={"themes": ", ".join(territorial)}
            )
        return themes
