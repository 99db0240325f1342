"""Data built once for a module or a class, for tests that only read it.

A module- or class-scoped fixture opens a transaction, builds its data in it and
yields it; each test then runs in its own transaction, which pytest-django's `db`
opens inside that one (a savepoint), so what a test writes is undone before the next
test; at the end of the module or class the whole transaction is rolled back: nothing
is left for other modules, whatever the data was. This is Django's
TestCase.setUpTestData, done with pytest fixtures:

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker):
        yield from shared_data(django_db_blocker, lambda: call_command("load_demo_content"))

Tests that use the data still ask for `db` (or the `django_db` mark) to get their own
transaction, and work on fresh copies of the objects (`fresh`): an instance changed in
memory by one test must not reach the next. Callbacks registered with
transaction.on_commit while building never run. Not for transactional tests (the live
server's): they would empty the tables under the shared transaction.
"""

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def shared_data(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Build in a transaction, yield what `build` returned, then roll everything back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            data = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def fresh(instance):
    """The instance as the database has it now: a new object for each test."""
    return type(instance)._default_manager.get(pk=instance.pk)
