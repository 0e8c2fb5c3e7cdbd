"""Fit the threads' link model on labelled stories, and say how well it generalises.

    python bench/fit_threads.py tests/data/threads_dev/*.jsonl [--coverage-set] [--folds 5]
        [--features excess,rank,words,days,other_places] [--max-rank K]
        [--synthetic 3000 [--undated]]

Each line of the files is a story (tests/data/threads_dev/README.md): its event, outlet,
date (or none), when it was seen, dateline, title, caption and paragraphs. The stories
are written out as scraped pages with a manifest (``fetched`` = when seen) and ingested
through ``manage.py ingest`` into a temporary SQLite database, as any page is; their
profiles, titles and days are read back from it.

Every pair of stories at most ``topics.MAX_GAP_DAYS`` apart whose profiles' cosine is
MIN_COSINE or more is a candidate. A pair's features (FEATURES) are of the pair alone
(its cosines, the names both stories give, the days between them) or of the stories
threaded with it (DENSITY: how far the pair stands out of each story's candidates). The
events are split into folds: the model is fitted on some events' stories and scored on
the others', by the threads it makes there (connected groups of linked stories), with
pairwise precision, recall and F1 against the events. Those cross-validated figures, at
several thresholds, are printed beside the hand-set cosine threshold's on the same folds.
``--max-rank K`` links only pairs where each story is among the other's K most alike
candidates (a mutual K-nearest-neighbour gate), whatever the model says.

It ends with the model fitted on every story, at the threshold with the best
cross-validated F1, and with ``--synthetic N`` scores that model on N stories of
bench/threads.py's synthetic archive (90 a day, or with ``--undated`` all in one window):
on the whole archive at once, and as the site threads it, story by story as they arrive
(newsreader/threads.py only ever joins threads), in two orders. A rule whose features
depend on the stories around a pair can give other threads in another order: the
arrival figures say whether it does (docs/threads.md).
"""

from __future__ import annotations

import argparse
import bisect
import io
import json
import math
import os
import random
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# Pairs less alike than this are never linked, and not counted among a story's candidates.
MIN_COSINE = 0.05
# A story's background: the cosine of its BACKGROUND_RANK-th most alike candidate, which
# in a dense week is a story of another event (the events here have at most 8 stories).
BACKGROUND_RANK = 5
# A word term "shared" by a pair weighs at least this much in both profiles.
SHARED_WEIGHT = 0.08

# The kinds of term a profile holds, by their prefix; words have none.
KINDS = ("person:", "org:", "place:")
PAIR_FEATURES = (
    "cosine",
    "words",
    "title",
    "people",
    "organisations",
    "places",
    "days",
    "undated",
    "other_places",
    "other_names",
    "shared_words",
)
DENSITY_FEATURES = ("excess", "rank", "candidates")
FEATURES = PAIR_FEATURES + DENSITY_FEATURES


@dataclass
class Pair:
    a: int
    b: int
    cosine: float
    same: bool
    features: dict[str, float] = field(default_factory=dict)


def pair_features(a: dict, b: dict) -> dict[str, float]:
    """What two stored stories share, by PAIR_FEATURES: the cosine of their profiles, that
    of their words alone and of their titles alone, how many people, organisations and
    places both name (at most 3 each), the days between them, whether either is placed
    only by when it was first seen, whether both name places (or people and organisations)
    but none in common, and how many words weigh SHARED_WEIGHT or more in both."""
    from newsreader.text.topics import similarity

    ta, tb = a["terms"], b["terms"]
    shared = ta.keys() & tb.keys()
    counts = dict.fromkeys(KINDS, 0)
    words = 0.0
    for term in shared:
        kind = next((k for k in KINDS if term.startswith(k)), None)
        if kind:
            counts[kind] += 1
        else:
            words += ta[term] * tb[term]
    return {
        "cosine": similarity(ta, tb),
        "words": words / (_word_length(ta) * _word_length(tb)),
        "title": similarity(a["title_terms"], b["title_terms"]),
        "people": min(counts["person:"], 3),
        "organisations": min(counts["org:"], 3),
        "places": min(counts["place:"], 3),
        "days": abs((a["day"] - b["day"]).days),
        "undated": 1.0 if a["undated"] or b["undated"] else 0.0,
        # Two floods in two countries, one army and one bank in the same week.
        "other_places": 1.0 if _apart(ta, tb, ("place:",)) else 0.0,
        "other_names": 1.0 if _apart(ta, tb, ("person:", "org:")) else 0.0,
        "shared_words": min(
            6, sum(1 for t in shared if ":" not in t and min(ta[t], tb[t]) >= SHARED_WEIGHT)
        ),
    }


