"""Import Fabriques de Territoire from a CSV file (see the README for the columns)."""

import sys
from pathlib import Path

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from fabriques.importer import ImportFileError, import_fabriques
from fabriques.models import FabriqueIndexPage


class Command(BaseCommand):
    help = (
        "Crée ou met à jour les Fabriques d'après un fichier CSV (clé : identifier). "
        "Rien n'est écrit si une ligne est rejetée, sauf avec --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Chemin du fichier CSV (UTF-8 ou Windows-1252).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Tout vérifier sans rien écrire."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Importer les lignes valides même si d'autres sont rejetées.",
        )
        parser.add_argument(
            "--index",
            type=int,
            help="Identifiant (id) de l'annuaire parent ; par défaut l'annuaire en français.",
        )

    def handle(self, *args, csv_file, dry_run, skip_invalid, index=None, **options):
        index_page = self.find_index(index)
        try:
            content = Path(csv_file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Lecture impossible de {csv_file} : {exc}") from exc

        def progress(items):
            # A bar on a terminal; nothing on a pipe or in a log file (disable=None).
            return tqdm(items, desc="Publication", unit="page", file=sys.stderr, disable=None)

        try:
            report = import_fabriques(
                content, index_page, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
            )
        except ImportFileError as exc:
            raise CommandError(f"Fichier refusé : {exc}") from exc

        for rejection in report.rejected:
            self.stdout.write(self.style.WARNING(f"Rejetée : {rejection}"))
        if not report.applied and not dry_run:
            raise CommandError(
                f"{len(report.rejected)} ligne(s) rejetée(s) : rien n'a été importé "
                f"({report.summary()} si le fichier était corrigé). "
                "Corrigez le fichier ou relancez avec --skip-invalid."
            )
        for label, identifiers in (("Créée", report.created), ("Mise à jour", report.updated)):
            for identifier in identifiers:
                self.stdout.write(f"{label} : {identifier}")
        prefix = "Simulation (--dry-run), rien n'a été écrit : " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()}."))

    def find_index(self, index_id):
        indexes = FabriqueIndexPage.objects.all()
        if index_id is not None:
            index_page = indexes.filter(pk=index_id).first()
        else:
            index_page = indexes.filter(locale__language_code="fr").order_by("path").first()
        if index_page is None:
            raise CommandError(
                "Aucun annuaire des Fabriques trouvé : créez-le dans l'administration "
                "ou lancez load_demo_content."
            )
        return index_page
