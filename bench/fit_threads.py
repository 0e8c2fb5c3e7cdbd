"""Fit the threads' link model on labelled stories, and say how well it generalises.

    python bench/fit_threads.py tests/data/threads_dev/*.jsonl [--folds 5] [--write]

Each line of the files is a story (tests/data/threads_dev/README.md): its event, outlet,
date (or none), when it was seen, dateline, title, caption and paragraphs. The stories
are written out as scraped pages with a manifest (``fetched`` = when seen) and ingested
through ``manage.py ingest`` into a temporary SQLite database, as any page is; their
profiles and days are read back from it.

Every pair of stories at most ``topics.MAX_GAP_DAYS`` apart that shares a term is a
candidate (the ones ``threads`` scores). The events are split into folds: the model is
fitted on the pairs of some events' stories and scored on the others', by the threads it
makes there (connected groups of linked stories), with pairwise precision, recall and F1
against the events. Those cross-validated figures, at several thresholds, are printed
beside the hand-set cosine threshold's (``topics.threshold``) on the same folds.

It ends with the model fitted on every story, at the threshold with the best
cross-validated F1. The site does not use it (yet): fitted at the labelled set's density,
where one candidate pair in three is a true link, it links far too much in an archive
with 90 stories a day (docs/threads.md).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)

# The kinds of term a profile holds, by their prefix; words have none.
KINDS = ("person:", "org:", "place:")
FEATURES = (
    "cosine",
    "words",
    "people",
    "organisations",
    "places",
    "days",
    "undated",
    "other_places",
    "other_names",
)


def link_features(
    a: dict[str, float], b: dict[str, float], gap_days: int, undated: bool
) -> list[float]:
    """What a pair of stories shares, as the link model reads it (FEATURES): the cosine of
    their profiles, that of their words alone, how many people, organisations and places
    they both name (at most 3 each), the days between them, and whether either is placed
    only by when it was first seen."""
    from newsreader.ingest.topics import similarity

    if len(a) > len(b):
        a, b = b, a
    shared = [term for term in a if term in b]
    counts = dict.fromkeys(KINDS, 0)
    words = 0.0
    for term in shared:
        kind = next((k for k in KINDS if term.startswith(k)), None)
        if kind:
            counts[kind] += 1
        else:
            words += a[term] * b[term]
    length_a = math.sqrt(sum(w * w for t, w in a.items() if ":" not in t)) or 1.0
    length_b = math.sqrt(sum(w * w for t, w in b.items() if ":" not in t)) or 1.0
    return [
        similarity(a, b),
        words / (length_a * length_b),
        *(min(counts[kind], 3) for kind in KINDS),
        abs(gap_days),
        1.0 if undated else 0.0,
        # Both name places, or both people or organisations, and none in common: two
        # floods in two countries, one army and one bank in the same week.
        1.0 if _apart(a, b, ("place:",)) else 0.0,
        1.0 if _apart(a, b, ("person:", "org:")) else 0.0,
    ]


def _apart(a: dict[str, float], b: dict[str, float], kinds: tuple[str, ...]) -> bool:
    mine = {t for t in a if t.startswith(kinds)}
    theirs = {t for t in b if t.startswith(kinds)}
    return bool(mine and theirs and not mine & theirs)


def scraped(story: dict) -> str:
    """A story as the scraper leaves a page: title, caption twice, a TT line, the title
    again, then the body; a wire dateline opens its first paragraph."""
    paragraphs = list(story["paragraphs"])
    if story["dateline"]:
        paragraphs[0] = f"{story['dateline']} {paragraphs[0]}"
    caption = story["caption"]
    head = f"{story['title']}\n\n" + (f"{caption}\n{caption}\n" if caption else "")
    return head + f"TT\n\n{story['title']}\n\n" + "\n\n".join(paragraphs) + "\n"


def coverage_set() -> list[dict]:
    """tests/coverage_set.py's stories (the threads tests' own set), in this form."""
    from tests.coverage_set import STORIES

    return [
        {
            "event": f"coverage-{story.thread}",
            "seen": "",
            "dateline": "",
            "title": story.title,
            "caption": story.caption,
            "paragraphs": list(story.paragraphs),
        }
        for story in STORIES
    ]


def ingest(stories: list[dict], folder: Path) -> list[dict]:
    """The stories as the archive holds them: event, profile terms and day."""
    from django.core.management import call_command

    from newsreader.models import Article

    pages = folder / "pages"
    pages.mkdir()
    lines = ["name,fetched"]
    for number, story in enumerate(stories):
        (pages / f"{number:04d}.txt").write_text(scraped(story), encoding="utf-8")
        lines.append(f"{number:04d}.txt,{story['seen'] + ':00Z' if story['seen'] else ''}")
    (pages / "manifest.csv").write_text("\n".join(lines) + "\n")
    call_command("migrate", verbosity=0)
    call_command("ingest", str(pages), workers=0, verbosity=0, stdout=io.StringIO())
    events = {story["title"]: story["event"] for story in stories}
    rows = Article.objects.values_list("title", "published_on", "first_seen", "profile__terms")
    stored = []
    for title, published_on, first_seen, terms in rows:
        if title not in events:
            print(f"  not matched to a labelled story: {title!r}")
            continue
        day = published_on or first_seen.date()
        stored.append(
            {"event": events[title], "day": day, "undated": published_on is None, "terms": terms}
        )
    return stored


def candidates(stored: list[dict]) -> list[tuple[int, int, list[float], bool]]:
    """(i, j, features, same event) for the pairs threads would score."""
    from newsreader.ingest import topics

    pairs = []
    for i, j in combinations(range(len(stored)), 2):
        a, b = stored[i], stored[j]
        gap = (a["day"] - b["day"]).days
        if abs(gap) > topics.MAX_GAP_DAYS or not (a["terms"].keys() & b["terms"].keys()):
            continue
        features = link_features(a["terms"], b["terms"], gap, a["undated"] or b["undated"])
        pairs.append((i, j, features, a["event"] == b["event"]))
    return pairs


def threads_of(members: list[int], links: list[tuple[int, int]]) -> dict[int, int]:
    parent = {m: m for m in members}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    return {m: root(m) for m in members}


def pair_counts(members: list[int], links, stored) -> tuple[int, int, int]:
    """(true positives, predicted pairs, true pairs) over the members' pairs."""
    group = threads_of(members, links)
    tp = predicted = true = 0
    for a, b in combinations(members, 2):
        same = stored[a]["event"] == stored[b]["event"]
        linked = group[a] == group[b]
        tp += same and linked
        predicted += linked
        true += same
    return tp, predicted, true


