from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

HOME_ARTICLES_COUNT = 6


def latest_articles_section(home_page, request, context) -> dict:
    """The home page's latest articles of its language, those featured above left out."""
    from .models import ArticlePage

    featured_ids = [page.pk for page in context.get("featured_pages", ())]
    articles = ArticlePage.objects.for_listing(home_page.locale_id).exclude(pk__in=featured_ids)
    return {"latest_articles": articles[:HOME_ARTICLES_COUNT]}


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Actualités")

    def ready(self):
        from home.searchable import register
        from home.sections import register_section

        register(
            "articles.ArticlePage", key="article", label=_("Article"), date="date", themes="themes"
        )

        register_section("latest_articles", latest_articles_section)
