"""The page form every content page uses: snippets chosen on a page are in its language.

A French article tagged with an English theme links to /fr/.../theme/back-to-work/, a
404; an English event crediting the French record of a person shows the French role.
So the theme, person and organisation fields (and those of inline panels) list only the
page's locale, and saving one of another locale, also through a StreamField chooser
block, is a form error in the editor's language rather than a broken public page.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.base import BlockField
from wagtail.models import Page, TranslatableMixin

from .queries import instances_in

OTHER_LOCALE = _(
    "Cet élément est dans une autre langue que la page : choisissez-en un dans la langue "
    "de la page (sa traduction, ou créez-la)."
)


def is_snippet_of_another_locale(value, locale_id: int) -> bool:
    return (
        isinstance(value, TranslatableMixin)
        and not isinstance(value, Page)
        and value.locale_id != locale_id
    )


def restrict_to_locale(form: forms.BaseForm, locale_id: int) -> None:
    """Offer and accept only the translatable snippets (not pages) of `locale_id`."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model = queryset.model
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page):
            field.queryset = queryset.filter(locale_id=locale_id)
            field.error_messages = {**field.error_messages, "invalid_choice": OTHER_LOCALE}


class LocaleBoundPageForm(WagtailAdminPageForm):
    """WagtailAdminPageForm whose snippet fields follow the page's locale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale_id = self.instance.locale_id
        if self.locale_id is None:  # a page under the root, locale not chosen yet
            return
        restrict_to_locale(self, self.locale_id)
        for formset in self.formsets.values():
            for child_form in formset.forms:
                restrict_to_locale(child_form, self.locale_id)

    def clean(self):
        cleaned_data = super().clean()
        if self.locale_id is None:
            return cleaned_data
        for name, field in self.fields.items():
            if not isinstance(field, BlockField) or name in self.errors:
                continue
            if any(
                is_snippet_of_another_locale(value, self.locale_id)
                for value in instances_in(cleaned_data.get(name))
            ):
                self.add_error(name, StreamBlockValidationError(non_block_errors=[OTHER_LOCALE]))
        return cleaned_data
