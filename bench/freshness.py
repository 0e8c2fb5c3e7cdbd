"""Read while writing, through Varnish: does any reader see a title older than the last
committed change, once its purge went out?

    python bench/freshness.py [--seconds 60] [--connections 16] [--db sqlite|postgres]

Serves the seed stories with gunicorn (production settings) behind a varnishd with
deploy/varnish.vcl. Reader threads keep asking for the newest story's page, the home page
and its region's page through Varnish; this process, as an editor, changes that story's
title every second with a model save, which queues a purge after commit; a background
worker (`db_worker`) sends it. A response is stale if it was asked for after a change's
save returned, yet shows an older title: with purges queued, a read in the moment between
a save and the worker's purge is counted stale.
Prints requests, non-2xx responses and stale reads (all but the first must be 0 but the
requests), and the hit rate.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.drill import prepare_database  # noqa: E402
from bench.serving import (  # noqa: E402
    PYTHON,
    Gunicorn,
    Varnish,
    postgres_database,
    production_env,
)

HEADLINE = "Drill headline"
VERSION = re.compile(rf"{HEADLINE} (\d+)")


class Readers:
    """Threads that keep reading ``paths`` through Varnish and record (asked at, status,
    version of the title seen, cache hit)."""

    def __init__(self, port: int, paths: list[str], connections: int) -> None:
        self.port, self.paths = port, paths
        self.results: list[tuple[float, int, int, bool]] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(connections)]
        for thread in self.threads:
            thread.start()

    def read(self, n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        index = n
        while not self.stopping.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            asked = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read().decode()
                status, hit = response.status, response.headers.get("X-Cache") == "hit"
            except (OSError, http.client.HTTPException):
                connection.close()
                status, body, hit = 0, "", False
            versions = [int(v) for v in VERSION.findall(body)]
            self.results.append((asked, status, max(versions) if versions else -1, hit))

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def drill(seconds: int, connections: int, db: str) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        url = (
            postgres_database("newsreader_freshness")
            if db == "postgres"
            else f"sqlite:///{workdir}/drill.sqlite3"
        )
        env = production_env(url)
        prepare_database(env)
        server = Gunicorn(env, workers=os.cpu_count() or 2)
        varnish = Varnish(server.base, Path(workdir), storage="malloc,256m")
        worker = None
        try:
            varnish.start()
            # This process is the editor: the app's settings, purging this Varnish through
            # the task queue, which a background worker runs.
            os.environ.update(env, NEWSREADER_VARNISH_URLS=varnish.url)
            worker = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"],
                cwd=ROOT,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsreader.settings"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            os.environ["DJANGO_SETTINGS_MODULE"] = "newsreader.settings"
            import django

            django.setup()
            from newsreader.models import Article

            story = Article.objects.published().order_by("-published_on", "-id").first()
            region = story.primary_region
            story.title = f"{HEADLINE} 0"
            story.save()
            paths = ["/", region.get_absolute_url(), story.get_absolute_url()]
            readers = Readers(varnish.port, paths, connections)
            purged_at = edit_every_second(story, seconds)
            readers.stop()
        finally:
            if worker:
                worker.terminate()
                worker.wait(timeout=20)
            varnish.stop()
            server.stop()
    return {"seconds": seconds, "connections": connections, "db": db} | summary(
        readers.results, purged_at, seconds
    )


def edit_every_second(story, seconds: int) -> list[float]:
    """The editor: a new headline a second (the pace of the drill, not a wait on anything);
    when each change's save, and so its purge, returned."""
    purged_at = [time.monotonic()]  # purged_at[n]: when change n's save returned
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(1)
        story.title = f"{HEADLINE} {len(purged_at)}"
        story.save()
        purged_at.append(time.monotonic())
    return purged_at


def summary(results: list, purged_at: list[float], seconds: int) -> dict:
    def newest_purged(asked: float) -> int:
        return max((n for n, at in enumerate(purged_at) if at <= asked), default=0)

    stale = [r for r in results if r[1] == 200 and r[2] < newest_purged(r[0])]
    return {
        "changes": len(purged_at) - 1,
        "requests": len(results),
        "requests_per_second": round(len(results) / seconds),
        "non_2xx": sum(1 for r in results if r[1] != 200),
        "stale_reads": len(stale),
        "hit_rate": round(sum(1 for r in results if r[3]) / max(len(results), 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    print(json.dumps(drill(args.seconds, args.connections, args.db), indent=1))


if __name__ == "__main__":
    main()
