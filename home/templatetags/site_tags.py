from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page, Site

from home.caching import cached, site_cache_key
from home.models import get_site_settings
from home.queries import visible_q
from home.sharing import share_links as build_share_links

register = template.Library()


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, page):
    request = context["request"]
    url = page.get_full_url(request)
    site_settings = get_site_settings(request)
    instance = site_settings.mastodon_instance if site_settings else "mastodon.social"
    return {"links": build_share_links(url, page.title, instance), "page_url": url}


@register.simple_tag
def page_translations(page) -> list[dict]:
    """The translations of a page a visitor may see (itself included), for hreflang and
    the switcher: a private or draft translation is never named."""
    if not isinstance(page, Page):
        return []

    def compute() -> list[dict]:
        translations = (
            page.get_translations(inclusive=True)
            .filter(visible_q())
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            {
                "pk": translation.pk,
                "language_code": translation.locale.language_code,
                "language_name": translation.locale.get_display_name(),
                "url": translation.url,
                "full_url": translation.full_url,
            }
            for translation in translations
        ]

    return cached(f"translations:{page.translation_key}", compute)


@register.simple_tag(takes_context=True)
def language_links(context, page, translations) -> list[dict]:
    """The language switcher, on every page: for each language, the page's translation
    when there is one; on a view of its own (the search page), the same view and query
    in that language; otherwise that language's home page, or no link if it has none."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    by_language = {t["language_code"]: t["url"] for t in translations}
    view_name = request.resolver_match.view_name if request.resolver_match else None
    # Wagtail serves pages through its catch-all view; only other views are translated.
    on_a_view = not isinstance(page, Page) and view_name and view_name != "wagtail_serve"
    homes = None
    links = []
    for code, name in sorted(settings.WAGTAIL_CONTENT_LANGUAGES):
        if code in by_language:
            url = by_language[code]
        elif on_a_view:
            url = translate_url(request.get_full_path(), code)
        else:
            if homes is None:
                homes = home_urls(request)
            url = homes.get(code)
        if url:
            links.append(
                {
                    "language_code": code,
                    "language_name": name,
                    "url": url,
                    "current": code == current,
                }
            )
    return links if len(links) > 1 else []


def home_urls(request) -> dict[str, str]:
    """The URL of the site's live home page in each language."""
    site = Site.find_for_request(request)
    if site is None:
        return {}

    def compute() -> dict[str, str]:
        homes = (
            site.root_page.get_translations(inclusive=True)
            .filter(visible_q())
            .select_related("locale")
        )
        return {home.locale.language_code: home.get_url(request) for home in homes}

    return cached(f"home_urls:{site_cache_key(request)}", compute)


@register.simple_tag(takes_context=True)
def main_menu(context, page=None) -> list[dict]:
    """The menu pages under the home page of the language being read."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = get_language()

    def compute() -> list[dict]:
        home = (
            Page.objects.filter(
                translation_key=site.root_page.translation_key, locale__language_code=language
            )
            .only("path", "depth")
            .first()
        )
        if home is None:
            return []
        children = (
            Page.objects.child_of(home)
            .filter(visible_q())
            .in_menu()
            .only("title", "url_path", "path")
        )
        return [
            {
                "pk": child.pk,
                "title": child.title,
                "url": child.get_url(request),
                "path": child.path,
            }
            for child in children
        ]

    items = cached(f"menu:{site.pk}:{language}", compute)
    current_path = page.path if isinstance(page, Page) else None
    for item in items:
        # aria-current: "page" on the page itself, "true" on the section it belongs to.
        if current_path == item["path"]:
            item["state"] = "page"
        elif current_path and current_path.startswith(item["path"]):
            item["state"] = "true"
        else:
            item["state"] = ""
    return items


@register.simple_tag(takes_context=True)
def page_stream(context, page, field_name: str = "body"):
    """A page's StreamField rendered once per content generation.

    Quotes fetch people, rich-text links fetch pages, images their renditions: cached,
    the page costs none of those queries. Previews always render afresh.
    """
    request = context.get("request")
    value = getattr(page, field_name)

    def render() -> str:
        return str(value.render_as_block(context=context.flatten()))

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())
    key = (
        f"stream:{page.pk}:{field_name}:{page.latest_revision_id}:"
        f"{get_language()}:{site_cache_key(request)}"
    )
    return mark_safe(cached(key, render))


@register.simple_tag(takes_context=True)
def footer_links(context) -> dict:
    """The footer's pages chosen in the site settings (legal notices, accessibility
    statement, site map), each in the language being read when it has a live, public
    translation there, else as chosen; a page that is not visible is left out."""
    request = context.get("request")
    site_settings = context.get("site_settings")
    if request is None or site_settings is None:
        return {}
    chosen = {
        "legal": site_settings.legal_page_id,
        "accessibility": site_settings.accessibility_page_id,
        "sitemap": site_settings.sitemap_page_id,
    }
    ids = [pk for pk in chosen.values() if pk]
    if not ids:
        return {}
    language = get_language()

    def compute() -> dict:
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        visible = (
            Page.objects.filter(visible_q(), translation_key__in=keys.values())
            .select_related("locale")
            .only("title", "url_path", "path", "translation_key", "locale__language_code")
        )
        by_key: dict = {}
        for page in visible:
            if page.locale.language_code == language:  # the reader's language first
                by_key[page.translation_key] = page
            elif page.pk in ids:
                by_key.setdefault(page.translation_key, page)
        return {
            name: {"title": by_key[keys[pk]].title, "url": by_key[keys[pk]].get_url(request)}
            for name, pk in chosen.items()
            if pk in keys and keys[pk] in by_key
        }

    return cached(f"footer:{site_cache_key(request)}:{language}", compute)
