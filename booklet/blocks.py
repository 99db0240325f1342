"""Blocks of booklet chapters, on top of the shared body blocks of home/blocks.py."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import BodyStreamBlock


class WorkshopSummaryBlock(blocks.StructBlock):
    """What one workshop of the day said: who led it, who took part, what came out."""

    title = blocks.CharBlock(label=_("Titre de l'atelier"), max_length=200)
    theme = SnippetChooserBlock("home.Theme", label=_("Thématique"), required=False)
    facilitators = blocks.ListBlock(
        SnippetChooserBlock("home.Person", label=_("Personne")),
        label=_("Animation"),
        default=[],
        min_num=0,
    )
    fabriques = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="fabriques.FabriquePage", label=_("Fabrique")),
        label=_("Fabriques participantes"),
        default=[],
        min_num=0,
        help_text=_("Chaque Fabrique choisie affichera un lien vers ce chapitre."),
    )
    takeaways = blocks.ListBlock(
        blocks.CharBlock(label=_("Enseignement"), max_length=400),
        label=_("Enseignements clés"),
        default=[],
        min_num=0,
        help_text=_("Au moins un."),
    )
    needs = blocks.ListBlock(
        blocks.CharBlock(label=_("Besoin"), max_length=400),
        label=_("Besoins exprimés"),
        default=[],
        min_num=0,
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        fabrique_ids = [page.pk for page in value.get("fabriques") or [] if page]
        if len(fabrique_ids) != len(set(fabrique_ids)):
            errors["fabriques"] = ValidationError(
                _("Une même Fabrique est choisie deux fois : retirez le doublon.")
            )
        if not any((text or "").strip() for text in value.get("takeaways") or []):
            errors["takeaways"] = ValidationError(
                _("Atelier « %(title)s » : indiquez au moins un enseignement clé.")
                % {"title": value.get("title") or "?"}
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "group"
        label = _("Synthèse d'atelier")
        template = "booklet/blocks/workshop_summary_block.html"
        preview_value = {
            "title": "Gouvernance partagée",
            "takeaways": ["Partager les décisions prend du temps et se prépare."],
            "needs": ["Des outils simples pour décider ensemble."],
        }


class FootnoteBlock(blocks.StructBlock):
    """A note or a source: at the foot of the page in the PDF, set apart online."""

    text = blocks.TextBlock(label=_("Note"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=250)
    url = blocks.URLBlock(label=_("Adresse de la source"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and not value.get("source"):
            raise StructBlockValidationError(
                block_errors={
                    "source": ValidationError(
                        _("Nommez la source vers laquelle pointe l'adresse indiquée.")
                    )
                }
            )
        return value

    class Meta:
        icon = "info-circle"
        label = _("Note ou référence")
        template = "booklet/blocks/footnote_block.html"
        preview_value = {"text": "Chiffres communiqués par l'ANCT.", "source": "ANCT"}


class PageLinkCardBlock(blocks.StructBlock):
    """A card pointing at any page of the site: an article, an event, a Fabrique."""

    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Titre affiché"),
        required=False,
        max_length=200,
        help_text=_("Le titre de la page si vide."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=400)

    def clean(self, value):
        value = super().clean(value)
        page = value.get("page")
        if page is not None and not page.live and not is_booklet_page(page):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("La page « %(title)s » n'est pas publiée : le lien serait mort.")
                        % {"title": page.title}
                    )
                }
            )
        return value

    class Meta:
        icon = "doc-full"
        label = _("Carte vers une page")
        template = "booklet/blocks/page_link_card_block.html"


def is_booklet_page(page) -> bool:
    """Pages of a booklet go live together, so they may point at each other as drafts."""
    return page.specific_class is not None and page.specific_class._meta.app_label == "booklet"


class ChapterStreamBlock(BodyStreamBlock):
    """The shared body blocks, plus what a report of the day needs."""

    workshop_summary = WorkshopSummaryBlock()
    footnote = FootnoteBlock()
    page_card = PageLinkCardBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
