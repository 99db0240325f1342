"""Create one demo user per editorial role, so that a newcomer can try each of them.

Like the demo admin: each password is generated on the first run and kept in
var/demo-<username>-password, private (0o600) from its creation; an existing user is
never changed (its password may have been changed since), only put back in its group.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from home.management.commands.ensure_demo_admin import Command as DemoAdminCommand
from home.roles import FABRIQUES, LIVRET, PUBLICATION, REDACTION

# username -> group
DEMO_USERS = {
    "redaction": REDACTION,
    "publication": PUBLICATION,
    "livret": LIVRET,
    "fabrique": FABRIQUES,
}


def password_path(username: str) -> Path:
    return Path(settings.VAR_DIR) / f"demo-{username}-password"


class Command(BaseCommand):
    @property
    def help(self):
        return _("Crée un compte de démonstration par rôle éditorial et affiche ses accès.")

    def handle(self, *args, **options):
        User = get_user_model()
        self.stdout.write(self.style.SUCCESS(_("Comptes de démonstration par rôle :")))
        for username, group_name in DEMO_USERS.items():
            user = User.objects.filter(username=username).first()
            path = password_path(username)
            if user is None:
                password = DemoAdminCommand.read_or_create_password(path)
                user = User.objects.create_user(
                    username=username, email=f"{username}@example.org", password=password
                )
                shown = password
            else:
                if path.exists():
                    path.chmod(0o600)
                shown = _("inchangé (voir %(path)s)") % {"path": path}
            user.groups.add(Group.objects.get(name=group_name))
            if group_name == FABRIQUES:
                self.assign_a_fabrique(user)
            self.stdout.write(
                _("  %(group)-12s identifiant %(username)s, mot de passe %(password)s")
                % {"group": group_name, "username": username, "password": shown}
            )
        self.stdout.write("")

    def assign_a_fabrique(self, user) -> None:
        """The demo Fabrique member keeps the first Fabrique of the source language."""
        FabriquePage = apps.get_model("fabriques", "FabriquePage")
        FabriqueEditor = apps.get_model("fabriques", "FabriqueEditor")
        if FabriqueEditor.objects.filter(user=user).exists():
            return
        fabrique = (
            FabriquePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("path")
            .first()
        )
        if fabrique is not None:
            FabriqueEditor.objects.create(user=user, fabrique=fabrique)
            self.stdout.write(
                _("  (le compte « %(username)s » tient le profil de « %(title)s »)")
                % {"username": user.username, "title": fabrique.title}
            )
