"""Background tasks of the home app (run by the worker)."""

from django_tasks import task

from django.core.management import call_command


@task()
def publish_scheduled_pages() -> None:
    """Wagtail's publish_scheduled: revisions whose go-live time has come, and expiries."""
    call_command("publish_scheduled")
