"""What threading and naming cost per story, and how well they group, at archive size.

    python bench/threads.py --articles 100000 [--new 1000] [--per-day 90 | --undated]
        [--database-url URL]

Writes a seeded synthetic archive of developing events: each event has its country, a
person with a role, and topic words drawn from 20,000 English words of middling
frequency; it is told by one to five stories on days close together, whose other words
are the common vocabulary of news. (bench/corpus.py's stories all share one vocabulary,
so any clustering would make them one thread: right for them, useless for this.)

The events start on days spread so the archive has ``--per-day`` stories a day (90, as
the site's sources publish), and each story's lead names its weekday, so its caption's
date is its own (text/dates.py). ``--undated`` writes them as before that: no weekday,
so almost every story is placed on the day it is ingested, all in one window (a stress
of density: 3,000 stories each a candidate of every other).

Ingests ``--articles`` stories (reporting the seconds, and the writer's own CPU a story:
the rest runs in the parse workers), then ``--new`` more, and reports: the ingest's ms per
story for the new ones; of those, the ms of naming and re-threading (``threads.refresh``,
timed again on the same stories: the reference is the ingest in the same run); and the
pairwise precision, recall and F1 of the threads against the events. SQLite in a
temporary file unless --database-url is given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


COMMON = [
    "the",
    "government",
    "said",
    "on",
    "Monday",
    "that",
    "officials",
    "would",
    "meet",
    "again",
    "next",
    "week",
    "to",
    "discuss",
    "the",
    "plan",
    "as",
    "talks",
    "continued",
    "amid",
    "pressure",
    "from",
    "the",
    "opposition",
    "and",
    "residents",
    "who",
    "called",
    "for",
    "more",
    "time",
    "while",
    "prices",
    "rose",
    "and",
    "the",
    "minister",
    "promised",
    "a",
    "response",
]
FIRST = ["Ahmed", "Layla", "Omar", "Rania", "Karim", "Huda", "Samir", "Nadia", "Tariq", "Salma"]
LAST = ["Haddad", "Mansour", "Khoury", "Nasser", "Saleh", "Aziz", "Hamdan", "Qasim", "Fares"]
ROLES = ["Foreign Minister", "Interior Minister", "Economy Minister", "army spokesman"]
COUNTRIES = [
    ("Lebanese", "Beirut"), ("Jordanian", "Amman"), ("Iraqi", "Baghdad"), ("Egyptian", "Cairo"),
    ("Saudi", "Riyadh"), ("Syrian", "Damascus"), ("Yemeni", "Aden"), ("Tunisian", "Tunis"),
]  # fmt: skip


def events(count: int, seed: int = 7, per_day: int = 0):
    """(event number, title, caption, paragraphs) for ``count`` stories; with ``per_day``,
    dated stories about that many a day, else (0) stories that state no date of their own."""
    import datetime
    import random

    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocabulary = top_n_list("en", 20_000)[2_000:]
    start, written, event = datetime.date(2024, 1, 1), 0, 0
    # Undated, the days only fill captions; 730 keeps the archive the one measured before.
    days = max(1, round(count / per_day)) if per_day else 730
    while written < count:
        adjective, city = rng.choice(COUNTRIES)
        topic = rng.sample(vocabulary, 8)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}{event}"
        role = rng.choice(ROLES)
        day = start + datetime.timedelta(days=rng.randrange(days))
        for _ in range(min(rng.randint(1, 5), count - written)):
            day += datetime.timedelta(days=rng.randint(0, 2))
            words = rng.sample(topic, 5)
            title = f"{city} {words[0].title()} {words[1].title()} {words[2].title()} ({written})"
            caption = f"Residents in {city}, {day:%d %B %Y} (AFP)"
            # The lead's weekday makes the caption's date the story's (text/dates.py).
            when = f"On {day:%A} " if per_day else ""
            paragraphs = [
                when + " ".join(rng.sample(COMMON, 12) + rng.sample(topic, 4)) + f" in {city}.",
                f"{adjective} {role} {person} said the {' '.join(rng.sample(topic, 3))} "
                "would be discussed.",
                " ".join(rng.sample(COMMON, 15)) + ".",
            ]
            yield event, title, caption, paragraphs
            written += 1
        event += 1


def write_events(directory: Path, count: int, per_day: int = 0) -> dict[str, int]:
    """The stories in files of 50, as the scraper leaves them; title -> event."""
    from bench.corpus import page

    directory.mkdir(parents=True, exist_ok=True)
    truth, batch, files = {}, [], 0
    for event, title, caption, paragraphs in events(count, per_day=per_day):
        truth[title] = event
        batch.append((title, [caption], paragraphs))
        if len(batch) == 50:
            (directory / f"page_{files:06d}.txt").write_text(page(batch))
            batch, files = [], files + 1
    if batch:
        (directory / f"page_{files:06d}.txt").write_text(page(batch))
    return truth


def pairwise_scores(truth: dict[str, int], found: dict[str, int | None]) -> dict[str, float]:
    """Pairwise precision, recall and F1, counted over the pairs of the same event or of
    the same thread (not all n² pairs)."""
    from collections import defaultdict

    by_event, by_thread = defaultdict(list), defaultdict(list)
    for title, event in truth.items():
        by_event[event].append(title)
        if found.get(title) is not None:
            by_thread[found[title]].append(title)
    same_event = sum(len(g) * (len(g) - 1) // 2 for g in by_event.values())
    same_thread = sum(len(g) * (len(g) - 1) // 2 for g in by_thread.values())
    both = 0
    for group in by_thread.values():
        counts = defaultdict(int)
        for title in group:
            counts[truth[title]] += 1
        both += sum(n * (n - 1) // 2 for n in counts.values())
    precision = both / same_thread if same_thread else 1.0
    recall = both / same_event if same_event else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--per-day", type=int, default=90, help="stories a day")
    parser.add_argument(
        "--undated", action="store_true", help="stories with no date: all in one window"
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    workdir = Path(tempfile.mkdtemp(prefix="newsreader-threads-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from newsreader import threads
    from newsreader.ingest.load import Ingester
    from newsreader.models import Article, Thread

    call_command("migrate", verbosity=0)
    corpus = workdir / "corpus"
    truth = write_events(corpus, args.articles + args.new, 0 if args.undated else args.per_day)
    files = sorted(corpus.iterdir())
    per_file = 50
    new_files = files[-(args.new // per_file) :]
    started, cpu = time.perf_counter(), time.process_time()
    Ingester().ingest_paths(files[: -len(new_files)])
    archive_seconds = time.perf_counter() - started
    # The writer's own CPU (this process; parsing runs in the workers): the ingest's
    # ceiling, however many cores the workers have.
    archive_writer_cpu = time.process_time() - cpu

    # The same new stories: the ingest alone, then naming and threading them.
    ingester = Ingester()
    started = time.perf_counter()
    ingester.ingest_paths(new_files, workers=0)
    total = time.perf_counter() - started
    new_ids = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[: args.new])
    started = time.perf_counter()
    threads.refresh(new_ids)
    refresh = time.perf_counter() - started
    result = {
        "articles": Article.objects.count(),
        "placed_by_first_seen": Article.objects.filter(published_on=None).count(),
        "threads": Thread.objects.count(),
        "archive_ingest_s": round(archive_seconds, 1),
        "archive_writer_cpu_ms_per_story": round(1000 * archive_writer_cpu / args.articles, 2),
        "new_stories": len(new_ids),
        "ingest_with_threads_ms_per_story": round(1000 * total / len(new_ids), 2),
        "refresh_ms_per_story": round(1000 * refresh / len(new_ids), 2),
        "ingest_without_threads_ms_per_story": round(1000 * (total - refresh) / len(new_ids), 2),
    }
    result["threads_share_of_ingest"] = round(refresh / total, 2)
    found = dict(Article.objects.values_list("title", "thread_id"))
    result |= pairwise_scores(truth, found)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
