from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Actualités")

    def ready(self):
        from home.searchable import register

        register(
            "articles.ArticlePage", key="article", label=_("Article"), date="date", themes="themes"
        )
