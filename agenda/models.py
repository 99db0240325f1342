"""Events: the annual meeting, round tables and workshops, with an agenda and iCal."""

from __future__ import annotations

import datetime
from itertools import groupby

import django_filters

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.caching import cached, site_cache_key
from home.forms import LocaleBoundPageForm
from home.listing import ListingFilterSet, filter_url, paginate
from home.models import (
    LeanPageMixin,
    Organisation,
    SectionIndexPage,
    SocialMetaMixin,
    Theme,
    theme_choices,
)
from home.queries import visible_ids, visible_q

from .blocks import ProgrammeStreamBlock

EVENTS_PER_PAGE = 12
HOME_EVENTS_COUNT = 3
FEED_LENGTH = 100


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("En présentiel")
    ONLINE = "online", _("En ligne")
    HYBRID = "hybrid", _("Hybride")


ONLINE_FORMATS = {EventFormat.ONLINE, EventFormat.HYBRID}
IN_PERSON_FORMATS = {EventFormat.IN_PERSON, EventFormat.HYBRID}


class RegistrationStatus(models.TextChoices):
    OPEN = "open", _("Inscriptions ouvertes")
    FULL = "full", _("Complet")
    CLOSED = "closed", _("Inscriptions closes")


def start_of_today(now: datetime.datetime) -> datetime.datetime:
    """Local midnight of the day of `now` (Europe/Paris)."""
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def upcoming_q(now: datetime.datetime) -> Q:
    """Events not over at `now`.

    A timed event is over once its end has passed; an event without an end, or a
    whole-day event, stays on the agenda until the end of its (last) day.
    """
    today = start_of_today(now)
    return (
        Q(end__isnull=True, start__gte=today)
        | Q(all_day=False, end__gte=now)
        | Q(all_day=True, end__gte=today)
    )


