"""The ingest's progress: a bar on a terminal, one summary line elsewhere."""

import os
import pty
import subprocess
import sys

from tests.conftest import ROOT, SEEDS


def test_on_a_terminal_a_bar_shows_files_stories_rate_and_time_left(scratch_database, corpus):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(corpus), "--workers", "0"],
        cwd=ROOT,
        env={**scratch_database, "COLUMNS": "120"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the command has exited and closed its end
            break
        if not chunk:
            break
        drawn += chunk
    out, _ = process.communicate(timeout=120)
    os.close(controller)
    assert process.returncode == 0
    bar = drawn.decode()
    files = len(list(corpus.glob("*.txt")))
    assert f"{files}/{files}" in bar  # files done of all
    assert "stories" in bar and "files/s" in bar  # stories so far, and the rate
    assert "<" in bar  # elapsed<time left
    assert out.decode().count("\n") == 1 and "files read" in out.decode()


def test_elsewhere_the_command_prints_one_summary_line_and_no_bar(scratch_database):
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(SEEDS)],
        cwd=ROOT,
        env=scratch_database,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "2 files read: 4 articles created, 1 merged or updated, 0 unchanged, 0 files failed."
    ]
    assert result.stderr == ""
