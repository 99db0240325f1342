"""Real processes for the production tests: start a list of them, talk HTTP to them.

`Process` describes one (gunicorn, Varnish, later the task worker and the scheduler:
add an entry to the list); `running(processes)` starts them in order, waits until each is
ready, and stops them all, whatever happened, printing the end of their logs when a test
fails. `Browser` is a small HTTP client with its own cookie jar: a visitor, or an editor
who logs in through the admin form with its CSRF token.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> Callable[[], bool]:
    """Ready when something accepts connections on 127.0.0.1:port."""

    def check() -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        return False

    return check


@dataclass
class Process:
    name: str
    argv: list[str]
    env: dict[str, str]
    ready: Callable[[], bool] | None = None
    timeout: float = 60
    popen: subprocess.Popen | None = field(default=None, repr=False)
    log: Path | None = None

    def tail(self, lines: int = 40) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def manage(*args: str, env: dict[str, str], timeout: float = 900) -> str:
    """Run a manage.py command as a deployment would; fail with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


@contextlib.contextmanager
def running(processes: list[Process], log_dir: Path) -> Iterator[list[Process]]:
    """Start each process in order (each in its own process group), wait until it is
    ready, yield them, then stop them all."""
    try:
        for process in processes:
            process.log = log_dir / f"{process.name}.log"
            with process.log.open("wb") as log:
                process.popen = subprocess.Popen(
                    process.argv,
                    cwd=BASE_DIR,
                    env=process.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + process.timeout
            while process.ready is not None and not process.ready():
                if process.popen.poll() is not None:
                    raise RuntimeError(f"{process.name} exited:\n{process.tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{process.name} not ready:\n{process.tail()}")
                time.sleep(0.2)
        yield processes
    finally:
        for process in reversed(processes):
            stop(process)


def stop(process: Process) -> None:
    if process.popen is None or process.popen.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.popen.pid, signal.SIGTERM)
    try:
        process.popen.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.popen.pid, signal.SIGKILL)
        process.popen.wait(timeout=5)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One visitor: a new connection per request (so gunicorn's workers share them), its
    own cookies, behind a TLS-terminating proxy (X-Forwarded-Proto: https)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, **headers) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.msg, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, **headers)

    def follow(self, response: Response) -> Response:
        """The page a redirect leads to, on this same server."""
        while response.status in (301, 302, 303):
            target = urlsplit(response.headers["Location"])
            path = target.path + (f"?{target.query}" if target.query else "")
            response = self.get(path)
        return response

    def post_form(self, path: str, changes: dict, form_id: str | None = None) -> Response:
        """Submit the form of the page at `path` as a browser would: every field's current
        value (wagtail's querydict_from_html), the CSRF token, then `changes` on top."""
        from wagtail.test.utils.form_data import querydict_from_html

        page = self.follow(self.get(path))
        assert page.status == 200, f"GET {path}: {page.status}"
        data = querydict_from_html(page.text, form_id=form_id, exclude_csrf=False)
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)
            else:
                data.setlist(name, value if isinstance(value, list) else [value])
        return self.request("POST", path, data=dict(data.lists()))

    def log_in(self, username: str, password: str) -> None:
        response = self.post_form(
            "/admin/login/", {"username": username, "password": password}, form_id=None
        )
        assert response.status == 302, f"admin login failed ({response.status})"
        assert "sessionid" in self.cookies


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


# The site as deployed: its environment, its database and indexes, its processes.

WORKERS = 2
# What the README gives as the production environment (besides the services' URLs).
README_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "tierslieux.settings.production",
    "SECRET_KEY": "production-test-" + "k3y-" * 12,
}


def production_environment(tmp: Path, port: int, name: str, front_port: int | None = None):
    """The production environment of a site of its own under `tmp`, served on `port`,
    with the services of this environment (CACHE_URL, SEARCH_BACKEND, SEARCH_URL) and
    `name` as its cache key and index prefix."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "REQUIRE_"))
    }
    origins = [f"https://127.0.0.1:{p}" for p in (port, front_port) if p]
    environment.update(
        README_ENVIRONMENT,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=",".join(origins),
        CACHE_KEY_PREFIX=name,
        SEARCH_INDEX_PREFIX=f"{name}_",
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        WAGTAILADMIN_BASE_URL=f"https://127.0.0.1:{port}",
    )
    if front_port:
        environment["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{front_port}"
    return environment


def database_of_its_own(url: str, name: str) -> str:
    """A new, empty PostgreSQL database next to the one of `url`."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_indexes(search_url: str, prefix: str) -> None:
    """The engine indexes of this prefix only, by name."""
    import json
    from urllib.request import Request, urlopen

    base = search_url.split(",")[0].rstrip("/")
    with urlopen(f"{base}/_cat/indices/{prefix}*?format=json", timeout=30) as response:
        names = [index["index"] for index in json.load(response)]
    for name in names:
        if name.startswith(prefix):
            urlopen(Request(f"{base}/{name}", method="DELETE"), timeout=30).close()


def gunicorn(port: int, env: dict, log_dir: Path) -> Process:
    """The web process: gunicorn, WORKERS sync workers; the access log names the pid of
    the worker that answered each request."""
    return Process(
        name="web",
        argv=[
            sys.executable,
            "-m",
            "gunicorn",
            "tierslieux.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            f"--access-logfile={log_dir / 'access.log'}",
            "--access-logformat=%(p)s %(s)s %(r)s",
            "--timeout=120",
        ],
        env=env,
        ready=answers(port),
    )


def varnish(front_port: int, port: int, env: dict, log_dir: Path) -> Process:
    """The front cache: Varnish with deploy/varnish.vcl in front of `port`, in the
    foreground (-F) so that stopping its process group stops it."""
    run = log_dir / "front-cache"
    run.mkdir(exist_ok=True)
    vcl = (BASE_DIR / "deploy" / "varnish.vcl").read_text()
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{port}";', vcl)
    (run / "varnish.vcl").write_text(vcl)
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    return Process(
        name="front-cache",
        argv=[
            varnishd,
            "-F",
            "-j",
            "none",  # no separate user: it must read the private temporary directory
            "-n",
            str(run / "work"),
            "-a",
            f"127.0.0.1:{front_port}",
            "-f",
            str(run / "varnish.vcl"),
            "-s",
            "malloc,64m",
        ],
        env=env,
        ready=answers(front_port),
    )
