"""The runs of capitalised words an organisation's name may stand in, for
organisation_shapes.py: a text's runs, joined where a name goes on across "of", "for",
"and" and the like, or where a list of portfolios or of a known name's words does. Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsreader.text.organisation_names import Word
from newsreader.text.organisation_words import NOT_FIRST, PORTFOLIO_WORDS, TIME_WORDS, words
from newsreader.text.state_institutions import place_of

# Lower-case words that join the words of a name: "Ministry of Health", "Banque du Liban".
CONNECTORS = words("of for the and on to in du de des la al el bin ibn &")
AFTER_THE = words("of for on to in")


@dataclass
class Run:
    """Capitalised words in a row, and the words around them."""

    words: list[Word]
    first: int  # index of the first word in the text's tokens
    last: int
    qualifier: str = ""  # the state of a possessive or a modifier just before it


IsKnown = Callable[[str], "str | None"]


def runs(tokens: list[Word]) -> list[Run]:
    runs: list[Run] = []
    current: list[int] = []

    def close() -> None:
        while current and not tokens[current[-1]].capitalised:
            current.pop()
        if current:
            words = [tokens[i] for i in current]
            runs.append(Run(words, current[0], current[-1], _qualifier(tokens, runs, current[0])))
        current.clear()

    for index, token in enumerate(tokens):
        if token.capitalised and token.lower in TIME_WORDS and current:
            close()  # "Al Mamlakah TV | on Sunday": a day or a month ends a name
        if token.capitalised:
            current.append(index)
            if token.ends_name:
                close()
        elif current and token.text in CONNECTORS and _joins(tokens[current[-1]], token):
            current.append(index)
        else:
            close()
    close()
    return runs


def listed(runs: list[Run], tokens: list[Word], known: IsKnown) -> list[Run]:
    """Runs that list the words of one name with commas joined: "Ministry of Electricity,
    Water and Renewable Energy", "Artificial Intelligence, Digital Economy and Remote Work
    Applications Office"."""
    joined: list[Run] = []
    for run in runs:
        previous = joined[-1] if joined else None
        if previous and _continues(previous, run, tokens, known):
            comma = tokens[run.first - 1]
            words = [*previous.words, comma, *run.words]
            joined[-1] = Run(words, previous.first, run.last, previous.qualifier)
        else:
            joined.append(run)
    return joined


def _continues(previous: Run, run: Run, tokens: list[Word], known: IsKnown) -> bool:
    after_comma = previous.last + 2 == run.first and tokens[run.first - 1].text == ","
    return after_comma and (
        _lists_portfolios(previous, run) or _lists_words_of(previous, run, known)
    )


def _lists_portfolios(previous: Run, run: Run) -> bool:
    """ "Ministry of Electricity | , Water and Renewable Energy"."""
    ministry = any(w.lower == "ministry" for w in previous.words)
    return ministry and all(w.lower in PORTFOLIO_WORDS for w in run.words)


def _lists_words_of(previous: Run, run: Run, known: IsKnown) -> bool:
    """ "Artificial Intelligence | , Digital Economy and ... Office": words with no head
    before a list that ends in one name ("X and Y Office"), not two names or a place."""
    words = trimmed(previous.words)
    if len(words) < 2 or any(w.head or w.title for w in words):
        return False
    if known(name_text(words)) or place_of([w.bare for w in words]):
        return False
    listed = run.words
    ands = [i for i, w in enumerate(listed) if w.text == "and"]
    if not ands or not listed[-1].head:
        return False
    before_and = listed[: ands[0]]
    return not any(w.head for w in before_and) and not known(name_text(before_and))


def _joins(previous: Word, connector: Word) -> bool:
    """Whether the connector may follow the word: "of the" and "for the", never "and the"
    (which starts another name)."""
    if connector.text == "the":
        return previous.text in AFTER_THE
    return previous.capitalised


def _qualifier(tokens: list[Word], runs: list[Run], first: int) -> str:
    """The state a name belongs to, written just before it: "Egypt's", "Hamas-run"."""
    if first == 0:
        return ""
    before = tokens[first - 1]
    if before.modifier:
        return place_of([before.text])
    if runs and runs[-1].last == first - 1 and before.ends_name:
        words = [w.bare for w in runs[-1].words]
        return place_of(words[-2:]) or place_of(words[-1:])
    return ""


def trimmed(words: list[Word]) -> list[Word]:
    """Without the words that start a sentence or a clause ("Meanwhile the ...") and the
    joining words at either end."""
    start, end = 0, len(words)
    while start < end and (words[start].lower in NOT_FIRST or not words[start].capitalised):
        start += 1
    while end > start and not words[end - 1].capitalised:
        end -= 1
    return words[start:end]


def name_text(words: list[Word]) -> str:
    text = " ".join(w.bare if i == len(words) - 1 else w.text for i, w in enumerate(words))
    return text.replace(" ,", ",")
