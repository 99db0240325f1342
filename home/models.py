"""Home page, taxonomy snippets and site settings."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site, TranslatableMixin
from wagtail.search import index

from .blocks import BodyStreamBlock
from .forms import LocaleBoundPageForm

INTRO_FEATURES = ["bold", "italic", "link"]


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A subject that cuts across articles, events, Fabriques and the booklet."""

    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


def theme_choices(locale_id: int) -> list[tuple[str, str]]:
    """(slug, name) of the themes of one language, by name: the theme filter's values.

    Cached until the next content change (a saved theme starts a new generation)."""
    from .caching import cached

    return cached(
        f"theme-choices:{locale_id}",
        lambda: list(
            Theme.objects.filter(locale_id=locale_id).order_by("name").values_list("slug", "name")
        ),
    )


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=30, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("site web"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("logo"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("acronym", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class PersonManager(models.Manager):
    """Bylines and quotes always show the organisation: fetch it with the person."""

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class Person(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("fonction"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PersonManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("name"),
        index.FilterField("locale"),
        index.FilterField("organisation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        """Role and organisation as a reader sees them under a quote or byline."""
        parts = [self.role] if self.role else []
        organisation = self.organisation if self.organisation_id else None
        if organisation and not any(
            name and name in self.role for name in (organisation.name, organisation.acronym)
        ):
            parts.append(organisation.short_name)
        return ", ".join(parts)


class LeanPageMixin:
    """Serve our pages in fewer queries than Wagtail's defaults, same behaviour.

    Routing: a page that only passes the request on to a child (no route of its own
    answers the rest of the path) is loaded as a deferred specific instance (one
    query instead of two). View restrictions: the ancestors' paths are read off this
    page's own path, so the check is a single query instead of one for the ancestors
    and one for the restrictions.
    """

    # The StreamFields whose blocks the page's template renders (None: all of them).
    rendered_streams: tuple[str, ...] | None = None

    def get_context(self, request, *args, **kwargs):
        """Learn in one query whether a visitor may see each page chosen in the page's
        blocks, so that the blocks' `visible` filters ask nothing (home.queries)."""
        from .queries import chosen_in, mark_chosen_visible

        context = super().get_context(request, *args, **kwargs)
        deferred = self.get_deferred_fields()
        names = self.rendered_streams
        if names is None:
            names = [f.name for f in self._meta.fields if isinstance(f, StreamField)]
        streams = [getattr(self, name) for name in names if name not in deferred]
        mark_chosen_visible([page for stream in streams for page in chosen_in(stream)])
        return context

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child_slug, remaining = path_components[0], path_components[1:]
        child_models = type(self).allowed_subpage_models()
        if len(child_models) == 1:
            # One possible child type (an index of articles): one query, all fields.
            child_model = child_models[0]
            subpage = (
                child_model.objects.child_of(self)
                .filter(slug=child_slug)
                .select_related(*getattr(child_model, "route_select_related", ()))
                .first()
            )
            if subpage is not None:
                subpage._cached_parent_obj = self
                return subpage.route(request, remaining)
        child = self.get_children().filter(slug=child_slug).first()
        if child is None:
            raise Http404
        if remaining and not serves_itself(child.specific_class, remaining):
            subpage = child.specific_deferred  # only passes the request on
        else:
            subpage = child.specific  # the page served: all its fields at once
        subpage._cached_parent_obj = self
        return subpage.route(request, remaining)

    def get_view_restrictions(self):
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


def serves_itself(page_class, path_components: list[str]) -> bool:
    """Whether a page of this class answers the rest of the path with one of its routes.

    A routable index (news, agenda, directory) serves its filters and feeds itself, but
    only passes an article's, event's or Fabrique's path on to the child.
    """
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Http404:
        return False
    return True


class SocialMetaMixin:
    """What a page offers to Open Graph, Twitter cards and share links."""

    def get_social_image(self):
        return None

    def get_social_description(self) -> str:
        return self.search_description or ""


class SectionIndexPage(RoutablePageMixin, LeanPageMixin, SocialMetaMixin, Page):
    """A section's index under a home page (news, agenda, directory): one per language.

    Subclasses name their `subpage_types` and add their listing routes.
    """

    base_form_class = LocaleBoundPageForm

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def read_filters(self, request, filterset_class, queryset):
        """The listing's filters read from the request (home.listing's 400/404 policy)."""
        return filterset_class(request.GET, queryset, base_url=self.get_url(request), index=self)


class HomePage(LeanPageMixin, SocialMetaMixin, Page):
    base_form_class = LocaleBoundPageForm

    hero_title = models.CharField(_("titre d'accroche"), max_length=200)
    hero_intro = RichTextField(_("texte d'accroche"), features=INTRO_FEATURES, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d'accroche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_text = models.CharField(_("texte du bouton"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du bouton"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Accroche"),
        ),
        InlinePanel("featured_items", label=_("À la une"), max_num=6),
    ]

    # One home page per language, all directly under the root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_social_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        from .queries import chosen_pages, visible_q
        from .sections import section_context

        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = chosen_pages(self.featured_items.all())
        # The button's page, if a visitor may see it: read and checked in one query.
        context["hero_cta"] = (
            Page.objects.filter(visible_q(), pk=self.hero_cta_page_id).first()
            if self.hero_cta_page_id
            else None
        )
        # Latest articles, upcoming events, the directory: each app adds its own section.
        context.update(section_context(self, request, context))
        return context


class InformationPage(LeanPageMixin, SocialMetaMixin, Page):
    """A page of text under a home page: legal notices, the accessibility statement..."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "home/information_page.html"

    class Meta:
        verbose_name = _("page d'information")
        verbose_name_plural = _("pages d'information")


class SitemapPage(LeanPageMixin, SocialMetaMixin, Page):
    """The site map (plan du site, RGAA): the sections of its home page and their pages,
    visible ones only, in the page's language."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "home/sitemap_page.html"

    class Meta:
        verbose_name = _("plan du site")
        verbose_name_plural = _("plans du site")

    def get_context(self, request, *args, **kwargs):
        from .queries import site_map

        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()  # known from routing: no query
        context["home_page"] = home
        context["sections"] = site_map(home)
        return context


class PageLink(Orderable):
    """A page picked by an editor, in order; read back with home.queries.chosen_pages."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True


class HomePageFeaturedItem(PageLink):
    """A page editors put forward on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")


def footer_page(verbose_name) -> models.ForeignKey:
    """A page chosen for the footer; the footer leaves it out once it is deleted."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# The three levels an RGAA accessibility statement may declare, in its own words.
ACCESSIBILITY_STATUSES = [
    ("none", _("non conforme")),
    ("partial", _("partiellement conforme")),
    ("full", _("totalement conforme")),
]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(
        _("signature"),
        max_length=200,
        default="Le réseau national des tiers-lieux",
    )
    # Settings belong to the Site, which the French and English pages share: the English
    # tagline sits beside the French one rather than in a translation of the settings.
    tagline_en = models.CharField(
        _("signature en anglais"),
        max_length=200,
        blank=True,
        help_text=_("Montrée sur le site en anglais ; vide, la signature française la remplace."),
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    mastodon_instance = models.CharField(
        _("instance Mastodon pour le partage"),
        max_length=100,
        default="mastodon.social",
        help_text=_("Domaine seul, sans https:// (ex. : mastodon.social)."),
    )
    mastodon_url = models.URLField(_("compte Mastodon"), blank=True)
    linkedin_url = models.URLField(_("page LinkedIn"), blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The footer's links (RGAA): chosen in French, shown in the reader's language when the
    # page has a translation.
    legal_page = footer_page(_("page des mentions légales"))
    accessibility_page = footer_page(_("page de la déclaration d'accessibilité"))
    accessibility_status = models.CharField(
        _("état de conformité déclaré (RGAA)"),
        max_length=10,
        choices=ACCESSIBILITY_STATUSES,
        default="none",
        help_text=_("Celui de la déclaration d'accessibilité ; affiché dans le pied de page."),
    )
    sitemap_page = footer_page(_("page du plan du site"))

    panels = [
        FieldPanel("tagline"),
        FieldPanel("tagline_en"),
        FieldPanel("contact_email"),
        FieldPanel("mastodon_instance"),
        FieldPanel("mastodon_url"),
        FieldPanel("linkedin_url"),
        FieldPanel("default_social_image"),
        MultiFieldPanel(
            [
                FieldPanel("legal_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_status"),
                FieldPanel("sitemap_page"),
            ],
            heading=_("Pied de page"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du site")

    @property
    def localized_tagline(self) -> str:
        """The tagline in the language being read (the French one if no English is given)."""
        if (get_language() or "").split("-")[0] == "en" and self.tagline_en:
            return self.tagline_en
        return self.tagline


def get_site_settings(request) -> SiteSettings | None:
    """The settings of the request's site, cached until the next content change."""
    from .caching import cached

    site = Site.find_for_request(request)
    if site is None:
        return None
    return cached(f"site-settings:{site.pk}", lambda: SiteSettings.for_site(site))
