"""ensure_demo_admin (run by `make run`): a private password file, an admin created once."""

import os
import stat
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

PASSWORD_FILE = "demo-admin-password"


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def usual_umask():
    """The usual umask (files 0o644 unless created otherwise), whatever the runner's."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run_command() -> str:
    out = StringIO()
    call_command("ensure_demo_admin", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_password_file_is_created_private_from_the_start(var_dir, usual_umask, monkeypatch):
    # No chmod after the fact: the file must be created 0o600, never readable by others.
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(os, "fchmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(Path, "chmod", lambda *args, **kwargs: None)
    run_command()
    assert mode(var_dir / PASSWORD_FILE) == 0o600


@pytest.mark.django_db
def test_existing_readable_password_file_is_made_private(var_dir, usual_umask):
    path = var_dir / PASSWORD_FILE
    path.write_text("mot-de-passe-du-fichier\n")
    path.chmod(0o644)
    run_command()
    assert mode(path) == 0o600
    assert path.read_text() == "mot-de-passe-du-fichier\n"


@pytest.mark.django_db
def test_new_admin_gets_the_files_password(var_dir, django_user_model):
    (var_dir / PASSWORD_FILE).write_text("mot-de-passe-du-fichier\n")
    output = run_command()
    admin = django_user_model.objects.get(username="admin")
    assert admin.check_password("mot-de-passe-du-fichier")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert "mot-de-passe-du-fichier" in output


@pytest.mark.django_db
def test_existing_admin_is_left_as_it_is(var_dir, django_user_model):
    run_command()
    admin = django_user_model.objects.get(username="admin")
    admin.set_password("mon-propre-mot-de-passe")
    admin.is_superuser = False
    admin.save()
    file_password = (var_dir / PASSWORD_FILE).read_text().strip()

    output = run_command()

    admin.refresh_from_db()
    assert admin.check_password("mon-propre-mot-de-passe")
    assert not admin.is_superuser
    assert file_password not in output  # not the user's password any more
    assert str(var_dir / PASSWORD_FILE) in output
