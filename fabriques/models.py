"""The Fabriques de Territoire: a directory of profiles with filters, a map and open data."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock
from home.models import LeanPageMixin, SectionIndexPage, SocialMetaMixin
from home.queries import visible_q
from home.roles import FABRIQUES

from . import territories
from .choices import FIRST_LABEL_YEAR, Structure, TerritoryType, url_validator
from .forms import FabriquePageForm


class FabriquePageQuerySet(PageQuerySet):
    def for_directory(self, index_page: Page) -> FabriquePageQuerySet:
        """Live, public Fabriques of a directory, by name, with their themes."""
        return (
            self.child_of(index_page)
            .filter(visible_q())
            .defer("body")
            .prefetch_related("themes")
            .order_by("title", "pk")
        )


FabriquePageManager = PageManager.from_queryset(FabriquePageQuerySet)


class FabriqueIndexPage(SectionIndexPage):
    """The directory: filters with counts, an accessible list, a map and open data."""

    subpage_types = ["fabriques.FabriquePage"]

    class Meta:
        verbose_name = _("annuaire des Fabriques")
        verbose_name_plural = _("annuaires des Fabriques")

    def fabriques(self) -> FabriquePageQuerySet:
        return FabriquePage.objects.for_directory(self)

    @classmethod
    def for_home(cls, locale_id: int) -> FabriqueIndexPage | None:
        """The live directory of a language with its count of live Fabriques, one query."""
        counts = (
            FabriquePage.objects.filter(
                visible_q(), path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
            )
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            cls.objects.filter(visible_q(), locale_id=locale_id)
            .annotate(fabrique_count=Coalesce(Subquery(counts), 0))
            .order_by("path")
            .first()
        )

    @path("")
    def directory(self, request):
        from .views import directory

        return directory(self, request)

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from .views import directory_geojson

        return directory_geojson(self, request)

    @path("csv/", name="csv")
    def csv(self, request):
        from .views import directory_csv

        return directory_csv(self, request)


class FabriquePage(LeanPageMixin, SocialMetaMixin, Page):
    base_form_class = FabriquePageForm

    # Shared by the Fabrique's translations, so unique per translation group rather
    # than per row: checked in clean().
    identifier = models.CharField(
        _("identifiant"),
        max_length=64,
        db_index=True,
        help_text=_("Identifiant stable de la Fabrique, utilisé par les imports."),
    )
    short_description = models.TextField(_("description courte"), max_length=500)
    body = StreamField(BodyStreamBlock(), verbose_name=_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.CharField(_("commune"), max_length=150)
    departement_code = models.CharField(_("code du département"), max_length=3)
    departement_name = models.CharField(
        _("département"),
        max_length=100,
        blank=True,
        help_text=_("Rempli d'après le code officiel s'il est laissé vide."),
    )
    region_code = models.CharField(_("code de la région"), max_length=3)
    region_name = models.CharField(
        _("région"),
        max_length=100,
        blank=True,
        help_text=_("Rempli d'après le code officiel s'il est laissé vide."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    territory_type = models.CharField(
        _("type de territoire"), max_length=20, choices=TerritoryType.choices
    )
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thématiques"), blank=True, related_name="fabriques"
    )
    year_labelled = models.PositiveSmallIntegerField(
        _("année de labellisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_LABEL_YEAR), MaxValueValidator(2100)],
    )
    structure = models.CharField(
        _("forme juridique"), max_length=20, choices=Structure.choices, blank=True
    )
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    social_links = models.TextField(
        _("réseaux sociaux"),
        blank=True,
        help_text=_("Une adresse (https://…) par ligne."),
    )

    objects = FabriquePageManager()

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
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("year_labelled"), FieldPanel("structure")],
            heading=_("Profil"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("social_links"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("body"),
        InlinePanel("actors", label=_("Personnes et organisations impliquées")),
        InlinePanel("gallery_images", label=_("Galerie"), max_num=12),
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
    api_fields = [
        APIField("identifier"),
        APIField("short_description"),
        APIField("address"),
        APIField("postcode"),
        APIField("commune"),
        APIField("departement_code"),
        APIField("departement_name"),
        APIField("region_code"),
        APIField("region_name"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("territory_type"),
        APIField(
            "themes",
            serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug"),
        ),
        APIField("year_labelled"),
        APIField("structure"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
        APIField("social_link_list"),
        APIField("body"),
    ]
    # A translation keeps the facts of the place; only texts are translated.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "identifier",
            "address",
            "postcode",
            "commune",
            "departement_code",
            "departement_name",
            "region_code",
            "region_name",
            "email",
            "phone",
            "website",
            "social_links",
        )
    ]
    parent_page_types = ["fabriques.FabriqueIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Fabrique de Territoire")
        verbose_name_plural = _("Fabriques de Territoire")

    def permissions_for_user(self, user) -> PagePermissionTester:
        return FabriquePermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = {}
        if self.identifier:
            other = (
                FabriquePage.objects.filter(identifier=self.identifier)
                .exclude(translation_key=self.translation_key)
                .first()
            )
            if other is not None:
                errors["identifier"] = _(
                    "Cet identifiant est déjà celui de la Fabrique « %(title)s »."
                ) % {"title": other.title}
        departement = territories.departement(self.departement_code or "")
        region = territories.region(self.region_code or "")
        if departement is None:
            errors["departement_code"] = _("Code de département inconnu.")
        if region is None:
            errors["region_code"] = _("Code de région inconnu.")
        if departement and region and departement.region != region:
            errors["departement_code"] = _(
                "Le département %(dep)s appartient à la région %(region)s."
            ) % {"dep": departement.name, "region": departement.region.name}
        for line in self.social_link_list:
            try:
                url_validator(line)
            except ValidationError:
                errors["social_links"] = _("Adresse invalide : %(url)s") % {"url": line}
        if errors:
            raise ValidationError(errors)
        self.departement_code, self.departement_name = departement.code, departement.name
        self.region_code, self.region_name = region.code, region.name

    @property
    def social_link_list(self) -> list[str]:
        return [line.strip() for line in (self.social_links or "").splitlines() if line.strip()]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_social_description(self) -> str:
        return self.search_description or self.short_description

    def get_context(self, request, *args, **kwargs):
        from .backlinks import backlinks
        from .opendata import json_ld_data

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = list(self.themes.all())
        context["actors"] = list(self.actors.select_related("person__organisation", "organisation"))
        context["gallery"] = list(
            self.gallery_images.select_related("image").prefetch_related("image__renditions")
        )
        context["backlinks"] = backlinks(self)
        context["index_page"] = self.get_parent()
        context["json_ld"] = json_ld_data(self, request, context["themes"])
        return context


class FabriquePermissionTester(PagePermissionTester):
    """Wagtail's page rules, plus "change" for the people assigned to this Fabrique.

    Assignment is per person, not per group: every member of the Fabriques group edits
    only the profiles assigned to them (FabriqueEditor), in every language (same
    translation_key), and never publishes: publishing stays with the group permissions.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if (
            user.is_active
            and not user.is_superuser
            and "change" not in self.permissions
            and FabriqueEditor.objects.filter(
                user=user, fabrique__translation_key=page.translation_key
            ).exists()
        ):
            self.permissions.add("change")


