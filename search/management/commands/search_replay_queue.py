from django.core.management.base import BaseCommand

from search.models import PendingIndexUpdate
from search.queue import replay


class Command(BaseCommand):
    help = (
        "Send the recorded index updates again (those the engine did not take). The "
        "scheduler does it every minute through the worker; this runs it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", dest="backend_name", help="Only this search backend.")

    def handle(self, **options):
        pending = PendingIndexUpdate.objects.count()
        self.stdout.write(f"{pending} queued index update(s).")
        report = replay(
            options["backend_name"], stdout=self.stdout if options["verbosity"] > 1 else None
        )
        self.stdout.write(
            f"Replayed: {report.done}, still failing: {report.failed}, "
            f"left in queue: {report.left}."
        )
        if report.left:
            raise SystemExit(1)
