"""Build the French demo site from the data files of each app; safe to run again."""

from importlib import import_module
from importlib.util import find_spec
from urllib.parse import urlsplit

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from home.caching import new_generation
from home.demo_content import DemoContext


def demo_loaders() -> list:
    """The `demo` modules of the installed apps, in their declared ORDER."""
    modules = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if find_spec(app_config.name) and find_spec(name):
            modules.append(import_module(name))
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 100))


def point_default_site_at(site_url: str) -> None:
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(f"--site-url {site_url!r} is not an http(s) address.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=port)
    Site.clear_site_root_paths_cache()
    new_generation()


class Command(BaseCommand):
    help = "Load the demo content (idempotent: existing content is left as it is)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            help="Address the site is served at (e.g. http://127.0.0.1:8000), for full URLs.",
        )

    def handle(self, *args, site_url: str | None = None, **options):
        context = DemoContext(stdout=self.stdout)
        loaders = demo_loaders()
        with transaction.atomic():
            for step, module in enumerate(loaders, start=1):
                app_label = module.__name__.split(".")[0]
                self.stdout.write(f"[{step}/{len(loaders)}] {app_label}…")
                module.load(context)
            if site_url:
                point_default_site_at(site_url)
        kinds = sorted(set(context.created) | set(context.existing))
        for kind in kinds:
            self.stdout.write(
                f"  {kind}: {context.created.get(kind, 0)} created, "
                f"{context.existing.get(kind, 0)} already there"
            )
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
