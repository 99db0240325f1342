"""StreamField blocks shared by articles, events and the booklet."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Les Fabriques de Territoire ont partagé leurs besoins.</p>"


class HeadingBlock(blocks.StructBlock):
    """A section heading; its anchor feeds tables of contents and deep links."""

    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )
    anchor = blocks.CharBlock(
        label=_("Ancre"),
        required=False,
        max_length=80,
        help_text=_("Identifiant du lien direct ; déduit du texte si vide."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value)
        return context

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor) != anchor:
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        _("Utilisez seulement des minuscules, chiffres et tirets (ex. : %(s)s).")
                        % {"s": slugify(anchor) or "ma-section"}
                    )
                }
            )
        return value

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Les ateliers de l'après-midi", "level": "h2"}


def heading_anchor(value) -> str:
    return value.get("anchor") or slugify(value.get("text", "")) or "section"


class QuoteBlock(blocks.StructBlock):
    """A quotation by a known Person, or by a name and role typed in."""

    text = blocks.TextBlock(label=_("Citation"))
    person = SnippetChooserBlock("home.Person", label=_("Personne"), required=False)
    name = blocks.CharBlock(label=_("Nom (si non listé)"), required=False, max_length=200)
    role = blocks.CharBlock(label=_("Fonction (si non listée)"), required=False, max_length=200)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("person") and not value.get("name"):
            raise StructBlockValidationError(
                block_errors={
                    "person": ValidationError(
                        _("Choisissez une personne ou saisissez le nom de l'auteur de la citation.")
                    )
                }
            )
        return value

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Laissons le permis de faire.",
            "name": "Patrick Bouchain",
            "role": "Architecte et urbaniste",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Décrivez l'image pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Crédit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Adresse de la vidéo"))
    title = blocks.CharBlock(
        label=_("Titre de la vidéo"),
        max_length=200,
        help_text=_("Annoncé aux lecteurs d'écran et affiché si la vidéo ne charge pas."),
    )

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blocks/video_embed_block.html"


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Chiffre"), max_length=20, help_text=_("Ex. : 200"))
    prefix = blocks.CharBlock(
        label=_("Préfixe"), max_length=30, required=False, help_text=_("Ex. : près de")
    )
    label = blocks.CharBlock(label=_("Libellé"), max_length=120, help_text=_("Ex. : participants"))

    class Meta:
        icon = "order"
        label = _("Chiffre clé")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Chiffres"))

    class Meta:
        icon = "list-ol"
        label = _("Chiffres clés")
        template = "blocks/key_figures_block.html"
        preview_value = {
            "figures": [{"prefix": "près de", "number": "200", "label": "participants"}]
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte du bouton"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Choisissez soit une page du site, soit une adresse externe (une seule).")
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        label = _("Appel à l'action")
        template = "blocks/call_to_action_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body shared by articles, events and booklet chapters."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    video = VideoEmbedBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
