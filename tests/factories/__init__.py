"""Every test factory, one per model, one module per app: import them from here.

Values that vary come from per-instance declarations (Sequence, Faker, LazyFunction),
so no two instances share a mutable default; pages are placed with `parent=`.
"""

from .agenda import EventIndexPageFactory, EventPageFactory, annual_meeting_event, paris
from .articles import ArticleIndexPageFactory, ArticlePageFactory
from .booklet import (
    BookletChapterPageFactory,
    BookletPageFactory,
    heading,
    paragraph,
    workshop,
)
from .fabriques import FabriqueIndexPageFactory, FabriquePageFactory
from .home import (
    HomePageFactory,
    InformationPageFactory,
    LocaleFactory,
    OrganisationFactory,
    PersonFactory,
    SitemapPageFactory,
    ThemeFactory,
    site_home,
    translated_home,
)

__all__ = [
    "ArticleIndexPageFactory",
    "ArticlePageFactory",
    "BookletChapterPageFactory",
    "BookletPageFactory",
    "EventIndexPageFactory",
    "EventPageFactory",
    "FabriqueIndexPageFactory",
    "FabriquePageFactory",
    "HomePageFactory",
    "InformationPageFactory",
    "LocaleFactory",
    "OrganisationFactory",
    "PersonFactory",
    "SitemapPageFactory",
    "ThemeFactory",
    "annual_meeting_event",
    "heading",
    "paragraph",
    "paris",
    "site_home",
    "translated_home",
    "workshop",
]
