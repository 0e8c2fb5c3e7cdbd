"""Markdown tables of benchmark results, for the README.

    python bench/summary.py bench/results/sqlite-100000.json bench/results/postgres-100000.json
    python bench/summary.py --targets bench/results/*.json

One table per file: each page at 16 connections (search also at 4), straight from gunicorn
and through Varnish, as req/s, p95 and the ratio to the minimal view straight from gunicorn
in the same run; then ingest.
With --targets, one table of every run against the targets of the benchmark issue.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def cell(results: dict, page: str, connections: str, minimal_view: dict) -> str:
    figures = results[page].get(connections)
    if not figures:
        return "–"
    text = f"{figures['rps']:.0f} req/s, p95 {figures['p95_ms']:.0f} ms"
    minimal = minimal_view.get(connections)
    if minimal:  # the minimal view is measured at 1 and 16 connections
        text += f" ({figures['rps'] / minimal['rps']:.2f}×)"
    return text


def table(path: Path) -> str:
    data = json.loads(path.read_text())
    label = "PostgreSQL" if data["db"] == "postgres" else "SQLite"
    shared = "Redis" if data.get("redis") else "local memory"
    minimal = data["uncached"]["minimal view"]
    lines = [
        f"**{label}, {data['articles']:,} articles** ({data['workers']} workers; "
        f"search limit in {shared})",
        "",
        "| page | gunicorn, 16 conn. | through Varnish, 16 conn. |",
        "|---|---|---|",
    ]
    for page in data["uncached"]:
        for connections in ("c16", "c4"):
            if connections not in data["uncached"][page]:
                continue
            name = page if connections == "c16" else f"{page} (4 conn.)"
            lines.append(
                f"| {name} | {cell(data['uncached'], page, connections, minimal)} "
                f"| {cell(data['varnish'], page, connections, minimal)} |"
            )
    ingest, weight = data["ingest"], data["weight"]
    lines += [
        "",
        f"Ingest: {ingest['articles_per_second']:,} articles/s "
        f"({ingest['articles']:,} in {ingest['seconds']:.0f} s), "
        f"peak {ingest['peak_memory_mb']} MB. List page {weight['list_page_gzip_kb']} KB "
        f"gzipped; first view {weight['first_view_gzip_kb']} KB in "
        f"{weight['first_view_requests']} requests.",
    ]
    if "merge" in data:
        merge = data["merge"]
        lines[-1] += (
            f" A second delivery of {merge['articles']} stories merged at "
            f"{merge['articles_per_second']} stories/s."
        )
    return "\n".join(lines)


READ_PAGES = ("home", "region", "archive day", "article")
SKIP = ("minimal view", "static file")


def ratios(results: dict, pages, minimal_view: dict) -> str:
    minimal = minimal_view["c16"]["rps"]
    values = [results[page]["c16"]["rps"] / minimal for page in pages]
    low, high = f"{min(values):.2f}", f"{max(values):.2f}"
    return f"{low}×" if low == high else f"{low}–{high}×"


def targets(paths: list[Path]) -> str:
    """Every run in one table, against the targets: ingest ≥ 1,000/s, uncached ≥ 0.20×,
    through Varnish ≥ 5×, search p95 ≤ 50 ms at 4 connections, a deep page ≤ 1.5× page 1."""
    runs = [json.loads(path.read_text()) for path in paths]
    # Only the runs of bench/run.py (bench/results also holds Lighthouse's scores).
    runs = sorted((d for d in runs if "db" in d), key=lambda d: (d["db"], d["articles"]))
    lines = [
        "| run | ingest/s (peak MB) | merges/s | uncached × | through Varnish × "
        "| search p95 at 4, rare / common | deep page p95 / region p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for data in runs:
        label = "PostgreSQL + Redis" if data["db"] == "postgres" else "SQLite"
        uncached, varnish = data["uncached"], data["varnish"]
        minimal = uncached["minimal view"]
        deep = next(page for page in uncached if page.startswith("region page"))
        search = " / ".join(
            f"{uncached[page]['c4']['p95_ms']:.0f} ms" for page in ("search rare", "search common")
        )
        depth = uncached[deep]["c16"]["p95_ms"] / uncached["region"]["c16"]["p95_ms"]
        lines.append(
            f"| {label}, {data['articles']:,} | {data['ingest']['articles_per_second']:,} "
            f"({data['ingest']['peak_memory_mb']}) "
            f"| {data['merge']['articles_per_second'] if 'merge' in data else '–'} "
            f"| {ratios(uncached, READ_PAGES, minimal)} "
            f"| {ratios(varnish, [p for p in varnish if p not in SKIP], minimal)} "
            f"| {search} | {depth:.2f}× ({deep}) |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--targets"]:
        print(targets([Path(name) for name in sys.argv[2:]]))
    else:
        print("\n\n".join(table(Path(name)) for name in sys.argv[1:]))
