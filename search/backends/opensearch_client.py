"""Import opensearch-py despite a name clash.

opensearch-py depends on the PyPI package `Events` (module `events`), and this
project has a Django app called `events`, found first on sys.path. While
opensearch-py is imported, the PyPI module stands in for `events` in
sys.modules; the project's app is put back right after.
"""

import importlib.metadata
import importlib.util
import sys


def import_opensearchpy() -> None:
    if "opensearchpy.metrics.metrics_events" in sys.modules:
        return
    location = importlib.metadata.distribution("Events").locate_file("events/__init__.py")
    spec = importlib.util.spec_from_file_location(
        "events", location, submodule_search_locations=[str(location.parent)]
    )
    third_party = importlib.util.module_from_spec(spec)
    ours = sys.modules.get("events")
    sys.modules["events"] = third_party
    try:
        spec.loader.exec_module(third_party)
        import opensearchpy.metrics.metrics_events  # noqa: F401
    finally:
        sys.modules.pop("events.events", None)
        if ours is not None:
            sys.modules["events"] = ours
        else:
            sys.modules.pop("events", None)
