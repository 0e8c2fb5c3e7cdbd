"""A synthetic corpus in the scraped-file format, seeded and reproducible.

Stories name real regions, places and sources from the fixtures, carry captions with
credits, and spread over three years of dates (one in ten undated: placed on the day it
is ingested). The vocabulary gives search terms of three frequencies: COMMON appear in
most stories, MEDIUM in about 5 %, RARE in about 0.1 %.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES_PER_FILE = 50
START = datetime.date(2023, 1, 1)
DAYS = 3 * 365

COMMON = ["government", "officials", "ceasefire", "talks", "security"]
MEDIUM = ["desalination", "reconstruction", "phosphate", "pipeline", "refinery"]
RARE = ["zanzibarine", "quorumless", "saffronfield", "tidewrack", "lanternfish"]
FILLER_TEXT = (
    "the minister said on Monday that the plan would go ahead despite objections from "
    "opposition parties and a coalition of civil groups who called for more time to study "
    "its effects on residents water supply and jobs in the region where prices have risen "
    "sharply over the past year amid shortages and a weak currency"
)
FILLER = FILLER_TEXT.split(" ")
VERBS = ["Weighs", "Backs", "Rejects", "Delays", "Expands", "Opens", "Debates", "Signs"]
NOUNS = [
    "Budget",
    "Border Deal",
    "Port Plan",
    "Aid Package",
    "Election Law",
    "Water Project",
    "Rail Link",
    "Energy Accord",
    "Housing Scheme",
    "Trade Pact",
]
CREDITS = ["(AFP)", "(EPA)", "(Reuters)", "(AP)", "Photo: Samir Haddad/dpa", "(Getty Images)"]
CITES = [
    "told AFP",
    "told Reuters",
    "told Asharq Al-Awsat",
    "according to the Saudi Press Agency",
    "in a statement carried by the state news agency SANA",
    "Al Jazeera reported",
]


def load_places() -> tuple[list[dict], dict[int, list[str]]]:
    records = json.loads((ROOT / "fixtures" / "regions.json").read_text())
    countries = [r for r in records if r["fields"]["kind"] == "country"]
    places: dict[int, list[str]] = {}
    for record in records:
        fields = record["fields"]
        if fields["kind"] == "place" and fields["population"] > 100_000:
            places.setdefault(fields["parent"], []).append(fields["name"])
    return countries, places


def stories(count: int, seed: int = 1) -> Iterator[tuple[str, list[str], list[str]]]:
    """(title, caption lines, paragraphs) for ``count`` distinct stories."""
    rng = random.Random(seed)
    countries, places = load_places()
    lebanon = next(c for c in countries if c["fields"]["code"] == "LB")
    for number in range(count):
        # A quarter of the stories are Lebanon's, so its pages go 1,000 pages deep at 100k.
        country = lebanon if rng.random() < 0.25 else rng.choice(countries)
        name = country["fields"]["name"]
        towns = places.get(country["pk"]) or [name]
        town = rng.choice(towns)
        title = f"{name} {rng.choice(VERBS)} {rng.choice(NOUNS)} in {town} ({number})"
        day = START + datetime.timedelta(days=rng.randrange(DAYS))
        dated = rng.random() < 0.9
        when = f"{day:%d %B %Y}, " if dated else ""
        caption = f"{when}{name}, {town}: residents gather near the site {rng.choice(CREDITS)}"
        paragraphs = []
        for index in range(rng.randint(4, 9)):
            words = rng.sample(FILLER, 18)
            words += rng.sample(COMMON, 2)
            if rng.random() < 0.05:
                words.append(rng.choice(MEDIUM))
            if number % 1000 == index:
                words.append(rng.choice(RARE))
            rng.shuffle(words)
            sentence = " ".join(words)
            if index == 1:
                sentence += f", an official {rng.choice(CITES)}"
            # The lead's weekday makes the caption's date the story's (text/dates.py): an
            # undated archive would put every story in one day's window.
            lead = f"On {day:%A}, in" if dated and index == 0 else "In"
            paragraphs.append(f"{lead} {town}, {sentence} (story {number}, part {index}).")
        yield title, [caption], paragraphs


def page(batch: list[tuple[str, list[str], list[str]]]) -> str:
    """Stories laid out as the scraper leaves them: repeated header, TT, blank lines."""
    parts = []
    for title, captions, paragraphs in batch:
        header = [title, "", *[line for c in captions for line in (c, c)]]
        parts += [*header, "TT", "", *header, ""]
        parts += [line for p in paragraphs for line in (p, "")]
        parts += ["", "  ", ""]
    return "\n".join(parts) + "\n"


def write_corpus(directory: Path, count: int, seed: int = 1) -> int:
    """Write ``count`` stories into files of STORIES_PER_FILE; returns the number of files."""
    directory.mkdir(parents=True, exist_ok=True)
    batch, files = [], 0
    for story in stories(count, seed):
        batch.append(story)
        if len(batch) == STORIES_PER_FILE:
            (directory / f"page_{files:06d}.txt").write_text(page(batch))
            batch, files = [], files + 1
    if batch:
        (directory / f"page_{files:06d}.txt").write_text(page(batch))
        files += 1
    return files


def write_copies(directory: Path, count: int, copies: int, seed: int = 1) -> int:
    """Write ``copies`` stories of the ``count``-story corpus again, spread through it and
    grouped into new files: a second delivery, whose every story merges. Returns files."""
    directory.mkdir(parents=True, exist_ok=True)
    step = max(1, count // max(1, copies))
    chosen = [story for number, story in enumerate(stories(count, seed)) if number % step == 0]
    chosen = chosen[:copies]
    files = 0
    for start in range(0, len(chosen), STORIES_PER_FILE):
        batch = chosen[start : start + STORIES_PER_FILE]
        (directory / f"again_{files:06d}.txt").write_text(page(batch))
        files += 1
    return files
