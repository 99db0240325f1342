import datetime

import factory

import wagtail_factories

from articles.models import ArticleIndexPage, ArticlePage


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

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if extracted:
            self.authors.set(extracted)
            self.save()
