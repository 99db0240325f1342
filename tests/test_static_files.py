"""Static files served by whitenoise under the production settings.

collectstatic with the compressed manifest storage, then a hashed file requested through the
WSGI application (a test Client in a production process): far-future cache headers and a
gzip variant for a client that accepts it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

REQUEST_STATIC = """
import json
import django
django.setup()
from django.templatetags.static import static
from django.test import Client

url = static("css/site.css")
client = Client()
plain = client.get(url, secure=True)
gzipped = client.get(url, secure=True, headers={"Accept-Encoding": "gzip"})
print(json.dumps({
    "url": url,
    "status": plain.status_code,
    "cache_control": plain.get("Cache-Control", ""),
    "plain_encoding": plain.get("Content-Encoding", ""),
    "gzip_status": gzipped.status_code,
    "gzip_encoding": gzipped.get("Content-Encoding", ""),
    "vary": gzipped.get("Vary", ""),
}))
"""


def production_environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tierslieux.settings.production",
        SECRET_KEY="static-files-test-secret-key",
        ALLOWED_HOSTS="testserver",
        STATIC_ROOT=str(tmp_path / "static"),
        VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    return environment


def run(args: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow  # collectstatic and a production process
def test_production_serves_hashed_static_files_compressed_with_far_future_headers(tmp_path):
    environment = production_environment(tmp_path)
    run(["manage.py", "collectstatic", "--noinput", "-v", "0"], environment)
    response = json.loads(run(["-c", REQUEST_STATIC], environment).splitlines()[-1])

    assert response["url"].startswith("/static/css/site.")
    assert response["url"] != "/static/css/site.css", "not a hashed name"
    assert response["status"] == 200
    cache_control = response["cache_control"]
    assert "max-age=315360000" in cache_control
    assert "public" in cache_control and "immutable" in cache_control
    assert response["plain_encoding"] == ""
    assert response["gzip_status"] == 200
    assert response["gzip_encoding"] == "gzip"
    assert "Accept-Encoding" in response["vary"]
