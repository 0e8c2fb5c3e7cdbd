"""A Varnish stops answering for a while as editors save: are their saves slowed, and is
any page it holds stale once it is back?

    python bench/purge_drill.py [--pause 30] [--edits 40]

Serves the seed stories with gunicorn (production settings, PostgreSQL) behind a varnishd
with deploy/varnish.vcl, and runs the background worker that sends purges
(``manage.py db_worker``). Every story's page is read once through Varnish, so it holds
them all. An editor (another process) then changes a story's title every second, in turn;
five seconds in, Varnish is stopped (SIGSTOP: it holds its pages and its connections, and
answers nothing) for ``--pause`` seconds. Prints each save's time, before and during the
pause, and how long after Varnish came back each story's page showed its last title.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.drill import prepare_database  # noqa: E402
from bench.serving import PYTHON, Gunicorn, Varnish, postgres_database, production_env  # noqa: E402

TITLE = "Purge drill edit"


def drill(workdir: Path, pause: float = 30, edits: int = 40) -> dict:
    env = production_env(postgres_database("newsreader_purge_drill"))
    prepare_database(env)
    server = Gunicorn(env, workers=2)
    varnish = Varnish(server.base, workdir)
    worker = editor = None
    try:
        varnish.start()
        env |= {
            "NEWSREADER_VARNISH_URLS": varnish.url,
            "DJANGO_SETTINGS_MODULE": "newsreader.settings",
        }
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(workdir / "worker.log").open("w"),
        )
        pages = story_pages(env)
        for url in pages.values():
            assert varnish.get(url).status == 200
        editor = subprocess.Popen(
            [PYTHON, __file__, "edit", *map(str, pages), "--edits", str(edits)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        wait_until(started + 5)
        paused, resumed = pause_varnish(varnish, seconds=pause)
        saves = [json.loads(line) for line in editor.communicate(timeout=edits * 5)[0].splitlines()]
        fresh_after = freshness(varnish, pages, saves, resumed, deadline=resumed + 90)
    finally:
        for process in (editor, worker):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
        varnish.stop()
        server.stop()
    during = [s["seconds"] for s in saves if paused <= s["at"] <= resumed]
    outside = [s["seconds"] for s in saves if not paused <= s["at"] <= resumed]
    return {
        "pause_seconds": pause,
        "saves": len(saves),
        "saves_during_pause": len(during),
        "median_save_ms_outside": round(statistics.median(outside) * 1000, 1),
        "slowest_save_ms_outside": round(max(outside) * 1000, 1),
        "median_save_ms_during": round(statistics.median(during) * 1000, 1),
        "slowest_save_ms_during": round(max(during) * 1000, 1),
        "stale_pages": sum(1 for seconds in fresh_after.values() if seconds is None),
        "fresh_within_seconds_of_return": max(
            (seconds for seconds in fresh_after.values() if seconds is not None), default=0
        ),
    }


def wait_until(moment: float) -> None:
    """The drill's own pace (when to stop Varnish), not a wait on anything."""
    time.sleep(max(0.0, moment - time.monotonic()))


def pause_varnish(varnish: Varnish, seconds: float) -> tuple[float, float]:
    """Stop varnishd and its child for ``seconds``: connections are accepted by the kernel
    and never answered, as with a Varnish that hangs or a link that drops its packets."""
    children = subprocess.run(
        ["pgrep", "-P", str(varnish.process.pid)], capture_output=True, text=True
    ).stdout.split()
    pids = [varnish.process.pid, *map(int, children)]
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    paused = time.monotonic()
    wait_until(paused + seconds)
    for pid in pids:
        os.kill(pid, signal.SIGCONT)
    return paused, time.monotonic()


def story_pages(env: dict[str, str]) -> dict[int, str]:
    script = (
        "import django, json; django.setup()\n"
        "from newsreader.models import Article\n"
        "print(json.dumps({a.pk: a.get_absolute_url() for a in Article.objects.published()}))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return {int(pk): url for pk, url in json.loads(out).items()}


def freshness(varnish, pages, saves, resumed: float, deadline: float) -> dict[int, float | None]:
    """Per story: seconds after Varnish came back until its page showed its last title
    (0 if it already did), or None if it never did before ``deadline``."""
    last = {save["story"]: save["title"] for save in saves}
    found: dict[int, float | None] = {}
    for pk, title in last.items():
        found[pk] = None
        while time.monotonic() < deadline:
            if title in varnish.get(pages[pk]).text:
                found[pk] = round(max(0.0, time.monotonic() - resumed), 1)
                break
            time.sleep(0.2)  # polling the page: the purge arrives from another process
    return found


def edit(story_ids: list[int], edits: int) -> None:
    """The editor: a title change a second, in turn over the stories, each save timed
    (the purge is queued as the save commits); one JSON line per save."""
    import django

    django.setup()
    from newsreader.models import Article

    stories = [Article.objects.get(pk=pk) for pk in story_ids]
    start = time.monotonic()
    for n in range(edits):
        wait_until(start + n)
        story = stories[n % len(stories)]
        story.title = f"{TITLE} {n}"
        began = time.monotonic()
        story.save()
        took = time.monotonic() - began
        print(json.dumps({"story": story.pk, "title": story.title, "at": began, "seconds": took}))
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="drill", choices=["drill", "edit"])
    parser.add_argument("ids", nargs="*", type=int)
    parser.add_argument("--pause", type=float, default=30)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    if args.command == "edit":
        edit(args.ids, args.edits)
        return
    with tempfile.TemporaryDirectory() as workdir:
        print(json.dumps(drill(Path(workdir), args.pause, args.edits), indent=1))


if __name__ == "__main__":
    main()
