"""Load and fault drills against gunicorn, with production settings.

    python bench/drill.py load [--seconds 60] [--connections 64] [--db sqlite|postgres]
    python bench/drill.py db-restart [--down 10]      # stops and starts the real PostgreSQL

``load`` serves the seed stories with gunicorn, runs wrk over the main pages and sends
gunicorn ``kill -HUP`` (a graceful reload) a third and two thirds of the way through. It
prints requests, socket errors and non-2xx responses, which must all be 0 but the first.

``db-restart`` serves from PostgreSQL, keeps readers asking for pages, stops PostgreSQL
with ``pg_ctlcluster``, starts it again, and prints what readers got in each phase: a
friendly 503 while it is down, pages again once it is back, with no gunicorn restart.

The test suite runs shorter versions of both (tests/test_drills.py); the database restart
there goes through a TCP proxy, so that it never stops the machine's PostgreSQL.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import (  # noqa: E402
    PYTHON,
    Gunicorn,
    postgres_database,
    production_env,
)

SEEDS = ROOT / "fixtures" / "seeds"


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, ingest the seeds and collect static files, as a deployment would."""
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["ingest", str(SEEDS)],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def main_pages(base: str, env: dict[str, str]) -> list[str]:
    """The pages readers use most, with a real article, region and day from the database."""
    script = (
        "import django, json; django.setup()\n"
        "from newsreader.models import Article\n"
        "a = Article.objects.published().exclude(published_on=None).order_by('pk').first()\n"
        "d = a.published_on\n"
        "print(json.dumps([a.get_absolute_url(), f'/archive/{d.year}/{d.month}/{d.day}/']))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsreader.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    article, day = json.loads(out)
    return [
        "/",
        "/regions/",
        "/regions/palestine/",
        article,
        day,
        "/search/?q=gaza",
        "/feeds/latest/",
        "/api/articles/",
        "/sources/afp/",
    ]


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  paths = {%(paths)s}
  index = 0
  bad = 0
end
function request()
  index = index %% #paths + 1
  return wrk.format("GET", paths[index])
end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("NON2XX %%d\\n", total))
end
"""


def wrk(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            script.name,
            base + "/",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    os.unlink(script.name)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": round(float(p99.group(1)) * scale, 1),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx": int(re.search(r"NON2XX (\d+)", out).group(1)),
    }


def load_drill(
    server: Gunicorn, paths: list[str], seconds: int, connections: int, reloads: int = 2
) -> dict:
    """wrk for ``seconds``, with ``reloads`` HUPs spread evenly through it."""
    before = server.workers()
    reloaded = []

    def hup() -> None:
        for n in range(1, reloads + 1):
            time.sleep(seconds / (reloads + 1))
            server.reload()
            reloaded.append(round(n * seconds / (reloads + 1), 1))

    thread = threading.Thread(target=hup)
    thread.start()
    result = wrk(server.base, paths, seconds, connections)
    thread.join()
    after = server.workers()
    result.update(
        seconds=seconds,
        connections=connections,
        reloads_at_s=reloaded,
        workers_replaced=len(before - after),
    )
    return result


class Readers:
    """Threads that keep asking for pages and record (phase, status, seconds taken, body,
    time answered); a request that spans a change of phase is recorded under both names
    ("before → down")."""

    def __init__(self, base: str, paths: list[str], threads: int = 4) -> None:
        self.base, self.paths = base, paths
        self.phase = "up"
        self.started = {"up": time.monotonic()}
        self.results: list[tuple[str, int, float, str, float]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]
        for thread in self._threads:
            thread.start()

    def _run(self, n: int) -> None:
        index = n
        while not self._stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            phase, start = self.phase, time.monotonic()
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:
                    status, body = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
            except OSError as error:
                status, body = 0, str(error)
            now = time.monotonic()
            if self.phase != phase:
                # Asked in one phase, answered in the next (a request in flight when the
                # database went away): it belongs to neither.
                phase = f"{phase} → {self.phase}"
            self.results.append((phase, status, now - start, body, now))
            time.sleep(0.02)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def summary(self) -> dict[str, dict]:
        phases: dict[str, dict] = {}
        for phase, status, seconds, body, _ in self.results:
            entry = phases.setdefault(phase, {"statuses": {}, "slowest_s": 0.0, "tracebacks": 0})
            entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
            entry["slowest_s"] = round(max(entry["slowest_s"], seconds), 2)
            entry["tracebacks"] += "Traceback" in body or 'File "' in body
        if "back" in phases:
            # How long after the database came back readers last saw an error.
            failures = [at for p, status, _, _, at in self.results if p == "back" and status != 200]
            phases["back"]["healed_after_s"] = (
                round(max(failures) - self.started["back"], 2) if failures else 0.0
            )
        return phases


@contextlib.contextmanager
def phase(readers: Readers, name: str, seconds: float) -> Iterator[None]:
    readers.phase = name
    readers.started[name] = time.monotonic()
    yield
    time.sleep(seconds)


def pg_cluster(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True
    )


def run_load(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        if args.db == "postgres":
            url = postgres_database("newsreader_drill")
        else:
            url = f"sqlite:///{workdir}/drill.sqlite3"
        env = production_env(url)
        prepare_database(env)
        server = Gunicorn(env, workers=args.workers)
        try:
            paths = main_pages(server.base, env)
            return load_drill(server, paths, args.seconds, args.connections)
        finally:
            server.stop()


def run_db_restart(args: argparse.Namespace) -> dict:
    env = production_env(postgres_database("newsreader_drill"))
    if args.no_cache:
        env["NEWSREADER_PAGE_CACHE_SECONDS"] = "0"
    prepare_database(env)
    server = Gunicorn(env, workers=args.workers)
    readers = Readers(server.base, main_pages(server.base, env))
    try:
        with phase(readers, "before", 3):
            pass
        with phase(readers, "down", args.down):
            pg_cluster("stop")
        with phase(readers, "back", 8):
            pg_cluster("start")
    finally:
        readers.stop()
        server.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_cluster("start")
    return readers.summary()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="drill", required=True)
    load = sub.add_parser("load", help="wrk on the main pages, with two graceful reloads")
    load.add_argument("--seconds", type=int, default=60)
    load.add_argument("--connections", type=int, default=64)
    load.add_argument("--workers", type=int, default=4)
    load.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    restart = sub.add_parser("db-restart", help="stop and start PostgreSQL under readers")
    restart.add_argument("--down", type=float, default=10)
    restart.add_argument("--workers", type=int, default=4)
    restart.add_argument(
        "--no-cache", action="store_true", help="no page cache: every page needs the database"
    )
    args = parser.parse_args()
    result = run_load(args) if args.drill == "load" else run_db_restart(args)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
