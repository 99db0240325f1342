"""The news section: an index of articles and the articles themselves."""

from __future__ import annotations

import datetime

import django_filters

from django.db import models
from django.db.models.functions import ExtractYear
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.forms import LocaleBoundPageForm
from home.listing import YEAR, ListingFilterSet, filter_url, paginate
from home.models import (
    LeanPageMixin,
    PageLink,
    SectionIndexPage,
    SocialMetaMixin,
    Theme,
    theme_choices,
)
from home.queries import chosen_pages, visible_q

ARTICLES_PER_PAGE = 10
RELATED_ARTICLES_COUNT = 3


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self, locale) -> ArticlePageQuerySet:
        """Live, public articles of one language (a Locale or its id), newest first."""
        return (
            self.filter(visible_q(), locale=locale)
            .select_related("hero_image")
            .order_by("-date", "-first_published_at", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleFilters(ListingFilterSet):
    """The news filters: ?theme=<slug>&year=<yyyy>."""

    theme = django_filters.ChoiceFilter(field_name="themes__slug")
    year = django_filters.ChoiceFilter(field_name="date__year")
    syntax = {"year": YEAR}
    count_expressions = {"year": ExtractYear("date")}

    def load_choices(self):
        years = sorted(self.unfiltered_counts("year"), reverse=True)
        return {
            "theme": theme_choices(self.context["index"].locale_id),
            "year": [(year, year) for year in years],
        }


class ArticleIndexPage(SectionIndexPage):
    """The news: newest first, filtered by theme and year."""

    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    def articles(self) -> ArticlePageQuerySet:
        return ArticlePage.objects.for_listing(self.locale_id).child_of(self)

    @path("")
    def all_articles(self, request):
        filters = self.read_filters(request, ArticleFilters, self.articles())
        articles = paginate(filters.qs, request.GET, ARTICLES_PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "articles": articles,
                "paginator": articles.paginator,
                "filters": filters,
                "facets": [
                    filters.facet("theme", _("Thématiques"), _("Toutes")),
                    filters.facet("year", _("Années"), _("Toutes")),
                ],
                "rss_url": self.url + self.reverse_subpage("rss"),
                "atom_url": self.url + self.reverse_subpage("atom"),
            },
        )

    # The clean URLs of the first version (/theme/<slug>/<year>/) redirect to the filters.

    @path("theme/<slug:theme_slug>/")
    def by_theme(self, request, theme_slug):
        return self.redirect_to_filters(request, theme=theme_slug)

    @path("<int:year>/")
    def by_year(self, request, year):
        return self.redirect_to_filters(request, year=str(year))

    @path("theme/<slug:theme_slug>/<int:year>/")
    def by_theme_and_year(self, request, theme_slug, year):
        return self.redirect_to_filters(request, theme=theme_slug, year=str(year))

    def redirect_to_filters(self, request, **values):
        query = QueryDict(mutable=True)
        query.update(values)
        filters = ArticleFilters(query, self.articles(), base_url=self.get_url(request), index=self)
        return HttpResponsePermanentRedirect(filters.url())

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import ArticlesRssFeed

        return ArticlesRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self)(request)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(LeanPageMixin, SocialMetaMixin, Page):
    base_form_class = LocaleBoundPageForm

    intro = models.TextField(
        _("chapô"),
        max_length=600,
        help_text=_("Le résumé affiché sous le titre et dans les listes."),
    )
    date = models.DateField(
        _("date de publication"),
        default=datetime.date.today,
        help_text=_("La date montrée aux lecteurs."),
    )
    authors = ParentalManyToManyField(
        "home.Person", verbose_name=_("auteurs"), blank=True, related_name="articles"
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
    hero_caption = models.CharField(_("légende"), max_length=250, blank=True)
    hero_credit = models.CharField(_("crédit"), max_length=120, blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thématiques"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("mots-clés"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("corps de l'article"))
    event = models.ForeignKey(
        "agenda.EventPage",
        verbose_name=_("événement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_(
            "L'événement dont parle cet article : les deux pages se lient l'une à l'autre."
        ),
    )

    objects = ArticlePageManager()
    # Fetched with the page when it is served (see LeanPageMixin.route).
    route_select_related = ("hero_image",)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("date"),
        FieldPanel("authors"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Image principale"),
        ),
        FieldPanel("body"),
        FieldPanel("event"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("tags")],
            heading=_("Classement"),
        ),
        InlinePanel(
            "related_items",
            label=_("Contenus liés"),
            help_text=_("Sinon, les articles récents des mêmes thématiques sont proposés."),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_social_image(self):
        return self.hero_image

    def get_social_description(self) -> str:
        return self.search_description or self.intro

    def get_related_pages(self, themes: list[Theme] | None = None) -> list[Page]:
        """Pages chosen by hand; failing that, the newest articles on the same themes."""
        chosen = chosen_pages(self.related_items.all())
        if chosen:
            return chosen
        theme_ids = [theme.pk for theme in (self.themes.all() if themes is None else themes)]
        if not theme_ids:
            return []
        return list(
            ArticlePage.objects.for_listing(self.locale_id)
            .filter(themes__in=theme_ids)
            .exclude(pk=self.pk)
            .distinct()[:RELATED_ARTICLES_COUNT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent()
        index_url = index_page.get_url(request)
        themes = list(self.themes.all())
        context["related_pages"] = self.get_related_pages(themes)
        context["index_page"] = index_page
        context["theme_links"] = [
            (theme, filter_url(index_url, theme=theme.slug)) for theme in themes
        ]
        return context


class ArticleRelatedPage(PageLink):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_items")
