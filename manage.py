#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production by default, as wsgi.py: a command run without DJANGO_SETTINGS_MODULE (a
    # cron job) never gets DEBUG and a fixed key; without SECRET_KEY it fails at once.
    # Developers get the dev settings from the Makefile or by exporting them (README).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tierslieux.settings.production")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
