from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person, Theme
from .rich_text import VisiblePageLinkHandler

# No search_fields here: the admin then searches the models' own index (search_fields on
# the models). Naming fields breaks the SQLite full-text backend ("no such column").


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thématiques")
    list_display = ["name", "slug"]
    list_filter = ["locale"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "website"]
    list_filter = ["locale"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personnes")
    list_display = ["name", "role", "organisation"]
    list_filter = ["locale", "organisation"]
    ordering = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, OrganisationViewSet, PersonViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomie")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own handler
def page_links_to_visible_pages_only(features):
    features.register_link_type(VisiblePageLinkHandler)
