"""A database migrated while the agenda app was called `events` keeps its content.

data/pre-rename.sqlite3.gz was written by the code of that time (see
data/make_pre_rename_db.py); the test migrates a copy with today's code in a
subprocess, then reads it back through the models and the site.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "pre-rename.sqlite3.gz"
PROJECT = Path(__file__).resolve().parents[2]

READ_BACK = """
import json
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from agenda.models import EventPage
from articles.models import ArticlePage

client = Client(HTTP_HOST="localhost")
events = []
for event in EventPage.objects.order_by("start"):
    response = client.get(event.url)
    events.append({
        "title": event.title,
        "url": event.url,
        "status": response.status_code,
        "title_shown": event.title in response.content.decode(),
        "revisions": event.revisions.count(),
        "latest_intro": event.get_latest_revision_as_object().intro,
        "themes": [theme.slug for theme in event.themes.all()],
        "speakers": [speaker.person.name for speaker in event.speakers.all()],
    })
article = ArticlePage.objects.get()
print(json.dumps({
    "events": events,
    "article_event": article.event.title if article.event else None,
    "labels": sorted(set(
        ContentType.objects.filter(model__startswith="event").values_list("app_label", flat=True)
    )),
}))
"""


def manage(database: Path, *args: str) -> str:
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="tierslieux.settings.test",
    )
    env.pop("SEARCH_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow
def test_a_database_from_before_the_rename_keeps_its_events(tmp_path):
    database = tmp_path / "site.sqlite3"
    with gzip.open(DATA) as source, database.open("wb") as target:
        shutil.copyfileobj(source, target)

    manage(database, "migrate", "--noinput")
    found = json.loads(manage(database, "shell", "-c", READ_BACK).strip().splitlines()[-1])

    assert found["labels"] == ["agenda"]
    assert [event["url"] for event in found["events"]] == [
        "/fr/agenda/rencontre-annuelle-fabriques-2020/",
        "/fr/agenda/table-ronde-reinsertion-2020/",
    ]
    meeting, round_table = found["events"]
    assert meeting["status"] == round_table["status"] == 200
    assert meeting["title_shown"] and round_table["title_shown"]
    assert meeting["revisions"] == 2 and round_table["revisions"] == 1
    assert meeting["latest_intro"].startswith("Près de 200 participants")
    assert meeting["themes"] == ["culture"]
    assert meeting["speakers"] == ["Patrick Levy-Waitz"]
    assert found["article_event"] == meeting["title"]

    # Migrating again changes nothing.
    assert "No migrations to apply" in manage(database, "migrate", "--noinput")
