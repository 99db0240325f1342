"""The news section: an index of articles and the articles themselves."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
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
from home.models import (
    LeanPageMixin,
    PageLink,
    SectionIndexPage,
    SocialMetaMixin,
    Theme,
)
from home.queries import chosen_pages, public_q

ARTICLES_PER_PAGE = 10
RELATED_ARTICLES_COUNT = 3
YEAR_RANGE = range(1990, 2200)


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self, locale) -> ArticlePageQuerySet:
        """Live, public articles of one language (a Locale or its id), newest first."""
        return (
            self.live()
            .filter(public_q(), locale=locale)
            .select_related("hero_image")
            .order_by("-date", "-first_published_at", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleIndexPage(SectionIndexPage):
    """The news: newest first, filtered by theme and year under clean URLs."""

    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    def articles(self) -> ArticlePageQuerySet:
        return ArticlePage.objects.for_listing(self.locale_id).child_of(self)

    @path("")
    def all_articles(self, request):
        return self.render_listing(request)

    @path("theme/<slug:theme_slug>/")
    def by_theme(self, request, theme_slug):
        return self.render_listing(request, theme_slug=theme_slug)

    @path("<int:year>/")
    def by_year(self, request, year):
        return self.render_listing(request, year=year)

    @path("theme/<slug:theme_slug>/<int:year>/")
    def by_theme_and_year(self, request, theme_slug, year):
        return self.render_listing(request, theme_slug=theme_slug, year=year)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import ArticlesRssFeed

        return ArticlesRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self)(request)

    def render_listing(self, request, theme_slug: str | None = None, year: int | None = None):
        articles = self.articles()
        theme = None
        if theme_slug is not None:
            theme = get_object_or_404(Theme, slug=theme_slug, locale_id=self.locale_id)
            articles = articles.filter(themes=theme)
        if year is not None:
            if year not in YEAR_RANGE:
                raise Http404("Année hors limites")
            articles = articles.filter(date__year=year)

        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page = paginator.page(parse_page_number(request.GET.get("page")))
        except EmptyPage as exc:
            raise Http404("Page inexistante") from exc

        return self.render(
            request,
            context_overrides={
                "articles": page,
                "paginator": paginator,
                "current_theme": theme,
                "current_year": year,
                "theme_links": self.theme_links(theme, year),
                "year_links": self.year_links(theme, year),
                "rss_url": self.url + self.reverse_subpage("rss"),
                "atom_url": self.url + self.reverse_subpage("atom"),
            },
        )

    def theme_links(self, current: Theme | None, year: int | None) -> list[FilterLink]:
        links = [FilterLink(_("Toutes"), self.filter_url(None, year), current is None)]
        for theme in self.theme_filters():
            links.append(
                FilterLink(
                    theme.name,
                    self.filter_url(theme.slug, year),
                    current is not None and current.pk == theme.pk,
                    theme.article_count,
                )
            )
        return links

    def year_links(self, theme: Theme | None, current: int | None) -> list[FilterLink]:
        slug = theme.slug if theme else None
        links = [FilterLink(_("Toutes"), self.filter_url(slug, None), current is None)]
        for year in self.year_filters(theme):
            links.append(FilterLink(str(year), self.filter_url(slug, year), year == current))
        return links

    def theme_filters(self):
        """Themes that have at least one live article here, with their counts."""
        counts = (
            self.articles()
            .order_by()
            .filter(themes=OuterRef("pk"))
            .values("themes")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            Theme.objects.filter(locale_id=self.locale_id)
            .annotate(article_count=Subquery(counts))
            .filter(article_count__gt=0)
            .order_by("name")
        )

    def year_filters(self, theme: Theme | None) -> list[int]:
        articles = self.articles()
        if theme is not None:
            articles = articles.filter(themes=theme)
        return [d.year for d in articles.order_by().dates("date", "year", order="DESC")]

    def filter_url(self, theme_slug: str | None = None, year: int | None = None) -> str:
        return self.filter_url_from(self.url, theme_slug, year)

    @classmethod
    def filter_url_from(
        cls, index_url: str, theme_slug: str | None = None, year: int | None = None
    ) -> str:
        """The clean URL of a filter state (theme, year or both) under an index URL."""
        resolver = cls.get_resolver()
        if theme_slug and year:
            route = resolver.reverse("by_theme_and_year", theme_slug, year)
        elif theme_slug:
            route = resolver.reverse("by_theme", theme_slug)
        elif year:
            route = resolver.reverse("by_year", year)
        else:
            route = ""
        return index_url + route.lstrip("/")


@dataclass(frozen=True)
class FilterLink:
    label: str
    url: str
    current: bool
    count: int | None = None


def parse_page_number(raw: str | None) -> int:
    """A page number from the query string; anything but a positive integer means 1."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(LeanPageMixin, SocialMetaMixin, Page):
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
            (theme, ArticleIndexPage.filter_url_from(index_url, theme.slug)) for theme in themes
        ]
        return context


class ArticleRelatedPage(PageLink):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_items")
