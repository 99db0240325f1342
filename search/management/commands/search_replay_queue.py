from django.core.management.base import BaseCommand

from search.models import PendingIndexUpdate
from search.queue import replay


class Command(BaseCommand):
    help = "Send the queued index updates (that failed while the engine was down) again."

    def handle(self, **options):
        pending = PendingIndexUpdate.objects.count()
        self.stdout.write(f"{pending} queued index update(s).")
        report = replay(stdout=self.stdout if options["verbosity"] > 1 else None)
        self.stdout.write(
            f"Replayed: {report.done}, still failing: {report.failed}, "
            f"left in queue: {report.left}."
        )
        if report.left:
            raise SystemExit(1)
