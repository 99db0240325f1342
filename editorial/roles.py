"""The editorial roles: groups with least privilege, and the "Relecture" workflow.

Every function takes an app registry (`apps`), so that the migration runs them with its
historical models and the signals (new section index, new home page) with the real ones:
one definition of who may do what. Nobody but superusers gets rights over the whole tree.
"""

from __future__ import annotations

from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION, ROLES

WORKFLOW = "Relecture"
TASK = "Relecture par la Publication"
OLD_BOOKLET_GROUP = "Booklet editors"

WRITE = ["add_page", "change_page"]
PUBLISH = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Page type (app_label, model) -> the groups' page permissions on every page of that type
# (and so on its subtree). The Fabriques group has none: see FabriquePermissionTester.
PAGE_PERMISSIONS: dict[tuple[str, str], dict[str, list[str]]] = {
    ("articles", "articleindexpage"): {REDACTION: WRITE, PUBLICATION: PUBLISH},
    ("agenda", "eventindexpage"): {REDACTION: WRITE, PUBLICATION: PUBLISH},
    ("fabriques", "fabriqueindexpage"): {PUBLICATION: PUBLISH},
    # Livret may add pages under a home page: booklets only (editorial.wagtail_hooks);
    # each new booklet then gets the group's rights (booklet.permissions).
    ("home", "homepage"): {LIVRET: ["add_page"]},
}
# The sections whose pages go through "Relecture" before publication.
REVIEWED_SECTIONS = [
    ("articles", "articleindexpage"),
    ("agenda", "eventindexpage"),
    ("fabriques", "fabriqueindexpage"),
]

ADMIN = [("wagtailadmin", "access_admin")]
CHOOSE_TAXONOMY = [("home", f"view_{model}") for model in ("theme", "organisation", "person")]
MANAGE_TAXONOMY = [
    ("home", f"{action}_{model}")
    for model in ("theme", "organisation", "person")
    for action in ("add", "change", "delete", "view")
]
MANAGE_FABRIQUE_EDITORS = [
    ("fabriques", f"{action}_fabriqueeditor") for action in ("add", "change", "delete", "view")
]
MODEL_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    REDACTION: ADMIN + CHOOSE_TAXONOMY,
    PUBLICATION: ADMIN + MANAGE_TAXONOMY + MANAGE_FABRIQUE_EDITORS,
    LIVRET: ADMIN + CHOOSE_TAXONOMY,
    FABRIQUES: ADMIN + CHOOSE_TAXONOMY,
}
# On the root collection: upload and choose images and documents.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(apps, app_label: str, codename: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps) -> None:
    """The four groups and their model and collection permissions (the booklet's old
    "Booklet editors" group becomes Livret, keeping its rights on existing booklets)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    if not Group.objects.filter(name=LIVRET).exists():
        Group.objects.filter(name=OLD_BOOKLET_GROUP).update(name=LIVRET)
    root_collection = Collection.objects.filter(depth=1).first()
    for name in ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(apps, *pair) for pair in MODEL_PERMISSIONS[name]])
        if root_collection is not None:
            for pair in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, *pair)
                )


def remove_tree_wide_rights(apps) -> None:
    """Wagtail's default groups (Moderators, Editors) lose their rights on the root (the
    whole tree), and the default "Moderators approval" workflow its place on the root."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission.objects.filter(page__depth__lte=1).delete()
    WorkflowPage.objects.filter(page__depth__lte=1).delete()
    apps.get_model("wagtailcore", "Workflow").objects.exclude(name=WORKFLOW).update(active=False)


def review_workflow(apps):
    """The "Relecture" workflow: one review task (a group approval), Publication's."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ReviewTask = apps.get_model("editorial", "ReviewTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _created = ContentType.objects.get_or_create(
            app_label="editorial", model="reviewtask"
        )
        task = ReviewTask.objects.create(name=TASK, active=True, content_type=task_type)
        task.groups.set([apps.get_model("auth", "Group").objects.get(name=PUBLICATION)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def grant_page_roles(apps, page_id: int, page_type: tuple[str, str]) -> None:
    """The groups' rights on one page of a type named in PAGE_PERMISSIONS, and the review
    workflow when it is a reviewed section. Safe to run again."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group_name, codenames in PAGE_PERMISSIONS.get(page_type, {}).items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=_permission(apps, "wagtailcore", codename)
            )
    if page_type in REVIEWED_SECTIONS:
        workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).first()
        if workflow is not None:
            apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
                page_id=page_id, defaults={"workflow": workflow}
            )


def grant_existing_pages(apps) -> None:
    for app_label, model_name in PAGE_PERMISSIONS:
        model = apps.get_model(app_label, model_name)
        for page_id in model.objects.values_list("pk", flat=True):
            grant_page_roles(apps, page_id, (app_label, model_name))


def apply_roles(apps) -> None:
    """Everything above, in order: what the migration runs."""
    create_groups(apps)
    remove_tree_wide_rights(apps)
    review_workflow(apps)
    grant_existing_pages(apps)
