"""Parse time per megabyte, from 10 KB to 10 MB: it should stay flat (parsing is linear).

    python bench/parsing.py [--rounds 5]

No database: the gazetteer and the outlets come from the reference fixtures, as ingest
builds them. Each size is read as a page of many stories and as the body of one long
story; the figure is the best round's time of ``Analyser.prepare`` (decode, split, find
titles, captions, credits, dates, places and cited sources), per megabyte, with its ratio
to the smallest size's in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [10_000, 100_000, 1_000_000, 10_000_000]


def reference_gazetteer():
    """The gazetteer as ingest builds it, from fixtures/regions.json."""
    from newsreader.text.places import Gazetteer, Place

    records = json.loads((ROOT / "fixtures" / "regions.json").read_text())
    by_pk = {r["pk"]: r["fields"] for r in records}
    entries = []
    for fields in by_pk.values():
        if fields["kind"] == "subregion":
            continue
        code = fields["code"] or by_pk[fields["parent"]]["code"]
        place = Place(
            key=fields["slug"],
            country=code,
            is_country=fields["kind"] == "country",
            population=fields["population"],
        )
        entries.append((place, [fields["name"], *fields["aliases"]]))
    return Gazetteer(entries)


def reference_outlets():
    """The outlet directory as ingest builds it, from fixtures/sources.json."""
    from newsreader.text.outlets import Outlet, OutletDirectory

    records = json.loads((ROOT / "fixtures" / "sources.json").read_text())
    return OutletDirectory(
        Outlet(
            key=r["fields"]["slug"],
            names=tuple(
                n
                for n in [r["fields"]["name"], r["fields"]["short_name"], *r["fields"]["aliases"]]
                if n
            ),
        )
        for r in records
    )


def inputs(size: int) -> dict[str, bytes]:
    """A page of stories, and one story's body, of about ``size`` bytes."""
    from bench.corpus import page, stories

    batch, text = [], ""
    for story in stories(size // 200 + 10, seed=size):
        batch.append(story)
        text = page(batch)
        if len(text.encode()) >= size:
            break
    paragraphs = [p for _, _, body in batch for p in body]
    body, used = [], 0
    for paragraph in paragraphs * (size // max(1, sum(map(len, paragraphs))) + 1):
        body.append(paragraph)
        used += len(paragraph) + 2
        if used >= size:
            break
    return {"page of stories": text.encode(), "one long story": "\n\n".join(body).encode()}


def measure(rounds: int) -> list[dict]:
    from newsreader.text.prepare import Analyser

    analyser = Analyser(reference_gazetteer(), reference_outlets())
    rows = []
    for size in SIZES:
        for shape, raw in inputs(size).items():
            best = float("inf")
            for _ in range(rounds if size < 10_000_000 else max(1, rounds // 2)):
                start = time.perf_counter()
                prepared = analyser.prepare("bench.txt", raw)
                best = min(best, time.perf_counter() - start)
            rows.append(
                {
                    "shape": shape,
                    "bytes": len(raw),
                    "stories": len(prepared.stories),
                    "seconds": best,
                    "ms_per_mb": best * 1000 / (len(raw) / 1_000_000),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    django.setup()
    rows = measure(args.rounds)
    print("| input | size | stories | ms per MB | × the smallest |")
    print("|---|---|---|---|---|")
    for shape in dict.fromkeys(row["shape"] for row in rows):
        mine = [row for row in rows if row["shape"] == shape]
        base = mine[0]["ms_per_mb"]
        for row in mine:
            print(
                f"| {shape} | {row['bytes'] / 1000:,.0f} KB | {row['stories']:,} | "
                f"{row['ms_per_mb']:,.0f} | {row['ms_per_mb'] / base:.2f}× |"
            )


if __name__ == "__main__":
    main()
