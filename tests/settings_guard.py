"""Loaded first by pytest (`-p tests.settings_guard` in pyproject's addopts).

pytest-django picks the settings module from --ds, then the DJANGO_SETTINGS_MODULE
environment variable, then the ini file: a developer's exported
DJANGO_SETTINGS_MODULE=tierslieux.settings.dev would win over pyproject and run the
tests on the dev settings (their database, media and search indexes). This plugin is
imported while pytest reads its options, before pytest-django sets Django up, and forces
the test settings. An explicit --ds is refused by tests/conftest.py.
"""

import os

import pytest

TEST_SETTINGS = "tierslieux.settings.test"


def force_test_settings() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = TEST_SETTINGS


force_test_settings()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Again right before pytest-django reads it, should anything have set it since."""
    force_test_settings()