class EventPageQuerySet(PageQuerySet):
    def for_listing(self, locale) -> EventPageQuerySet:
        """Live, public events of one language (a Locale or its id), with what cards show."""
        return (
            self.filter(visible_q(), locale=locale)
            .select_related("venue_fabrique", "hero_image")
            .annotate(
                venue_visible=Exists(
                    Page.objects.filter(visible_q(), pk=OuterRef("venue_fabrique_id"))
                )
            )
        )

    def upcoming(self, now: datetime.datetime | None = None) -> EventPageQuerySet:
        return self.filter(upcoming_q(now or timezone.now())).order_by("start", "pk")

    def past(self, now: datetime.datetime | None = None) -> EventPageQuerySet:
        return self.exclude(upcoming_q(now or timezone.now())).order_by("-start", "-pk")

    def agenda_order(self, now: datetime.datetime | None = None) -> EventPageQuerySet:
        """Upcoming events first, soonest first; then past events, latest first."""
        upcoming = upcoming_q(now or timezone.now())
        return self.annotate(
            is_upcoming=Case(
                When(upcoming, then=True), default=False, output_field=models.BooleanField()
            )
        ).order_by(
            F("is_upcoming").desc(),
            Case(When(upcoming, then=F("start"))).asc(nulls_last=True),
            F("start").desc(),
            "pk",
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventFilters(ListingFilterSet):
    """The agenda filters: ?theme=<slug>&format=<format>&region=<INSEE code>."""

    theme = django_filters.ChoiceFilter(field_name="themes__slug")
    format = django_filters.ChoiceFilter(field_name="format")
    region = django_filters.ChoiceFilter(field_name="venue_fabrique__region_code")

    def load_choices(self):
        index = self.context["index"]
        return {
            "theme": theme_choices(index.locale_id),
            "format": [(value, str(label)) for value, label in EventFormat.choices],
            "region": index.region_choices(),
        }


class EventIndexPage(SectionIndexPage):
    """The agenda: upcoming events, then past ones by year, filtered by theme, format, region."""

    subpage_types = ["agenda.EventPage"]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def events(self) -> EventPageQuerySet:
        return EventPage.objects.for_listing(self.locale_id).child_of(self)

    @path("")
    def agenda(self, request):
        filters = self.read_filters(request, EventFilters, self.events())
        events = paginate(filters.qs.agenda_order(), request.GET, EVENTS_PER_PAGE)
        attach_themes(events.object_list)
        theme = filters.value("theme")
        return self.render(
            request,
            context_overrides={
                "events": events,
                "paginator": events.paginator,
                "groups": group_events(events.object_list),
                "filters": filters,
                "facets": [
                    filters.facet("theme", _("Thématiques"), _("Toutes")),
                    filters.facet("format", _("Format"), _("Tous"), counted=False),
                    filters.facet("region", _("Régions"), _("Toutes"), counted=False),
                ],
                "theme_label": filters.label("theme"),
                "ical_url": self.ical_url(theme),
                "webcal_url": "webcal://" + request.get_host() + self.ical_url(theme),
            },
        )

    @path("ical/", name="ical")
    def ical_feed(self, request):
        return self.render_ical(request, None)

    @path("ical/theme/<slug:theme_slug>/", name="ical_theme")
    def ical_theme_feed(self, request, theme_slug):
        theme = get_object_or_404(Theme, slug=theme_slug, locale_id=self.locale_id)
        return self.render_ical(request, theme)

    def render_ical(self, request, theme: Theme | None):
        from .ical import calendar_response

        events = self.events().upcoming()
        name = self.title
        if theme is not None:
            events = events.filter(themes=theme)
            name = f"{self.title} · {theme.name}"
        events = list(events[:FEED_LENGTH])
        attach_themes(events)
        return calendar_response(request, events, name, filename=None)

    def ical_url(self, theme_slug: str | None = None) -> str:
        if theme_slug is None:
            return self.url + self.reverse_subpage("ical")
        return self.url + self.reverse_subpage("ical_theme", args=[theme_slug])

    def region_choices(self) -> list[tuple[str, str]]:
        """(code, name) of the regions of the Fabriques hosting this agenda's events."""
        rows = (
            self.events()
            .exclude(venue_fabrique__isnull=True)
            .order_by("venue_fabrique__region_name")
            .values_list("venue_fabrique__region_code", "venue_fabrique__region_name")
            .distinct()
        )
        return [(code, name) for code, name in rows if code]


def attach_themes(events) -> None:
    """Fetch the themes of a page of events in one query."""
    events = list(events)
    if events:
        models.prefetch_related_objects(events, "themes")


def group_events(events) -> list[tuple[str, list[EventPage]]]:
    """Consecutive events under a heading: "À venir", then each past year."""

    def key(event):
        upcoming = event.is_upcoming if hasattr(event, "is_upcoming") else event.is_upcoming_now
        if upcoming:
            return str(_("À venir"))
        return str(timezone.localtime(event.start).year)

    return [(label, list(items)) for label, items in groupby(events, key=key)]


class EventPage(RoutablePageMixin, LeanPageMixin, SocialMetaMixin, Page):
    base_form_class = LocaleBoundPageForm

    intro = models.TextField(_("chapô"), max_length=600)
    start = models.DateTimeField(_("début"), help_text=_("Heure de Paris."))
    end = models.DateTimeField(
        _("fin"),
        null=True,
        blank=True,
        help_text=_("Laissez vide si la fin n'est pas connue."),
    )
    all_day = models.BooleanField(
        _("journée entière"),
        default=False,
        help_text=_("Seules les dates comptent : l'événement occupe des journées entières."),
    )
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
    venue_address = models.CharField(
        _("adresse du lieu"),
        max_length=250,
        blank=True,
        help_text=_("Si le lieu n'est pas une Fabrique de l'annuaire."),
    )
    online_url = models.URLField(_("lien de connexion"), blank=True)
    organisers = ParentalManyToManyField(
        "home.Organisation",
        verbose_name=_("organisateurs"),
        blank=True,
        related_name="organised_events",
    )
    partners = ParentalManyToManyField(
        "home.Organisation",
        verbose_name=_("partenaires"),
        blank=True,
        related_name="partnered_events",
    )
    programme = StreamField(ProgrammeStreamBlock(), verbose_name=_("programme"), blank=True)
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    registration_status = models.CharField(
        _("état des inscriptions"),
        max_length=10,
        choices=RegistrationStatus.choices,
        blank=True,
    )
    attendance = models.PositiveIntegerField(
        _("nombre de participants"),
        null=True,
        blank=True,
        help_text=_("À renseigner après l'événement."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Laissez vide si l'image est décorative ; sinon décrivez-la."),
    )
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thématiques"), blank=True, related_name="events"
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)

    objects = EventPageManager()
    # Fetched with the page when it is served (see LeanPageMixin.route).
    route_select_related = ("hero_image", "venue_fabrique")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day")],
            heading=_("Quand"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_fabrique"),
                FieldPanel("venue_address"),
                FieldPanel("online_url"),
            ],
            heading=_("Où"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")],
            heading=_("Image principale"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisers"), FieldPanel("partners")],
            heading=_("Organisation"),
        ),
        InlinePanel("speakers", label=_("Intervenants")),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_status"),
                FieldPanel("attendance"),
            ],
            heading=_("Inscriptions et participation"),
        ),
        FieldPanel("themes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("venue_address"),
        index.SearchField("body"),
        index.SearchField("programme"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.SearchField("venue_text"),
        index.FilterField("start"),
        index.FilterField("format"),
    ]
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types: list[str] = []
    # The programme is rendered from its cache (programme_html): its chosen pages are
    # checked when it is rendered, once per content generation.
    rendered_streams = ("body",)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        self.normalise_all_day()
        errors = {}
        if self.start and self.end:
            if self.all_day and self.end < self.start:
                errors["end"] = _("Le dernier jour doit être le même que le premier ou après.")
            elif not self.all_day and self.end <= self.start:
                errors["end"] = _("La fin de l'événement doit être postérieure à son début.")
        if self.format in ONLINE_FORMATS and not self.online_url:
            errors["online_url"] = _(
                "Indiquez le lien de connexion : l'événement a lieu en ligne ou en hybride."
            )
        if self.format in IN_PERSON_FORMATS and not (self.venue_fabrique_id or self.venue_address):
            errors["venue_address"] = _(
                "Indiquez le lieu : choisissez une Fabrique ou saisissez une adresse."
            )
        if self.registration_status == RegistrationStatus.OPEN and not self.registration_url:
            errors["registration_url"] = _(
                "Indiquez le lien d'inscription : les inscriptions sont ouvertes."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.normalise_all_day()
        return super().save(*args, **kwargs)

    def normalise_all_day(self) -> None:
        """Whole-day events start and end at local midnight of their first and last days."""
        if not self.all_day:
            return
        if self.start:
            self.start = start_of_today(self.start)
        if self.end:
            self.end = start_of_today(self.end)

    # Dates as readers and calendars see them.

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime.datetime | None:
        return timezone.localtime(self.end) if self.end else None

    @property
    def first_day(self) -> datetime.date:
        return self.local_start.date()

    @property
    def last_day(self) -> datetime.date:
        return self.local_end.date() if self.end else self.first_day

    @property
    def spans_days(self) -> bool:
        return self.last_day != self.first_day

    @property
    def is_upcoming_now(self) -> bool:
        now = timezone.now()
        if self.end is None or self.all_day:
            reference = self.end or self.start
            return reference >= start_of_today(now)
        return self.end >= now

    @property
    def is_online(self) -> bool:
        return self.format in ONLINE_FORMATS

    @property
    def is_in_person(self) -> bool:
        return self.format in IN_PERSON_FORMATS

    @cached_property
    def venue(self) -> Page | None:
        """The venue Fabrique if a visitor may see it (home.queries.visible_q): a draft
        or private Fabrique is neither named nor linked, in pages, cards, calendars or
        JSON-LD. Listings annotate `venue_visible`; a single event asks (one query)."""
        if not self.venue_fabrique_id:
            return None
        visible = getattr(self, "venue_visible", None)
        if visible is None:
            visible = self.venue_fabrique_id in visible_ids([self.venue_fabrique_id])
        return self.venue_fabrique if visible else None

    def venue_text(self) -> str:
        """The venue Fabrique's name and commune for search, when a visitor may see it."""
        venue = self.venue
        return f"{venue.title} {venue.commune}" if venue else ""

    @property
    def location_text(self) -> str:
        """The venue in one line: the Fabrique and its address, or the address typed in."""
        fabrique = self.venue
        if fabrique is not None:
            parts = [fabrique.title, fabrique.address, f"{fabrique.postcode} {fabrique.commune}"]
            return ", ".join(part.strip() for part in parts if part and part.strip())
        return self.venue_address

    @property
    def coordinates(self) -> tuple[float, float] | None:
        fabrique = self.venue
        if fabrique is None or fabrique.latitude is None or fabrique.longitude is None:
            return None
        return float(fabrique.latitude), float(fabrique.longitude)

    def get_social_image(self):
        return self.hero_image

    def get_social_description(self) -> str:
        return self.search_description or self.intro

    # Routes: the page itself and its .ics file.

    @path("")
    def event(self, request):
        return self.render(request)

    @path("ics/", name="ics")
    def ics(self, request):
        from .ical import calendar_response

        models.prefetch_related_objects([self], "themes")
        return calendar_response(request, [self], self.title, filename=f"{self.slug}.ics")

    @property
    def ics_url(self) -> str:
        return self.url + self.reverse_subpage("ics")

    def organisations(self) -> tuple[list[Organisation], list[Organisation]]:
        """Organisers and partners, in one query."""
        organisers = EventPage.organisers.through.objects.filter(
            eventpage_id=self.pk, organisation_id=OuterRef("pk")
        )
        partners = EventPage.partners.through.objects.filter(
            eventpage_id=self.pk, organisation_id=OuterRef("pk")
        )
        organisations = list(
            Organisation.objects.annotate(
                is_organiser=Exists(organisers), is_partner=Exists(partners)
            ).filter(Q(is_organiser=True) | Q(is_partner=True))
        )
        return (
            [o for o in organisations if o.is_organiser],
            [o for o in organisations if o.is_partner],
        )

    def render_programme(self, request) -> str:
        """The programme's HTML, cached until the next publication anywhere on the site.

        Its workshops point at Fabriques, people, themes and summary pages: rendered
        once, they cost no query on the next views.
        """
        if not self.programme:
            return ""

        def render() -> str:
            return str(self.programme.render_as_block(context={"request": request, "page": self}))

        if getattr(request, "is_preview", False):
            return mark_safe(render())
        key = f"event-programme:{self.pk}:{self.latest_revision_id}:{site_cache_key(request)}"
        return mark_safe(cached(key, render))

    def live_articles(self):
        """Articles about this event (their `event` field), as the news lists them."""
        return self.articles.for_listing(self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific_deferred
        index_url = index_page.get_url(request)
        themes = list(self.themes.all())
        context["index_page"] = index_page
        context["themes"] = themes
        context["theme_links"] = [
            (theme, filter_url(index_url, theme=theme.slug)) for theme in themes
        ]
        context["speakers"] = list(
            self.speakers.select_related("person__organisation").order_by("sort_order")
        )
        context["organisers"], context["partners"] = self.organisations()
        context["programme_html"] = self.render_programme(request)
        context["articles"] = list(self.live_articles())
        context["is_upcoming"] = self.is_upcoming_now
        return context


class EventSpeaker(Orderable):
    """A person speaking at an event, with their role there (opening, talk, facilitation)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "home.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="event_appearances",
    )
    role = models.CharField(
        _("rôle lors de l'événement"),
        max_length=200,
        blank=True,
        help_text=_("Ex. : ouverture, conférence, animation des échanges."),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
