"""The "Booklet editors" group: admin access, choosing snippets and images, nothing else.

Its page permissions are granted on each booklet (the booklet and its chapters) when
the booklet is created: see booklet/permissions.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Booklet editors"
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "view_theme"),
    ("home", "view_person"),
    ("home", "view_organisation"),
]
COLLECTION_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; these ones are needed now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_group(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    BookletPage = apps.get_model("booklet", "BookletPage")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*[permission(app, code) for app, code in GLOBAL_PERMISSIONS])
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission(app_label, codename)
            )
    page_permissions = [permission("wagtailcore", code) for code in PAGE_PERMISSIONS]
    for booklet in BookletPage.objects.all():
        for page_permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=booklet.pk, permission=page_permission
            )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booklet", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
