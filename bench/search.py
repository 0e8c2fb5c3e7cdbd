"""Search latency, one reader at a time: the whole search page, in one process.

    python bench/search.py --database-url sqlite:///path/to/bench.sqlite3 [--rounds 40]

No server and no page cache: Django's test client asks for each search in turn, round
after round, and the wall time of each request is kept; the table gives each query's
median and 95th percentile, and the minimal view's (/healthz) as the reference measured
in the same run. The queries are bench/corpus.py's words: a rare one (0.1 % of the
stories), a common one (most of them), and each being typed (the last word of a query is
read as the start of a word). Point it at a database that ``bench/run.py --keep`` or
``manage.py ingest`` filled.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import RARE  # noqa: E402
from bench.pages import count_query  # noqa: E402

QUERIES = {
    "minimal view (reference)": "/healthz",
    "rare word": f"/search/?q={RARE[0]}+",
    "rare word, being typed": f"/search/?q={RARE[2][:7]}",
    "common word": "/search/?q=government+",
    "common word, being typed": "/search/?q=gov",
    "two words, the last being typed": "/search/?q=government+saffr",
    "phrase": "/search/?q=" + quote('"civil groups"'),
    "no match": "/search/?q=qwxzyv+",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    from bench.serving import setup_in_process

    setup_in_process(args.database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("collectstatic", "--noinput", verbosity=0)  # the pages name their files

    client = Client()
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    for name, path in QUERIES.items():
        if client.get(path).status_code != 200:
            sys.exit(f"{name}: {path} did not answer 200.")
    for _ in range(args.rounds):
        for name, path in QUERIES.items():
            start = time.perf_counter()
            client.get(path)
            times[name].append((time.perf_counter() - start) * 1000)
    reference = statistics.median(times["minimal view (reference)"])
    print(f"{args.rounds} rounds on {connection.vendor}")
    print("| query | median ms | p95 ms | median × minimal view | queries |\n|---|---|---|---|---|")
    for name, path in QUERIES.items():
        queries: list[str] = []
        with connection.execute_wrapper(partial(count_query, queries)):
            client.get(path)
        median = statistics.median(times[name])
        print(
            f"| {name} | {median:.1f} | {percentile(times[name], 0.95):.1f} "
            f"| {median / reference:.1f}× | {len(queries)} |"
        )


if __name__ == "__main__":
    main()
