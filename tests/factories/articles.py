import datetime

import factory

import wagtail_factories

from articles.models import ArticleIndexPage, ArticlePage

from .base import many_to_many


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actualités"
    slug = "actualites"
    show_in_menus = True

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=6, locale="fr_FR")
    slug = factory.Sequence(lambda n: f"article-{n}")
    intro = factory.Faker("paragraph", locale="fr_FR")
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Les Fabriques de Territoire se rencontrent.</p>")]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    themes = many_to_many("themes")
    authors = many_to_many("authors")
