"""The programme of an event: ordered sessions and workshops (ateliers)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class ProgrammeItemBlock(blocks.StructBlock):
    """A session of the programme: a talk, a round table or a workshop."""

    kind = blocks.ChoiceBlock(
        label=_("Type"),
        choices=[
            ("session", _("Séquence")),
            ("workshop", _("Atelier")),
            ("break", _("Pause")),
        ],
        default="session",
    )
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    start_time = blocks.TimeBlock(label=_("Heure de début"), required=False)
    end_time = blocks.TimeBlock(label=_("Heure de fin"), required=False)
    theme = SnippetChooserBlock("home.Theme", label=_("Thématique"), required=False)
    facilitators = blocks.ListBlock(
        SnippetChooserBlock("home.Person", label=_("Personne")),
        label=_("Intervenants ou animateurs"),
        default=[],
    )
    summary = blocks.RichTextBlock(
        label=_("Résumé"), features=["bold", "italic", "link", "ul"], required=False
    )
    fabriques = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="fabriques.FabriquePage", label=_("Fabrique")),
        label=_("Fabriques participantes"),
        default=[],
    )
    summary_page = blocks.PageChooserBlock(
        label=_("Chapitre du livret qui en fait la synthèse"),
        help_text=_("La page (chapitre du livret ou article) qui résume cet atelier."),
        required=False,
    )

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if end and not start:
            raise StructBlockValidationError(
                block_errors={
                    "start_time": ValidationError(
                        _("Indiquez l'heure de début si vous indiquez l'heure de fin.")
                    )
                }
            )
        if start and end and end <= start:
            raise StructBlockValidationError(
                block_errors={
                    "end_time": ValidationError(
                        _("L'heure de fin doit être postérieure à l'heure de début.")
                    )
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Séquence ou atelier")
        template = "agenda/blocks/programme_item_block.html"
        preview_value = {
            "kind": "workshop",
            "title": "Gouvernance partagée",
            "summary": "<p>Comment associer usagers et partenaires aux décisions.</p>",
        }


class ProgrammeStreamBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()

    class Meta:
        icon = "list-ol"
        label = _("Programme")
        template = "agenda/blocks/programme_stream_block.html"