class FabriqueEditor(models.Model):
    """Who keeps a Fabrique's profile up to date (a member of the "Fabriques" group).

    Stored outside the page so that the person assigned cannot change the assignment
    by editing the page; managed in the admin by Publication (Fabriques > Responsables).
    """

    fabrique = models.ForeignKey(
        "fabriques.FabriquePage",
        verbose_name=_("Fabrique"),
        on_delete=models.CASCADE,
        related_name="editors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.CASCADE,
        related_name="fabriques_edited",
    )

    panels = [FieldPanel("fabrique"), FieldPanel("user")]

    class Meta:
        verbose_name = _("responsable de Fabrique")
        verbose_name_plural = _("responsables de Fabriques")
        constraints = [
            models.UniqueConstraint(fields=["fabrique", "user"], name="unique_fabrique_editor")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.fabrique}"

    def clean(self):
        super().clean()
        if self.user_id and not self.user.groups.filter(name=FABRIQUES).exists():
            raise ValidationError(
                {
                    "user": _("Seuls les membres du groupe « %(group)s » tiennent un profil.")
                    % {"group": FABRIQUES}
                }
            )


class FabriqueGalleryImage(Orderable):
    page = ParentalKey(FabriquePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_("Laissez vide si l'image est décorative ; sinon décrivez-la."),
    )
    caption = models.CharField(_("légende"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class FabriqueActor(Orderable):
    """A person or an organisation involved in a Fabrique, with their part in it."""

    page = ParentalKey(FabriquePage, on_delete=models.CASCADE, related_name="actors")
    person = models.ForeignKey(
        "home.Person",
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fabrique_roles",
    )
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fabrique_roles",
    )
    role = models.CharField(
        _("rôle"),
        max_length=150,
        blank=True,
        help_text=_("Ex. : fondatrice, partenaire financier, collectivité d'accueil."),
    )

    panels = [FieldPanel("person"), FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.organisation_id):
            raise ValidationError(
                _("Choisissez une personne ou une organisation (l'une des deux).")
            )

    @property
    def name(self) -> str:
        return self.person.name if self.person_id else str(self.organisation)

    @property
    def description(self) -> str:
        parts = [self.role] if self.role else []
        if self.person_id and self.person.description:
            parts.append(self.person.description)
        return ", ".join(parts)

    @property
    def website(self) -> str:
        return self.organisation.website if self.organisation_id else ""
