"""Carry a database migrated while this app was called `events` over to `agenda`.

On such a database, 0001-0003 count as applied through their `replaces`, but the
tables still carry the old prefix and the content types the old label. Renaming
both in place keeps every primary key: pages, revisions (which name their content
type by id), permissions and reference-index rows stay valid. On a new database
there is nothing to do.
"""

from django.db import migrations

OLD_LABEL = "events"
NEW_LABEL = "agenda"


def rename_tables_and_content_types(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    quote = schema_editor.quote_name
    for old_table in sorted(existing):
        if not old_table.startswith(f"{OLD_LABEL}_"):
            continue
        new_table = NEW_LABEL + old_table[len(OLD_LABEL) :]
        if new_table in existing:
            continue
        schema_editor.execute(f"ALTER TABLE {quote(old_table)} RENAME TO {quote(new_table)}")

    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label=NEW_LABEL).values_list("model", flat=True)
    )
    ContentType.objects.filter(app_label=OLD_LABEL).exclude(model__in=taken).update(
        app_label=NEW_LABEL
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_event_details_programme_speakers"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(rename_tables_and_content_types, migrations.RunPython.noop),
    ]
