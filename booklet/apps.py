from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

HOME_BOOKLETS_COUNT = 3


def publications_section(home_page, request, context) -> dict:
    """The home page's "Publications": its language's latest live, public booklets.

    Kept in the shared cache until the next publish (home/caching.py), so that a warm
    home page spends no query on them; two queries when cold (the booklets with their
    covers, then the covers' renditions), whatever their number.
    """
    from home.caching import cached
    from home.queries import public_q

    from .models import BookletPage

    def compute() -> list:
        booklets = (
            BookletPage.objects.live()
            .filter(public_q(), locale_id=home_page.locale_id)
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions")
            .order_by("-edition_date", "-first_published_at")
        )
        return list(booklets[:HOME_BOOKLETS_COUNT])

    return {"home_booklets": cached(f"home_booklets:{home_page.locale_id}", compute)}


class BookletConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "booklet"
    verbose_name = _("Livrets de restitution")

    def ready(self):
        from home.searchable import parent_field, register
        from home.sections import register_section

        from . import signals

        register(
            "booklet.BookletChapterPage",
            key="booklet",
            label=_("Livret"),
            # A chapter is dated by its booklet's edition, not by its publication.
            date=parent_field("booklet.BookletPage", "edition_date"),
            themes=None,
        )

        register_section("publications", publications_section)
        signals.connect()
