"""Markdown tables of benchmark results, for the README.

    python bench/summary.py bench/results/sqlite-100000.json bench/results/postgres-100000.json
    python bench/summary.py --targets bench/results/*.json

One table per file: each page at 16 connections (search also at 4), uncached and cached,
as req/s, p95 and the ratio to the minimal view measured in the same run; then ingest.
With --targets, one table of every run against the targets of the benchmark issue.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def cell(results: dict, page: str, connections: str) -> str:
    figures = results[page].get(connections)
    if not figures:
        return "–"
    text = f"{figures['rps']:.0f} req/s, p95 {figures['p95_ms']:.0f} ms"
    minimal = results["minimal view"].get(connections)
    if minimal:  # the minimal view is measured at 1 and 16 connections
        text += f" ({figures['rps'] / minimal['rps']:.2f}×)"
    return text


def table(path: Path) -> str:
    data = json.loads(path.read_text())
    label = "PostgreSQL" if data["db"] == "postgres" else "SQLite"
    cache = "Redis" if data.get("redis") else "local memory"
    lines = [
        f"**{label}, {data['articles']:,} articles** ({data['workers']} workers; cache: {cache})",
        "",
        "| page | uncached, 16 conn. | cached, 16 conn. |",
        "|---|---|---|",
    ]
    for page in data["uncached"]:
        lines.append(
            f"| {page} | {cell(data['uncached'], page, 'c16')} "
            f"| {cell(data['cached'], page, 'c16')} |"
        )
        if "c4" in data["uncached"][page]:
            lines.append(
                f"| {page} (4 conn.) | {cell(data['uncached'], page, 'c4')} "
                f"| {cell(data['cached'], page, 'c4')} |"
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


def ratios(results: dict, pages) -> str:
    minimal = results["minimal view"]["c16"]["rps"]
    values = [results[page]["c16"]["rps"] / minimal for page in pages]
    low, high = f"{min(values):.2f}", f"{max(values):.2f}"
    return f"{low}×" if low == high else f"{low}–{high}×"


def targets(paths: list[Path]) -> str:
    """Every run in one table, against the targets: ingest ≥ 1,000/s, uncached ≥ 0.20×,
    cached ≥ 0.70×, search p95 ≤ 50 ms at 4 connections, a deep page ≤ 1.5× page 1."""
    runs = [json.loads(path.read_text()) for path in paths]
    # Only the runs of bench/run.py (bench/results also holds Lighthouse's scores).
    runs = sorted((d for d in runs if "db" in d), key=lambda d: (d["db"], d["articles"]))
    lines = [
        "| run | ingest/s (peak MB) | merges/s | uncached × | cached × "
        "| search p95 at 4, rare / common | deep page p95 / region p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for data in runs:
        label = "PostgreSQL + Redis" if data["db"] == "postgres" else "SQLite"
        uncached, cached = data["uncached"], data["cached"]
        deep = next(page for page in uncached if page.startswith("region page"))
        search = " / ".join(
            f"{uncached[page]['c4']['p95_ms']:.0f} ms" for page in ("search rare", "search common")
        )
        depth = uncached[deep]["c16"]["p95_ms"] / uncached["region"]["c16"]["p95_ms"]
        lines.append(
            f"| {label}, {data['articles']:,} | {data['ingest']['articles_per_second']:,} "
            f"({data['ingest']['peak_memory_mb']}) "
            f"| {data['merge']['articles_per_second'] if 'merge' in data else '–'} "
            f"| {ratios(uncached, READ_PAGES)} "
            f"| {ratios(cached, [p for p in cached if p not in ('minimal view', 'static file')])} "
            f"| {search} | {depth:.2f}× ({deep}) |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--targets"]:
        print(targets([Path(name) for name in sys.argv[2:]]))
    else:
        print("\n\n".join(table(Path(name)) for name in sys.argv[1:]))
