"""Edit-form data for the pages the role tests save through the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form(page, **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro or "Un chapô.",
        "date": page.date.isoformat(),
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Un paragraphe.</p>"))]),
        "related_items": inline_formset([]),
    }
    return with_themes(page, data, overrides)


def with_themes(page, data: dict, overrides: dict) -> dict:
    """nested_form_data flattens lists: a multiple choice is added after it."""
    themes = overrides.pop("themes", [theme.pk for theme in page.themes.all()])
    data.update(overrides)
    data = nested_form_data(data)
    data["themes"] = themes
    return data


def fabrique_form(page, **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "identifier": page.identifier,
        "short_description": page.short_description,
        "address": "",
        "postcode": page.postcode,
        "commune": page.commune,
        "departement_code": page.departement_code,
        "departement_name": page.departement_name,
        "region_code": page.region_code,
        "region_name": page.region_name,
        "latitude": str(page.latitude),
        "longitude": str(page.longitude),
        "territory_type": page.territory_type,
        "year_labelled": "",
        "structure": "",
        "email": "",
        "phone": "",
        "website": "",
        "social_links": "",
        "body": streamfield([]),
        "actors": inline_formset([]),
        "gallery_images": inline_formset([]),
    }
    return with_themes(page, data, overrides)


def chapter_form(page, **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "Les discours.",
        "body": streamfield([("paragraph", rich_text("<p>Bienvenue.</p>"))]),
    }
    data.update(overrides)
    return nested_form_data(data)
