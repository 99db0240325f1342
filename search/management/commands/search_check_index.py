from django.core.management.base import BaseCommand, CommandError

from search import health
from search.queue import replay


class Command(BaseCommand):
    help = "Check that the engine's index and the database agree on the visible pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Replay the queue and repair the differences."
        )

    def handle(self, **options):
        try:
            if options["fix"]:
                queued = replay("default")
                self.stdout.write(f"Queue replayed: {queued.done} done, {queued.left} left.")
            report = health.check()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:
            raise CommandError(f"The search engine does not answer: {exc}") from exc
        self.stdout.write(
            f"Visible pages in the database: {report.database}; in the index: {report.index}."
        )
        if report.missing:
            self.stdout.write(f"Missing from the index: {report.missing[:50]}")
        if report.extra:
            self.stdout.write(f"In the index but not visible: {report.extra[:50]}")
        if report.agrees:
            self.stdout.write(self.style.SUCCESS("Index and database agree."))
            return
        if options["fix"]:
            health.fix(report)
            after = health.check()
            if after.agrees:
                self.stdout.write(self.style.SUCCESS("Repaired: index and database agree."))
                return
        raise CommandError("Index and database disagree (run with --fix).")
