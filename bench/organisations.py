"""How well the organisations a story names are found, on the labelled development set.

    python bench/organisations.py [--part 1] [--part 2] [--threads-set] [--quiet]

Reads tests/data/organisations_dev/part*.jsonl (see its README): each line a story and the
organisations it names, under their canonical names. Runs the ingest's NameFinder on each
story as the ingest does (its paragraphs; the places and news outlets of
fixtures/regions.json and fixtures/sources.json as names that are not organisations) and
compares the names found with the labels the way storage does (name_key: "Al-" and "al-",
case and punctuation aside). Prints per part the precision, recall and F1 over all
(story, organisation) pairs, then the misses and the false finds, story by story.

The rules were written on part 1 with part 2 held out, then extended on part 2 (the
reverse round); docs/threads.md, "Organisations", has the figures of each round.

``--threads-set`` scores the team's threads set too (tests/data/threads_dev), whose labels
are names as printed ("Health Ministry", "Central Bank of Iraq"): loosely, a state's
institution by its name without the state ("Ministry of Health (Egypt)" is "Health
Ministry").
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.text.name_words import name_key  # noqa: E402
from newsreader.text.organisation_names import organisation_key  # noqa: E402
from newsreader.text.people import NameFinder  # noqa: E402
from newsreader.text.state_institutions import institution  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "organisations_dev"
THREADS_SET = ROOT / "tests" / "data" / "threads_dev"


@dataclass
class Score:
    found: int = 0
    wanted: int = 0
    right: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_finds: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def not_names() -> list[str]:
    """The places and news outlets the reference fixtures name, as the ingest reads them
    from the database (newsreader/threads.py, not_names)."""
    names = []
    for fixture in ("regions.json", "sources.json"):
        for row in json.loads((ROOT / "fixtures" / fixture).read_text(encoding="utf-8")):
            fields = row["fields"]
            names += [fields.get("name", ""), fields.get("short_name", ""), *fields["aliases"]]
    return [name for name in names if name]


def stories(part: int) -> list[dict]:
    path = DEV_SET / f"part{part}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(part: int, finder: NameFinder) -> Score:
    result = Score()
    for story in stories(part):
        paragraphs = story["text"].split("\n\n")
        found = {name_key(name): name for name in finder.find("", paragraphs).organisations}
        wanted = {name_key(name): name for name in story["organisations"]}
        result.found += len(found)
        result.wanted += len(wanted)
        result.right += len(found.keys() & wanted.keys())
        result.misses += [(story["id"], wanted[key]) for key in wanted.keys() - found.keys()]
        result.false_finds += [(story["id"], found[key]) for key in found.keys() - wanted.keys()]
    return result


def loose_key(name: str) -> str:
    """ "Ministry of Health (Egypt)", "Health Ministry" -> one key."""
    words = name.split(" (")[0].split()
    return organisation_key(institution(words) or " ".join(words))


def threads_set_score(finder: NameFinder) -> Score:
    result = Score()
    for path in sorted(THREADS_SET.glob("part*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            named = finder.find(story["title"], story["paragraphs"], [story["caption"]])
            found = {loose_key(name): name for name in named.organisations}
            wanted = {loose_key(name): name for name in story["organisations"]}
            result.found += len(found)
            result.wanted += len(wanted)
            result.right += len(found.keys() & wanted.keys())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", type=int, action="append", choices=(1, 2))
    parser.add_argument("--threads-set", action="store_true", help="tests/data/threads_dev too")
    parser.add_argument("--quiet", action="store_true", help="the figures only")
    arguments = parser.parse_args()
    finder = NameFinder(not_names())
    for part in arguments.part or (1, 2):
        result = score(part, finder)
        role = "rules written on it" if part == 1 else "held out in round 1"
        print(
            f"part {part} ({role}): precision {result.precision:.3f}  recall "
            f"{result.recall:.3f}  F1 {result.f1:.3f}  ({result.right} of {result.wanted} "
            f"labels, {result.found} found)"
        )
        if arguments.quiet:
            continue
        for story_id, name in result.misses:
            print(f"  miss   {story_id}  {name}")
        for story_id, name in result.false_finds:
            print(f"  false  {story_id}  {name}")
    if arguments.threads_set:
        result = threads_set_score(finder)
        print(
            f"threads set (labels as printed, matched loosely): precision "
            f"{result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}"
        )


if __name__ == "__main__":
    main()
