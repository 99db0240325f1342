"""Run Django code in a separate process, as another worker or a cron job would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def django_shell(code: str, environment: dict[str, str], timeout: int = 120) -> str:
    """What `manage.py shell -c code` prints in a process of its own; fails on an error."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
