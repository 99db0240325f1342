"""modelsearch's update_index, with a progress line (done/total, %, docs/s) per model.

With an engine, the rebuild fills a new index and then switches the alias to it
(modelsearch's atomic rebuild, ATOMIC_REBUILD=True in tierslieux/settings/search.py):
searches keep answering from the old index until the new one is complete.
"""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)

from django.utils import timezone

from search.models import PendingIndexUpdate


class Command(RebuildCommand):
    help = "Rebuild the search indexes (atomic alias switch on engines), with progress."

    def handle(self, **options):
        started = timezone.now()
        super().handle(**options)
        # Updates queued before the rebuild started are in the new index now.
        stale = PendingIndexUpdate.objects.filter(updated_at__lt=started).delete()[0]
        if stale:
            self.write(f"Dropped {stale} queued update(s) covered by the rebuild.")

    def queryset_chunks(self, qs, chunk_size=1000):
        self._total = qs.count()
        self._done = 0
        self._started = time.monotonic()
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        for chunk in iterable:
            yield chunk
            self._done += len(chunk)
            elapsed = max(time.monotonic() - self._started, 1e-6)
            percent = 100 * self._done / self._total if self._total else 100
            rate = self._done / elapsed
            self.write(
                f"\r{self._done}/{self._total} ({percent:.0f} %), {rate:.0f} docs/s", ending=""
            )
            self.stdout.flush()
