"""The W3C Nu HTML checker on every page type: 0 errors.

The checker is nu.validator:validator from Maven Central, fetched with mvn into ~/.m2 and
run with the JDK by scripts/html-validator (`make validator-install` once); the pages are
the layout tests' (tests/browser/test_layout.py), as the server sends them. Without Java
or Maven the test skips, or FAILS when REQUIRE_HTML_VALIDATOR=1 (CI).
"""

import json
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings

# The layout tests' pages: the same page types.
from .test_layout import database_backend, site_pages  # noqa: F401

pytestmark = pytest.mark.slow

VALIDATOR = Path(settings.BASE_DIR) / "scripts" / "html-validator"


@pytest.fixture(scope="session")
def html_validator() -> Path:
    """The validator, resolved once: skip if it cannot be, or FAIL if REQUIRE_HTML_VALIDATOR=1."""
    result = subprocess.run(
        [VALIDATOR, "install"], capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0:
        reason = f"scripts/html-validator install failed: {result.stderr.strip()[-500:]}"
        if os.environ.get("REQUIRE_HTML_VALIDATOR") == "1":
            pytest.fail(f"REQUIRE_HTML_VALIDATOR=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return VALIDATOR


def fetch(url: str) -> bytes:
    """The page as the server sends it, whatever its status (the 404 page too)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def validate(validator: Path, files: list[Path]) -> list[dict]:
    """The checker's errors for these files (one JVM for all of them)."""
    result = subprocess.run(
        [validator, "check", *files], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.stdout, f"no report from the validator: {result.stderr[-1000:]}"
    return json.loads(result.stdout)["messages"]


def test_validator_reports_errors(html_validator, tmp_path):
    """The checker is really run: a page with the errors it once found fails."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head>'
        '<body><h2 role="status">x</h2><p><time>09h30</time></p></body></html>',
        encoding="utf-8",
    )
    messages = validate(html_validator, [page])
    assert len([m for m in messages if m["type"] == "error"]) == 2, messages


def test_every_page_type_is_valid_html(html_validator, site_pages, tmp_path):  # noqa: F811
    pages = {}
    for name, url in site_pages.items():
        path = tmp_path / f"{name.replace(' ', '-')}.html"
        path.write_bytes(fetch(url))
        pages[path.name] = f"{name} ({url})"
    messages = validate(html_validator, [tmp_path / file_name for file_name in pages])
    problems = [
        f"{pages.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line "
        f"{m.get('lastLine')}: {m['message']}\n    {m.get('extract', '')}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert problems == [], "\n".join(problems)
