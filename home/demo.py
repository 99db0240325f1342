"""Demo content of the home app: locales, taxonomy, home pages and site settings."""

from __future__ import annotations

from wagtail.models import Page, Site

from home.demo_content import DemoContext, ensure_child_page, ensure_translation, read_demo_data
from home.models import (
    HomePage,
    InformationPage,
    Organisation,
    Person,
    SitemapPage,
    SiteSettings,
    Theme,
)

ORDER = 10


def load(context: DemoContext) -> None:
    site_data = read_demo_data("home", "site.json")
    taxonomy = read_demo_data("home", "taxonomy.json")
    fr = context.locale("fr")
    context.locale("en")
    images = {item["key"]: context.image(**item) for item in site_data["images"]}
    load_taxonomy(context, taxonomy, fr, images)
    home = ensure_home_pages(context, site_data["locales"], images)
    settings_data = site_data["settings"]
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    # All of them the first time; later, only those still blank (a field added since).
    first_time = not site_settings.contact_email
    missing = {
        key: value
        for key, value in settings_data.items()
        if first_time or not getattr(site_settings, key)
    }
    if missing:
        for key, value in missing.items():
            setattr(site_settings, key, value)
        site_settings.save()
    ensure_footer_pages(context, site_data["footer_pages"], home, site_settings)


def load_taxonomy(context: DemoContext, data: dict, locale, images: dict) -> None:
    """Themes, organisations and people in French, then their English translations."""
    english = context.locale("en")
    for item in data["themes"]:
        theme, created = Theme.objects.get_or_create(
            slug=item["slug"],
            locale=locale,
            defaults={"name": item["name"], "description": item["description"]},
        )
        context.count("themes", created)
        ensure_translation(context, theme, english, item["en"])
    for item in data["organisations"]:
        organisation, created = Organisation.objects.get_or_create(
            name=item["name"],
            locale=locale,
            defaults={
                "acronym": item["acronym"],
                "website": item["website"],
                "logo": images.get(item["logo"]),
            },
        )
        context.count("organisations", created)
        # After the organisations: a person's translation points at their translation.
        ensure_translation(context, organisation, english, item["en"])
    for item in data["people"]:
        organisation = None
        if item["organisation"]:
            organisation = Organisation.objects.filter(locale=locale).filter(
                acronym=item["organisation"]
            ).first() or Organisation.objects.get(locale=locale, name=item["organisation"])
        person, created = Person.objects.get_or_create(
            name=item["name"],
            locale=locale,
            defaults={"role": item["role"], "organisation": organisation},
        )
        context.count("people", created)
        ensure_translation(context, person, english, item["en"])


def ensure_home_pages(context: DemoContext, locales: dict, images: dict) -> HomePage:
    """The French home page as the site root, and its English translation."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="fr").first()
    if home is None:
        data = locales["fr"]
        home = HomePage(
            title=data["title"],
            slug="accueil",
            hero_title=data["hero_title"],
            hero_intro=data["hero_intro"],
            hero_cta_text=data["hero_cta_text"],
            hero_image=images[data["hero_image"]],
            search_description=data["search_description"],
            locale=context.locale("fr"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        context.count("home pages", True)
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        previous_root = site.root_page if site.pk else None
        site.root_page = home
        site.site_name = "France Tiers-Lieux"
        site.save()
        if previous_root is not None and not isinstance(previous_root.specific, HomePage):
            previous_root.delete()  # Wagtail's "Welcome" page, replaced by ours.
    else:
        context.count("home pages", False)

    keys = ("title", "hero_title", "hero_intro", "hero_cta_text", "search_description")
    english = {key: locales["en"][key] for key in keys}
    ensure_translation(context, home, context.locale("en"), {**english, "slug": "home"})
    return home


FOOTER_PAGE_CLASSES = {"information": InformationPage, "sitemap": SitemapPage}


def ensure_footer_pages(
    context: DemoContext, pages: dict, home: HomePage, site_settings: SiteSettings
) -> None:
    """Legal notices, accessibility statement and site map, in French and English, chosen
    in the site settings for the footer (a choice an editor has made is kept)."""
    changed = False
    for name, data in pages.items():
        page_class = FOOTER_PAGE_CLASSES[data["class"]]
        page, created = ensure_child_page(context, home, page_class(**data["fr"]))
        ensure_translation(context, page, context.locale("en"), data["en"])
        field = f"{name}_page"
        if getattr(site_settings, f"{field}_id") is None:
            setattr(site_settings, field, page)
            changed = True
            if name == "accessibility":
                site_settings.accessibility_status = "partial"  # what the demo page declares
    if changed:
        site_settings.save()
