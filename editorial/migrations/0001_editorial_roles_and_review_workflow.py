"""The groups Rédaction, Publication, Livret and Fabriques, the "Relecture" workflow on the
news, agenda and directory (its task a ReviewTask), and no group left with rights over the
whole tree.

The definitions live in editorial/roles.py, written against an app registry so that the
signals granting rights on later section indexes use the same ones.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from editorial.roles import apply_roles


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; these ones are needed now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    apply_roles(apps)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0003_articlepage_event"),
        ("agenda", "0004_rename_events_tables"),
        ("fabriques", "0004_fabrique_editors"),
        ("booklet", "0003_workshop_takeaways_help"),
        ("home", "0002_tagline_en_home_pages_plural"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "relecture avant publication",
                "verbose_name_plural": "relectures avant publication",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
