from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .caching import new_generation
from .models import SiteSettings

# Shown on many pages (programmes, bylines, filters, images, documents, the search page's
# editors' picks): a change starts a new generation, which also empties the page cache.
TAXONOMY = (
    "home.Person",
    "home.Theme",
    "home.Organisation",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailsearchpromotions.SearchPromotion",
)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(new_generation, dispatch_uid=f"tierslieux-generation-{id(signal)}")
    post_delete.connect(new_generation, sender="wagtailcore.Page", dispatch_uid="tl-gen-delete")
    post_save.connect(new_generation, sender=SiteSettings, dispatch_uid="tl-gen-settings")
    post_save.connect(new_generation, sender="wagtailcore.Site", dispatch_uid="tl-gen-site")
    # A view restriction hides a branch from menus, switchers and cards cached meanwhile.
    for signal in (post_save, post_delete):
        signal.connect(
            new_generation,
            sender="wagtailcore.PageViewRestriction",
            dispatch_uid=f"tl-gen-{id(signal)}-restriction",
        )
    for sender in TAXONOMY:
        for signal in (post_save, post_delete):
            signal.connect(
                new_generation, sender=sender, dispatch_uid=f"tl-gen-{id(signal)}-{sender}"
            )
