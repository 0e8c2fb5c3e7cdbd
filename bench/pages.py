"""What each page costs the app itself: milliseconds of one process and SQL queries.

    python bench/pages.py --database-url sqlite:///path/to/bench.sqlite3 [--rounds 15]

No server, no network and no page cache: Django's test client asks for each page in
turn, round after round, and the best round stands for each page (the lowest figure is
the one least disturbed by the rest of a shared machine). The Python function calls a
request makes are counted too: unlike time, that count does not move with the machine's
load, so it shows what a change did even on a noisy day. It is the quick measure for
one change; ``bench/run.py`` is the whole benchmark. Point it at a database that
``bench/run.py --keep`` or ``manage.py ingest`` filled.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def count_query(queries: list, execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=10, help="requests per page a round")
    args = parser.parse_args()

    from bench.serving import setup_in_process

    setup_in_process(args.database_url)
    from django.db import connection
    from django.test import Client

    from bench.run import sample_paths

    client = Client()
    pages = sample_paths()
    best: dict[str, list[float]] = {name: [] for name in pages}
    for name, (path, headers) in pages.items():
        response = client.get(path, headers=headers)
        if response.status_code != 200:
            sys.exit(f"{name}: {path} answered {response.status_code}.")
    for _ in range(args.rounds):
        for name, (path, headers) in pages.items():
            start = time.process_time()
            for _ in range(args.per_round):
                client.get(path, headers=headers)
            best[name].append((time.process_time() - start) * 1000 / args.per_round)
    print(
        "| page | CPU ms, best round | CPU ms, median round | function calls | queries |\n"
        "|---|---|---|---|---|"
    )
    for name, (path, headers) in pages.items():
        queries = []
        with connection.execute_wrapper(partial(count_query, queries)):
            client.get(path, headers=headers)
        profile = cProfile.Profile()
        profile.runcall(client.get, path, headers=headers)
        calls = pstats.Stats(profile).total_calls
        print(
            f"| {name} | {min(best[name]):.2f} | {statistics.median(best[name]):.2f} "
            f"| {calls:,} | {len(queries)} |"
        )


if __name__ == "__main__":
    main()