def _word_length(terms: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for t, w in terms.items() if ":" not in t)) or 1.0


def _apart(a: dict[str, float], b: dict[str, float], kinds: tuple[str, ...]) -> bool:
    mine = {t for t in a if t.startswith(kinds)}
    theirs = {t for t in b if t.startswith(kinds)}
    return bool(mine and theirs and not mine & theirs)


class Neighbours:
    """Each story's candidates' cosines, sorted, as stories arrive: a story's background
    and where a pair ranks among its candidates."""

    def __init__(self) -> None:
        self.scores: dict[int, list[float]] = defaultdict(list)

    def add(self, pair: Pair) -> None:
        bisect.insort(self.scores[pair.a], pair.cosine)
        bisect.insort(self.scores[pair.b], pair.cosine)

    def background(self, story: int) -> float:
        scores = self.scores[story]
        return scores[-BACKGROUND_RANK] if len(scores) >= BACKGROUND_RANK else 0.0

    def rank(self, story: int, cosine: float) -> int:
        """1 + how many of the story's candidates are more alike than this one."""
        scores = self.scores[story]
        return 1 + len(scores) - bisect.bisect_right(scores, cosine)

    def density(self, pair: Pair) -> dict[str, float]:
        """DENSITY_FEATURES: the pair's cosine above the higher of the two stories'
        backgrounds, the log of the larger of the two ranks, and the log of the larger
        number of candidates."""
        a, b = pair.a, pair.b
        return {
            "excess": pair.cosine - max(self.background(a), self.background(b)),
            "rank": math.log(max(self.rank(a, pair.cosine), self.rank(b, pair.cosine))),
            "candidates": math.log1p(max(len(self.scores[a]), len(self.scores[b]))),
        }


def with_density(pairs: list[Pair]) -> list[tuple[Pair, dict[str, float]]]:
    """The pairs and all their features, the density ones over these pairs' stories."""
    neighbours = Neighbours()
    for pair in pairs:
        neighbours.add(pair)
    return [(pair, pair.features | neighbours.density(pair)) for pair in pairs]


# -- the stories -----------------------------------------------------------------------


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

    pages = folder / "pages"
    pages.mkdir()
    lines = ["name,fetched"]
    for number, story in enumerate(stories):
        (pages / f"{number:04d}.txt").write_text(scraped(story), encoding="utf-8")
        lines.append(f"{number:04d}.txt,{story['seen'] + ':00Z' if story['seen'] else ''}")
    (pages / "manifest.csv").write_text("\n".join(lines) + "\n")
    call_command("migrate", verbosity=0)
    call_command("ingest", str(pages), workers=0, verbosity=0, stdout=io.StringIO())
    return stored_as({story["title"]: story["event"] for story in stories})


def synthetic(count: int, per_day: int, folder: Path) -> list[dict]:
    """``count`` stories of bench/threads.py's synthetic archive, ingested, in the order
    the benchmark ingests them."""
    from bench.threads import write_events
    from newsreader.ingest.load import Ingester

    events = write_events(folder / "synthetic", count, per_day)
    Ingester().ingest_paths(sorted((folder / "synthetic").iterdir()), workers=0)
    order = {title: number for number, title in enumerate(events)}
    return sorted(stored_as(events), key=lambda s: order[s["title"]])


def stored_as(events: dict[str, str | int]) -> list[dict]:
    """The stored stories with these titles, with their events."""
    from newsreader.models import Article
    from newsreader.text.topics import profile

    rows = Article.objects.filter(title__in=list(events)).values_list(
        "title", "published_on", "first_seen", "profile__terms"
    )
    return [
        {
            "event": events[title],
            "title": title,
            "title_terms": profile(title, []),
            "day": published_on or first_seen.date(),
            "undated": published_on is None,
            "terms": terms or {},
        }
        for title, published_on, first_seen, terms in rows
    ]


