"""The Fabriques de Territoire: a directory of profiles.

Skeleton laid by the foundation so that events and the booklet can point at
Fabriques; the directory, filters, map, import and open data come with their issue.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import INTRO_FEATURES, LeanPageMixin, SocialMetaMixin


class TerritoryType(models.TextChoices):
    RURAL = "rural", _("Rural")
    QPV = "qpv", _("Quartier prioritaire (QPV)")
    URBAN = "urban", _("Urbain")
    PERI_URBAN = "peri-urban", _("Périurbain")


class FabriqueIndexPage(LeanPageMixin, SocialMetaMixin, Page):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["fabriques.FabriquePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("annuaire des Fabriques")
        verbose_name_plural = _("annuaires des Fabriques")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fabriques"] = FabriquePage.objects.child_of(self).live().public().order_by("title")
        return context


class FabriquePage(LeanPageMixin, SocialMetaMixin, Page):
    identifier = models.CharField(
        _("identifiant"),
        max_length=64,
        unique=True,
        help_text=_("Identifiant stable de la Fabrique, utilisé par les imports."),
    )
    short_description = models.TextField(_("description courte"), max_length=500)
    body = StreamField(BodyStreamBlock(), verbose_name=_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.CharField(_("commune"), max_length=150)
    departement_code = models.CharField(_("code du département"), max_length=3)
    departement_name = models.CharField(_("département"), max_length=100)
    region_code = models.CharField(_("code de la région"), max_length=3)
    region_name = models.CharField(_("région"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    territory_type = models.CharField(
        _("type de territoire"), max_length=20, choices=TerritoryType.choices
    )
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thématiques"), blank=True, related_name="fabriques"
    )

    content_panels = Page.content_panels + [
        FieldPanel("identifier"),
        FieldPanel("short_description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("commune"),
                FieldPanel("departement_code"),
                FieldPanel("departement_name"),
                FieldPanel("region_code"),
                FieldPanel("region_name"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("territory_type"),
            ],
            heading=_("Territoire"),
        ),
        FieldPanel("themes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_description", boost=2),
        index.SearchField("commune", boost=2),
        index.SearchField("departement_name"),
        index.SearchField("region_name"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("region_code"),
        index.FilterField("territory_type"),
    ]
    parent_page_types = ["fabriques.FabriqueIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Fabrique de Territoire")
        verbose_name_plural = _("Fabriques de Territoire")

    def get_social_description(self) -> str:
        return self.search_description or self.short_description
