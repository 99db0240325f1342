"""Create the demo administrator once, with a password generated and kept under var/.

The password file is private (0o600) from its creation on, and an existing file's mode is
made private too. An existing `admin` account is never changed: its password may have
been changed since, so the file's is then not printed.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

USERNAME = "admin"
PRIVATE = 0o600


class Command(BaseCommand):
    @property
    def help(self):
        # Read when the parser is built, so in the language active then (argparse needs a str).
        return _(
            "Crée le compte d'administration de démonstration s'il manque, puis affiche les "
            "adresses du site et l'identifiant."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help=_("Adresse du site dans les liens affichés."),
        )

    def handle(self, *args, site_url: str, **options):
        path = Path(settings.VAR_DIR) / "demo-admin-password"
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            if path.exists():
                os.chmod(path, PRIVATE)
            password_line = _(
                "  Mot de passe    : inchangé (le compte existait déjà ; le mot de passe donné "
                "à sa création est dans %(path)s, s'il n'a pas été changé depuis)"
            ) % {"path": path}
        else:
            password = self.read_or_create_password(path)
            User.objects.create_superuser(
                username=USERNAME, email="admin@example.org", password=password
            )
            password_line = _("  Mot de passe    : %(password)s") % {"password": password}
        site_url = site_url.rstrip("/")
        lines = [
            _("  Site (français) : %(url)s") % {"url": f"{site_url}/fr/"},
            _("  Site (anglais)  : %(url)s") % {"url": f"{site_url}/en/"},
            _("  Actualités      : %(url)s") % {"url": f"{site_url}/fr/actualites/"},
            _("  Administration  : %(url)s") % {"url": f"{site_url}/admin/"},
            _("  Identifiant     : %(username)s") % {"username": USERNAME},
            password_line,
        ]
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("France Tiers-Lieux est prêt :")))
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("")

    @staticmethod
    def read_or_create_password(path: Path) -> str:
        """The file's password, or a new one written to a file that is never readable by
        others: created 0o600 (not chmod-ed after writing), an existing one made 0o600."""
        if path.exists():
            os.chmod(path, PRIVATE)
            password = path.read_text(encoding="utf-8").strip()
            if password:
                return password
        path.parent.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(12)
        # O_CREAT's mode applies from the creation on; an existing (empty) file was made
        # private above. O_NOFOLLOW: never write through a symbolic link.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, PRIVATE), "w", encoding="utf-8") as file:
            file.write(password + "\n")
        return password
