"""A production-like newsreader on this machine, for the benchmark and the drills: its
environment, a fresh PostgreSQL database, gunicorn on a free port and Varnish in front."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
# The purge secret the app sends and this machine's Varnish expects (deploy/varnish.vcl).
PURGE_SECRET = "benchmark-only-purge-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production server, on this machine's loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSREADER_"))}
    env.pop("DATABASE_REPLICA_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        NEWSREADER_TESTING="0",
        # wrk is one client asking for thousands of searches: no per-client limit.
        NEWSREADER_SEARCH_RATE="0/60",
        NEWSREADER_PURGE_SECRET=PURGE_SECRET,
        DATABASE_URL=database_url,
    )
    env.update(extra)
    return env


def setup_in_process(database_url: str) -> None:
    """Django set up in this process as a production server would run it, on this
    database, with no page cache, for Django's test client (bench/pages.py, search.py)."""
    os.environ.update(
        production_env(database_url, NEWSREADER_PAGE_CACHE_SECONDS="0"),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="newsreader.settings",
    )
    import django

    django.setup()


class Gunicorn:
    """gunicorn serving newsreader on a free port; ``reload()`` is ``kill -HUP``."""

    def __init__(self, env: dict[str, str], workers: int = 4, log: Path | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log or Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsreader.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--graceful-timeout",
                "30",
                "--error-logfile",
                str(self.log),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> set[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return {int(pid) for pid in out.split()}

    def reload(self) -> None:
        self.process.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def hit(self) -> bool:
        return self.headers.get("X-Cache") == "hit"


class Varnish:
    """A varnishd with the project's VCL (deploy/varnish.vcl) in front of ``backend_url``:
    for the tests (tests/test_varnish.py), the benchmark and the drills."""

    def __init__(self, backend_url: str, workdir: Path, storage: str = "malloc,64m") -> None:
        backend = urlparse(backend_url)
        vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
        # Every backend (the fetching one and the probed one) is the app.
        vcl, found = re.subn(r'\.host = "[^"]*";', f'.host = "{backend.hostname}";', vcl)
        vcl, found_port = re.subn(r'\.port = "[^"]*";', f'.port = "{backend.port}";', vcl)
        assert found == found_port > 0, "deploy/varnish.vcl names no backend host and port"
        secret = workdir / "purge.secret"
        secret.write_text(PURGE_SECRET + "\n")
        vcl, found = re.subn(r"/etc/varnish/newsreader-purge\.secret", str(secret), vcl)
        assert found <= 1, "deploy/varnish.vcl reads the purge secret from several files"
        self.vcl = workdir / "newsreader.vcl"
        self.vcl.write_text(vcl)
        self.workdir = workdir / "varnish"
        self.port = free_port()
        # The listener a TLS terminator speaks the PROXY protocol to (docs/deploy.md).
        self.tls_port = free_port()
        self.storage = storage
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-a",
                f"127.0.0.1:{self.port}",
                "-a",
                f"tls=127.0.0.1:{self.tls_port},PROXY",
                "-T",
                "none",
                "-f",
                str(self.vcl),
                "-s",
                self.storage,
                # Bounded, as deployed: objects not to be kept (refusals, passes) live here.
                "-s",
                "Transient=malloc,16m",
                "-n",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # Ready once it answers and its health probe has found the app healthy.
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.process.stderr.read().decode()}")
            try:
                if self.get("/healthz/ready").status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("varnishd did not become ready within 20 s")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: str | None = None,
        source: str = "127.0.0.1",
    ) -> Answer:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=20, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def stat(self, counter: str) -> int:
        """A varnishstat counter, such as ``MAIN.n_object``."""
        out = subprocess.run(
            ["varnishstat", "-n", str(self.workdir), "-1", "-f", counter],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.split()[1])


def postgres_database(name: str) -> str:
    """A new, empty PostgreSQL database on this machine (dropped first if it exists)."""
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"
