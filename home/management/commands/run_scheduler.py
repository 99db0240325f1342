import signal
import time

from django.core.management.base import BaseCommand

from home import scheduling


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (scheduled publishing, index replays) when they are due; "
        "the task worker (db_worker) runs them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue every job once, then stop."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds between two looks at the jobs' timetable (default 5).",
        )

    def handle(self, **options):
        names = ", ".join(f"{job.name} (every {job.every} s)" for job in scheduling.jobs())
        self.stdout.write(f"Scheduler: {names or 'no job registered'}.")
        if options["once"]:
            self.report(scheduling.tick(time.monotonic(), force=True))
            return
        running = [True]

        def stop(signum, frame):
            running[0] = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running[0]:
            self.report(scheduling.tick(time.monotonic()))
            self.stdout.flush()
            time.sleep(options["interval"])

    def report(self, names: list[str]) -> None:
        if names:
            self.stdout.write(f"Enqueued: {', '.join(names)}.")
