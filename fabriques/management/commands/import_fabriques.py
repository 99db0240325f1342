"""Import Fabriques de Territoire from a CSV file (see the README for the columns)."""

import sys
from pathlib import Path

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from fabriques.importer import ImportFileError, import_fabriques
from fabriques.models import FabriqueIndexPage


class Command(BaseCommand):
    @property
    def help(self):
        # Read when the parser is built, so in the language active then (argparse needs a str).
        return _(
            "Crée ou met à jour les Fabriques d'après un fichier CSV (clé : identifier). "
            "Rien n'est écrit si une ligne est rejetée, sauf avec --skip-invalid."
        )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help=_("Chemin du fichier CSV (UTF-8 ou Windows-1252)."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Tout vérifier sans rien écrire.")
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("Importer les lignes valides même si d'autres sont rejetées."),
        )
        parser.add_argument(
            "--index",
            type=int,
            help=_("Identifiant (id) de l'annuaire parent ; par défaut l'annuaire en français."),
        )

    def handle(self, *args, csv_file, dry_run, skip_invalid, index=None, **options):
        index_page = self.find_index(index)
        try:
            content = Path(csv_file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Lecture impossible de %(path)s : %(error)s") % {"path": csv_file, "error": exc}
            ) from exc

        def progress(items):
            # A bar on a terminal; nothing on a pipe or in a log file (disable=None).
            return tqdm(
                items,
                desc=pgettext("progress bar", "Publication"),
                unit="page",
                file=sys.stderr,
                disable=None,
            )

        try:
            report = import_fabriques(
                content, index_page, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
            )
        except ImportFileError as exc:
            raise CommandError(_("Fichier refusé : %(error)s") % {"error": exc}) from exc

        for rejection in report.rejected:
            self.stdout.write(
                self.style.WARNING(_("Rejetée : %(rejection)s") % {"rejection": rejection})
            )
        if not report.applied and not dry_run:
            raise CommandError(
                ngettext(
                    "%(count)d ligne rejetée : rien n'a été importé (%(summary)s si le fichier "
                    "était corrigé). Corrigez le fichier ou relancez avec --skip-invalid.",
                    "%(count)d lignes rejetées : rien n'a été importé (%(summary)s si le fichier "
                    "était corrigé). Corrigez le fichier ou relancez avec --skip-invalid.",
                    len(report.rejected),
                )
                % {"count": len(report.rejected), "summary": report.summary()}
            )
        for identifier in report.created:
            self.stdout.write(_("Créée : %(identifier)s") % {"identifier": identifier})
        for identifier in report.updated:
            self.stdout.write(_("Mise à jour : %(identifier)s") % {"identifier": identifier})
        for identifier in report.drafted:
            self.stdout.write(
                _(
                    "Brouillon à relire : %(identifier)s (non publiée ou brouillon en cours : "
                    "les nouvelles valeurs attendent la publication par un éditeur)"
                )
                % {"identifier": identifier}
            )
        if dry_run:
            message = _("Simulation (--dry-run), rien n'a été écrit : %(summary)s.")
        else:
            message = "%(summary)s."
        self.stdout.write(self.style.SUCCESS(message % {"summary": report.summary()}))

    def find_index(self, index_id):
        indexes = FabriqueIndexPage.objects.all()
        if index_id is not None:
            index_page = indexes.filter(pk=index_id).first()
        else:
            index_page = indexes.filter(locale__language_code="fr").order_by("path").first()
        if index_page is None:
            raise CommandError(
                _(
                    "Aucun annuaire des Fabriques trouvé : créez-le dans l'administration "
                    "ou lancez load_demo_content."
                )
            )
        return index_page
