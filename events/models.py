"""Events: the annual meeting, round tables and workshops.

Skeleton laid by the foundation so that articles and the booklet can point at
events; the programme, listings, iCal and the rest come with their issue.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import INTRO_FEATURES, LeanPageMixin, SocialMetaMixin


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("En présentiel")
    ONLINE = "online", _("En ligne")
    HYBRID = "hybrid", _("Hybride")


class EventIndexPage(LeanPageMixin, SocialMetaMixin, Page):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = EventPage.objects.child_of(self).live().public().order_by("-start")
        return context


class EventPage(LeanPageMixin, SocialMetaMixin, Page):
    intro = models.TextField(_("chapô"), max_length=600)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_fabrique = models.ForeignKey(
        "fabriques.FabriquePage",
        verbose_name=_("lieu (Fabrique)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    venue_address = models.CharField(_("adresse du lieu"), max_length=250, blank=True)
    online_url = models.URLField(_("lien de connexion"), blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thématiques"), blank=True, related_name="events"
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("format")],
            heading=_("Quand"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_fabrique"), FieldPanel("venue_address"), FieldPanel("online_url")],
            heading=_("Où"),
        ),
        FieldPanel("themes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("venue_address"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être postérieure au début.")})

    def get_social_description(self) -> str:
        return self.search_description or self.intro
