"""Take the themes that restate a territory type off the Fabriques (issue 13, item 6).

A Fabrique's territory (rural area, priority neighbourhood) is its territory type, a
required field every Fabrique has; the themes "Ruralité" and "Quartiers prioritaires
(QPV)" (and their English translations) said it a second time and doubled the
directory's filters. They stay themes of articles and events. Revisions are cleaned as
well, or the editor would bring the themes back from the latest draft.
"""

from django.db import migrations

# fabriques.choices.TERRITORY_THEMES as of this migration (frozen here on purpose).
TERRITORY_THEME_SLUGS = ("ruralite", "rural-areas", "qpv", "priority-neighbourhoods")


def drop_territory_themes(apps, schema_editor):
    Theme = apps.get_model("home", "Theme")
    FabriquePage = apps.get_model("fabriques", "FabriquePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    theme_ids = set(
        Theme.objects.filter(slug__in=TERRITORY_THEME_SLUGS).values_list("pk", flat=True)
    )
    if not theme_ids:
        return
    FabriquePage.themes.through.objects.filter(theme_id__in=theme_ids).delete()
    content_type = ContentType.objects.filter(app_label="fabriques", model="fabriquepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        themes = revision.content.get("themes")
        if isinstance(themes, list) and theme_ids.intersection(themes):
            revision.content["themes"] = [pk for pk in themes if pk not in theme_ids]
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("fabriques", "0004_fabrique_editors"),
        ("home", "0002_tagline_en_home_pages_plural"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(drop_territory_themes, migrations.RunPython.noop)]
