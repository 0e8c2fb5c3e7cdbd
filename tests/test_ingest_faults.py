"""Ingest under faults: a huge file, a SIGKILL half-way through a directory, a full disk.

Each runs the real command in a subprocess (through tests/harness.py) on a database of its
own, and checks what is left in the database afterwards.
"""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import write_corpus
from tests.conftest import ROOT, SEEDS, articles_in, eventually, manage_py

HARNESS = str(ROOT / "tests" / "harness.py")


def run(env: dict, *args: str, **hooks: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, HARNESS, *args],
        cwd=ROOT,
        env={**env, **hooks},
        capture_output=True,
        text=True,
        timeout=300,
    )


def peak_kb(result: subprocess.CompletedProcess) -> int:
    return int(re.search(r"peak_rss_kb=(\d+)", result.stderr).group(1))


def ingested_files(env: dict) -> list[str]:
    code = (
        "import json; from newsreader.models import IngestedFile as F; "
        "print(json.dumps(sorted(F.objects.values_list('name', flat=True))))"
    )
    return json.loads(manage_py(env, "shell", "-v0", "-c", code))


def test_a_1_gb_file_is_refused_before_it_is_read_and_memory_stays_flat(scratch_database, tmp_path):
    baseline = run(scratch_database, "ingest", str(SEEDS))
    assert baseline.returncode == 0, baseline.stderr
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(1 << 30)  # sparse: 1 GiB to the reader, no disk used
    result = run(scratch_database, "ingest", str(huge), str(SEEDS))
    assert result.returncode == 1
    assert (
        f"{huge}: the file is 1,073,741,824 bytes, over the 10,485,760-byte limit." in result.stderr
    )
    assert "0 articles created, 0 merged or updated, 5 unchanged" in result.stdout
    # Flat: within a few megabytes of ingesting the small seeds alone.
    assert peak_kb(result) - peak_kb(baseline) < 16 * 1024, (peak_kb(result), peak_kb(baseline))


def children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(child) for child in out.stdout.split()}


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return not state.stdout.strip().startswith("Z")


def test_sigkill_mid_directory_leaves_no_trace_and_a_rerun_converges(
    scratch_databases, corpus, tmp_path
):
    clean = scratch_databases()
    assert run(clean, "ingest", str(corpus)).returncode == 0
    expected = articles_in(clean)

    victim = scratch_databases()
    marker = tmp_path / "stalled-on"
    process = subprocess.Popen(
        [sys.executable, HARNESS, "ingest", str(corpus)],
        cwd=ROOT,
        env={**victim, "HARNESS_STALL_AT_FILE": "6", "HARNESS_MARKER": str(marker)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, "ingest ended before the stall"
        assert time.monotonic() < deadline, "ingest never reached the sixth file"
        time.sleep(0.05)
    workers = children(process.pid)
    assert workers, "the ingest started no worker process"
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    # Its worker processes exit with it.
    assert eventually(lambda: not any(map(running, workers)), seconds=10), workers

    stalled_on = marker.read_text()
    files = ingested_files(victim)
    assert len(files) == 5 and stalled_on not in files
    partial = articles_in(victim)
    assert not any(stalled_on in a["provenance"] for a in partial)
    assert 0 < len(partial) < len(expected)
    assert all(a in expected or a["provenance"] != [stalled_on] for a in partial)

    rerun = run(victim, "ingest", str(corpus))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(expected) - len(partial)} articles created" in rerun.stdout
    assert articles_in(victim) == expected
    assert ingested_files(victim) == ingested_files(clean)
    if victim["DATABASE_URL"].startswith("sqlite"):
        path = victim["DATABASE_URL"].removeprefix("sqlite:///")
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _mount_small_disk(folder: Path, size: int) -> bool:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return mounted.returncode == 0


def test_a_full_disk_mid_ingest_fails_the_command_and_keeps_the_database_sound(tmp_path, corpus):
    """On SQLite, whose file is on the disk the app writes: a small tmpfs where the
    machine lets the test mount one, otherwise SQLite's page limit stands in for it."""
    migrated = tmp_path / "migrated.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "NEWSREADER_TESTING": "1",
        "DATABASE_URL": f"sqlite:///{migrated}",
    }
    assert run(env, "migrate", "--noinput", "-v0").returncode == 0
    assert run(env, "ingest", str(SEEDS)).returncode == 0
    with sqlite3.connect(migrated) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = articles_in(env)
    size = migrated.stat().st_size

    disk = tmp_path / "disk"
    hooks = {}
    if _mount_small_disk(disk, size + 1024 * 1024):
        shutil.copy(migrated, disk / "db.sqlite3")
        env["DATABASE_URL"] = f"sqlite:///{disk / 'db.sqlite3'}"
    else:
        hooks["HARNESS_SQLITE_MAX_PAGES"] = str(size // 4096 + 256)
    try:
        big = tmp_path / "big"
        write_corpus(big, 3000, seed=11)
        result = run(env, "ingest", str(big), **hooks)
        assert result.returncode == 1
        assert "database or disk is full" in result.stderr
        database = env["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        after = articles_in(env)
        assert all(article in after for article in before)
        # Whatever was committed before the disk filled is whole: every article has its
        # file's provenance, and the search index holds exactly the stored articles.
        assert all(article["provenance"] for article in after)
        with sqlite3.connect(database) as db:
            db.execute(
                "INSERT INTO newsreader_article_fts(newsreader_article_fts) "
                "VALUES ('integrity-check')"
            )
            indexed = db.execute("SELECT rowid FROM newsreader_article_fts ORDER BY 1").fetchall()
            stored = db.execute("SELECT id FROM newsreader_article ORDER BY 1").fetchall()
        assert indexed == stored
    finally:
        if disk.is_mount():
            subprocess.run(["umount", "-l", str(disk)], check=False)
