"""Run only by tests/test_settings.py, in a pytest subprocess: prints the settings it got.

Its name does not match python_files, so a normal run never collects it.
"""

import json
import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _engine_indexes_with_mappings():
    """Not here: the probe reads the settings and needs no search engine up."""


def test_print_the_settings():
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    print(
        "SETTINGS-PROBE",
        json.dumps(
            {
                "settings_module": os.environ.get("DJANGO_SETTINGS_MODULE"),
                "settings_module_used": settings.SETTINGS_MODULE,
                "media_root": str(settings.MEDIA_ROOT),
                "search_backend": backend["BACKEND"],
                "index_prefix": backend.get("INDEX_PREFIX"),
            }
        ),
    )
