"""modelsearch's update_index, with a progress line (done/total, %, docs/s) per model.

With an engine, the rebuild fills a new index and then switches the alias to it
(modelsearch's atomic rebuild, ATOMIC_REBUILD=True in tierslieux/settings/search.py):
searches keep answering from the old index until the new one is complete. Pages
published, edited, unpublished or deleted meanwhile were written to the old index
only; once the alias has switched they are caught up in the new one.
"""

import time

from modelsearch.backends import get_search_backend
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from search import health
from search.backends.base import SiteBackendMixin
from search.models import PendingIndexUpdate


class Command(RebuildCommand):
    help = "Rebuild the search indexes (atomic alias switch on engines), with progress."

    def handle(self, **options):
        started = timezone.now()
        super().handle(**options)
        if options.get("schema_only"):
            return  # no document was written: every recorded update is still due
        rebuilt = (
            [options["backend_name"]]
            if options.get("backend_name")
            else list(settings.WAGTAILSEARCH_BACKENDS)
        )
        for backend_name in rebuilt:
            # Its updates recorded before the rebuild started are in its new index now;
            # other backends' stay recorded, and so do changes made since.
            stale = PendingIndexUpdate.objects.filter(
                backend=backend_name, updated_at__lt=started
            ).delete()[0]
            if stale:
                self.write(f"Dropped {stale} queued update(s) covered by the rebuild.")
            self.catch_up(backend_name, started)

    def catch_up(self, backend_name: str, started) -> None:
        """Write to the new index what changed while it was being filled."""
        backend = get_search_backend(backend_name)
        if not isinstance(backend, SiteBackendMixin):
            return
        index = backend.get_index_for_model(Page)
        changed = Page.objects.filter(
            Q(last_published_at__gte=started) | Q(latest_revision_created_at__gte=started)
        ).specific()
        count = 0
        for page in changed:
            index.add_item(page)
            count += 1
        # Unpublished, deleted, expired or newly restricted pages: by visibility.
        report = health.check(backend_name)
        if not report.agrees:
            health.fix(report, backend_name)
        self.write(
            f"Caught up after the switch: {count} page(s) changed during the rebuild, "
            f"{len(report.missing) + len(report.extra)} visibility difference(s) repaired."
        )

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
