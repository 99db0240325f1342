"""`make run` creates one demo user per role (ensure_demo_users), passwords kept private."""

import stat
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

from editorial.management.commands.ensure_demo_users import DEMO_USERS
from fabriques.models import FabriqueEditor
from home.roles import FABRIQUES
from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("ensure_demo_users", stdout=out)
    return out.getvalue()


def test_one_user_per_role_with_a_private_kept_password(
    settings, tmp_path, home, django_user_model
):
    settings.VAR_DIR = tmp_path
    directory = FabriqueIndexPageFactory(parent=home)
    fabrique = FabriquePageFactory(parent=directory)
    output = run()
    for username, group in DEMO_USERS.items():
        path = Path(tmp_path) / f"demo-{username}-password"
        password = path.read_text().strip()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert password in output
        user = django_user_model.objects.get(username=username)
        assert user.check_password(password) and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
    assert FabriqueEditor.objects.get(user__username="fabrique").fabrique_id == fabrique.pk
    assert set(DEMO_USERS.values()) >= {FABRIQUES}


def test_an_existing_password_is_never_reset(settings, tmp_path, home, django_user_model):
    settings.VAR_DIR = tmp_path
    run()
    user = django_user_model.objects.get(username="redaction")
    user.set_password("changed-by-the-user")
    user.save()
    output = run()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user")
    assert (Path(tmp_path) / "demo-redaction-password").read_text().strip() not in output
    assert django_user_model.objects.filter(username="redaction").count() == 1
