"""Ingests that run at the same time, as separate processes on a shared database."""

import json
import subprocess
import sys

from tests.conftest import ROOT, SEEDS, articles_in


def run(env, *args):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_three_ingests_at_once_create_no_duplicates(scratch_database):
    runs = [run(scratch_database, "ingest", str(SEEDS)) for _ in range(3)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    created = [int(out.split(": ")[1].split()[0]) for _, out, _ in results]
    assert sum(created) == 4

    exported = run(scratch_database, "export_articles").communicate()[0]
    articles = [json.loads(line) for line in exported.splitlines()]
    assert len(articles) == 4
    miami = next(a for a in articles if a["title"].startswith("Miami Talks"))
    assert miami["provenance"] == ["000_d68af86ea4c77a71.txt", "002_801232c05f2a40c6.txt"]


def test_two_ingests_crossing_a_directory_give_the_result_of_one_clean_run(
    scratch_databases, corpus
):
    clean = scratch_databases()
    assert run(clean, "ingest", str(corpus)).wait(timeout=300) == 0
    shared = scratch_databases()
    files = sorted(str(path) for path in corpus.glob("*.txt"))
    # One walks the directory forwards and one backwards, so they meet in the middle.
    runs = [run(shared, "ingest", *files), run(shared, "ingest", *reversed(files))]
    results = [(p.wait(timeout=300), *p.communicate()) for p in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert all(err == "" for _, _, err in results), results
    assert articles_in(shared) == articles_in(clean)


def test_files_prepared_by_worker_processes_give_the_articles_of_one_process(
    scratch_databases, corpus
):
    (corpus / "zz-broken.txt").write_bytes(b"\x00\x01binary\x00")
    results = {}
    for workers in ("0", "2"):
        env = scratch_databases()
        process = run(env, "ingest", "--workers", workers, str(corpus))
        code = process.wait(timeout=300)
        results[workers] = (code, *process.communicate(), articles_in(env))
    one, several = results["0"], results["2"]
    assert one[0] == several[0] == 1  # the broken file fails the run, in both
    assert "15 files read: 604 articles created, 1 merged or updated" in several[1]
    assert several[1] == one[1]
    assert several[2] == one[2]
    assert f"{corpus / 'zz-broken.txt'}: the file is binary, not text.\n" in several[2]
    assert len(several[3]) == 604
    assert several[3] == one[3]
