"""(Re)generate the PDF of every live booklet: after a deployment that changed templates.

It renders here and now, under the same per-booklet lock as the worker: a booklet that
the worker is rendering at that moment is reported busy, not rendered twice.
"""

from django.core.management.base import BaseCommand, CommandError

from booklet.models import BookletPage
from booklet.pdf_files import pdf_state, refresh_booklet_pdf


class Command(BaseCommand):
    help = "Generate the missing PDFs of live booklets (all of them with --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Regenerate fresh PDFs too.")
        parser.add_argument("--booklet", type=int, help="Only the booklet with this page id.")

    def handle(self, *args, force=False, booklet=None, **options):
        booklets = BookletPage.objects.live().order_by("path")
        if booklet is not None:
            booklets = booklets.filter(pk=booklet)
            if not booklets.exists():
                raise CommandError(f"No live booklet has the id {booklet}.")
        generated = kept = failed = busy = 0
        for page in booklets:
            self.stdout.write(f"{page.title} (id {page.pk})… ", ending="")
            try:
                outcome = refresh_booklet_pdf(page.pk, force=force)
            except Exception as error:  # report and go on with the other booklets
                failed += 1
                self.stdout.write(self.style.ERROR(f"failed: {error}"))
                continue
            generated += outcome == "rendered"
            kept += outcome == "fresh"
            busy += outcome == "busy"
            label = {"rendered": "generated", "fresh": "up to date"}.get(outcome, outcome)
            self.stdout.write(f"{label}: {pdf_state(page.pk).file_name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"PDFs generated: {generated}, up to date: {kept}, failed: {failed}, "
                f"being rendered by another process: {busy}"
            )
        )
        if failed:
            raise CommandError(f"{failed} PDF(s) could not be generated.")