def candidates(stored: list[dict]) -> list[Pair]:
    """The pairs threads would score: at most MAX_GAP_DAYS apart, MIN_COSINE alike. The
    stories are indexed by day and term, as newsreader/text/thread_links.py does."""
    from newsreader.text import topics

    postings = defaultdict(lambda: defaultdict(list))
    for number, story in enumerate(stored):
        for term in story["terms"]:
            postings[story["day"]][term].append(number)
    pairs = []
    for number, story in enumerate(stored):
        alike: dict[int, float] = defaultdict(float)
        for offset in range(topics.MAX_GAP_DAYS + 1):
            day = postings.get(story["day"] + timedelta(days=offset), {})
            for term, weight in story["terms"].items():
                for other in day.get(term, ()):
                    alike[other] += weight * stored[other]["terms"][term]
        for other, cosine in alike.items():
            later = other > number or stored[other]["day"] > story["day"]
            if later and cosine >= MIN_COSINE:
                same = story["event"] == stored[other]["event"]
                pairs.append(Pair(number, other, cosine, same))
    for pair in pairs:
        pair.features = pair_features(stored[pair.a], stored[pair.b])
    return pairs


# -- threads and scores ----------------------------------------------------------------


def threads_of(members: list[int], links) -> dict[int, int]:
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
    """(true positives, predicted pairs, true pairs) over the members' pairs, counted by
    group rather than pair by pair (an archive has millions of pairs)."""
    group = threads_of(members, links)
    by_thread, by_event = defaultdict(list), defaultdict(int)
    for m in members:
        by_thread[group[m]].append(stored[m]["event"])
        by_event[stored[m]["event"]] += 1
    predicted = sum(len(g) * (len(g) - 1) // 2 for g in by_thread.values())
    true = sum(n * (n - 1) // 2 for n in by_event.values())
    tp = 0
    for events in by_thread.values():
        counts = defaultdict(int)
        for event in events:
            counts[event] += 1
        tp += sum(n * (n - 1) // 2 for n in counts.values())
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


def hand_set(pair: Pair) -> bool:
    """The site's rule: the cosine topics.threshold asks for the days between them."""
    from newsreader.text import topics

    return pair.cosine >= topics.threshold(int(pair.features["days"]))


# -- the model -------------------------------------------------------------------------


def fit(rows: list[tuple[Pair, dict[str, float]]], used: list[str], max_rank: int = 0) -> dict:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit([[f[name] for name in used] for _, f in rows], [p.same for p, _ in rows])
    return {
        "features": used,
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "max_rank": max_rank,
    }


def chance(rule: dict, features: dict[str, float]) -> float:
    """The fitted link's probability, by hand from its weights (as a site would); 0 for a
    pair beyond ``max_rank`` among either story's candidates, if the rule sets one."""
    if rule.get("max_rank") and math.exp(features["rank"]) > rule["max_rank"] + 1e-9:
        return 0.0
    z = rule["intercept"] + sum(
        w * features[name] for name, w in zip(rule["features"], rule["weights"], strict=True)
    )
    return 1 / (1 + math.exp(-z))


def cross_validate(
    stored, pairs: list[Pair], count: int, used: list[str], max_rank: int = 0
) -> dict:
    totals = defaultdict(lambda: [0, 0, 0])
    for held_out in folds_of(stored, count):
        test = [i for i, s in enumerate(stored) if s["event"] in held_out]
        inside = set(test)
        train = [p for p in pairs if p.a not in inside and p.b not in inside]
        rule = fit(with_density(train), used, max_rank)
        scored = with_density([p for p in pairs if p.a in inside and p.b in inside])
        chances = [(p, chance(rule, f)) for p, f in scored]
        for threshold in THRESHOLDS:
            links = [(p.a, p.b) for p, c in chances if c >= threshold]
            for k, v in enumerate(pair_counts(test, links, stored)):
                totals[threshold][k] += v
        hand = [(p.a, p.b) for p, _ in scored if hand_set(p)]
        for k, v in enumerate(pair_counts(test, hand, stored)):
            totals["hand-set cosine"][k] += v
    return {name: scores(*counts) for name, counts in totals.items()}


def arriving(stored, pairs: list[Pair], rule: dict, order: list[int], batch: int) -> list:
    """The links the site makes as the stories arrive in this order, ``batch`` at a time:
    each new story's pairs with those already there, judged on what is there then."""
    position = {story: k for k, story in enumerate(order)}
    by_story = defaultdict(list)
    for pair in pairs:
        by_story[max(position[pair.a], position[pair.b]) // batch].append(pair)
    neighbours, links = Neighbours(), []
    for step in sorted(by_story):
        for pair in by_story[step]:
            neighbours.add(pair)
        for pair in by_story[step]:
            if chance(rule, pair.features | neighbours.density(pair)) >= rule["threshold"]:
                links.append((pair.a, pair.b))
    return links


def on_synthetic(args, folder: Path, rule: dict) -> None:
    stored = synthetic(args.synthetic, 0 if args.undated else args.per_day, folder)
    pairs = candidates(stored)
    members = list(range(len(stored)))
    print(f"synthetic archive: {len(stored)} stories, {len(pairs)} candidate pairs")
    hand = [(p.a, p.b) for p in pairs if hand_set(p)]
    print(f"  hand-set cosine: {scores(*pair_counts(members, hand, stored))}")
    scored = [(p, chance(rule, f)) for p, f in with_density(pairs)]
    for threshold in THRESHOLDS:
        links = [(p.a, p.b) for p, c in scored if c >= threshold]
        print(f"  fitted, {threshold}, all at once: {scores(*pair_counts(members, links, stored))}")
    whole = threads_of(members, [(p.a, p.b) for p, c in scored if c >= rule["threshold"]])
    orders = {
        "by day": sorted(members, key=lambda m: (stored[m]["day"], m)),
        "as written": members,
        "shuffled": random.Random(1).sample(members, len(members)),
    }
    for name, order in orders.items():
        links = arriving(stored, pairs, rule, order, 50)
        same = _partition(threads_of(members, links)) == _partition(whole)
        result = scores(*pair_counts(members, links, stored))
        print(f"  fitted, {rule['threshold']}, arriving {name}, 50 at a time: {result}", end="")
        print(f", same threads as all at once: {same}")


def same_in_any_order(stored, pairs: list[Pair], rule: dict) -> bool:
    """Whether the stories arriving one at a time, shuffled, make the threads of all at
    once."""
    members = list(range(len(stored)))
    order = random.Random(2).sample(members, len(members))
    found = threads_of(members, arriving(stored, pairs, rule, order, 1))
    scored = with_density(pairs)
    whole = threads_of(
        members, [(p.a, p.b) for p, f in scored if chance(rule, f) >= rule["threshold"]]
    )
    return _partition(found) == _partition(whole)


def _partition(groups: dict[int, int]) -> set[frozenset[int]]:
    found = defaultdict(set)
    for member, root in groups.items():
        found[root].add(member)
    return {frozenset(g) for g in found.values()}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--coverage-set", action="store_true", help="add tests/coverage_set.py's stories"
    )
    parser.add_argument(
        "--features",
        default="excess,rank,words,days,other_places",
        help=f"which of {','.join(FEATURES)} the model reads, comma-separated",
    )
    parser.add_argument("--threshold", type=float, help="instead of the best cross-validated")
    parser.add_argument("--synthetic", type=int, default=0, help="stories of bench/threads.py")
    parser.add_argument("--per-day", type=int, default=90)
    parser.add_argument("--undated", action="store_true", help="the synthetic stories undated")
    parser.add_argument(
        "--max-rank",
        type=int,
        default=0,
        help="link only pairs among each other's this many most alike candidates (0: any)",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
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

        used = args.features.split(",")
        results = cross_validate(stored, pairs, args.folds, used, args.max_rank)
        print(f"cross-validated over {args.folds} folds of events (pairwise, on held-out events):")
        for name, result in results.items():
            print(f"  {name!s:>16}: {result}")
        best = max(THRESHOLDS, key=lambda t: (results[t]["f1"], -t))
        rule = fit(with_density(pairs), used, args.max_rank)
        rule |= {"threshold": args.threshold or best}
        rule |= {
            "fitted_on": f"{len(stored)} stories, {events} events",
            "fitted_by": "python bench/fit_threads.py " + " ".join(sys.argv[1:]),
        }
        print(json.dumps(rule, indent=1))
        same = same_in_any_order(stored, pairs, rule)
        print(f"labelled set one story at a time, shuffled: same threads as all at once: {same}")
        if args.synthetic:
            on_synthetic(args, Path(folder), rule)


if __name__ == "__main__":
    main()