def scores(tp: int, predicted: int, true: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def folds_of(stored: list[dict], count: int, seed: int = 7) -> list[set[str]]:
    events = sorted({s["event"] for s in stored})
    random.Random(seed).shuffle(events)
    return [set(events[k::count]) for k in range(count)]


def chosen(pairs, used: list[int]):
    """The pairs with only the features ``used`` (positions in FEATURES)."""
    return [(i, j, [f[k] for k in used], y) for i, j, f, y in pairs]


def cross_validate(stored, pairs, count: int, used: list[int]) -> dict:
    from sklearn.linear_model import LogisticRegression

    from newsreader.ingest import topics

    totals = defaultdict(lambda: [0, 0, 0])
    for held_out in folds_of(stored, count):
        test = [i for i, s in enumerate(stored) if s["event"] in held_out]
        inside = set(test)
        train = [
            (f, y) for i, j, f, y in chosen(pairs, used) if i not in inside and j not in inside
        ]
        model = LogisticRegression(C=1.0, max_iter=1000)
        model.fit([f for f, _ in train], [y for _, y in train])
        scored = [(i, j, f) for i, j, f, _ in chosen(pairs, used) if i in inside and j in inside]
        # Each pair's probability once, for every threshold.
        chances = model.predict_proba([f for _, _, f in scored])[:, 1] if scored else []
        for threshold in THRESHOLDS:
            links = [(i, j) for (i, j, _), p in zip(scored, chances, strict=True) if p >= threshold]
            for k, v in enumerate(pair_counts(test, links, stored)):
                totals[threshold][k] += v
        every = [(i, j, f) for i, j, f, _ in pairs if i in inside and j in inside]
        hand = [(i, j) for i, j, f in every if f[0] >= topics.threshold(int(f[5]))]
        for k, v in enumerate(pair_counts(test, hand, stored)):
            totals["hand-set cosine"][k] += v
    return {name: scores(*counts) for name, counts in totals.items()}


def fit_all(stored, pairs, threshold: float, used: list[int]) -> dict:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit([f for _, _, f, _ in chosen(pairs, used)], [y for *_, y in pairs])
    return {
        "features": [FEATURES[k] for k in used],
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "fitted_on": f"{len(stored)} stories, {len({s['event'] for s in stored})} events",
        "fitted_by": "python bench/fit_threads.py " + " ".join(sys.argv[1:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--coverage-set", action="store_true", help="add tests/coverage_set.py's stories"
    )
    parser.add_argument(
        "--features",
        default="cosine,words,days,other_places",
        help="which of FEATURES the model reads, comma-separated",
    )
    args = parser.parse_args()
    stories = [json.loads(line) for path in args.files for line in path.read_text().splitlines()]
    if args.coverage_set:
        stories += coverage_set()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="newsreader.settings",
            DJANGO_DEBUG="1",
            DATABASE_URL=f"sqlite:///{folder}/fit.sqlite3",
        )
        import django

        django.setup()
        stored = ingest(stories, Path(folder))
    pairs = candidates(stored)
    events = len({s["event"] for s in stored})
    print(f"{len(stored)} stories, {events} events, {len(pairs)} candidate pairs")
    print(f"{sum(s['undated'] for s in stored)} placed by when they were first seen")

    used = [FEATURES.index(name) for name in args.features.split(",")]
    results = cross_validate(stored, pairs, args.folds, used)
    print(f"cross-validated over {args.folds} folds of events (pairwise, on held-out events):")
    for name, result in results.items():
        print(f"  {name!s:>16}: {result}")
    best = max(THRESHOLDS, key=lambda t: (results[t]["f1"], -t))
    print(json.dumps(fit_all(stored, pairs, best, used), indent=1))


if __name__ == "__main__":
    main()
