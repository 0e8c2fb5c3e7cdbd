"""Markdown tables of benchmark results, for the README.

    python bench/summary.py bench/results/sqlite-100000.json bench/results/postgres-100000.json

One table per file: each page at 16 connections (search also at 4), uncached and cached,
as req/s, p95 and the ratio to the minimal view measured in the same run; then ingest.
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
    return "\n".join(lines)


if __name__ == "__main__":
    print("\n\n".join(table(Path(name)) for name in sys.argv[1:]))
