"""Create the demo administrator once, with a password generated and kept under var/."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the demo admin account if needed and print the URLs and the login."

    def add_arguments(self, parser):
        parser.add_argument("--site-url", default="http://127.0.0.1:8000")

    def handle(self, *args, site_url: str, **options):
        password = self.read_or_create_password(Path(settings.VAR_DIR) / "demo-admin-password")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.org"}
        )
        if created or not user.check_password(password) or not user.is_superuser:
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(password)
            user.save()
        site_url = site_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("France Tiers-Lieux is ready:"))
        self.stdout.write(f"  Site (French)  : {site_url}/fr/")
        self.stdout.write(f"  Site (English) : {site_url}/en/")
        self.stdout.write(f"  News           : {site_url}/fr/actualites/")
        self.stdout.write(f"  Admin          : {site_url}/admin/")
        self.stdout.write(f"  Username       : {USERNAME}")
        self.stdout.write(f"  Password       : {password}")
        self.stdout.write("")

    @staticmethod
    def read_or_create_password(path: Path) -> str:
        if path.exists():
            password = path.read_text(encoding="utf-8").strip()
            if password:
                return password
        path.parent.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(12)
        path.write_text(password + "\n", encoding="utf-8")
        path.chmod(0o600)
        return password
