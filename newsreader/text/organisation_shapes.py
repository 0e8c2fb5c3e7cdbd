"""Organisations named by their shape, beyond the reference list. Pure.

A name is a run of capitalised words, joined by "of", "for", "and", "on", "in" and the like,
around a word that names a kind of organisation (newsreader/text/organisation_words.py,
HEADS): "the Sovereignty Alliance", "Ministry of Health", "Intergovernmental Authority on
Development", "Saudia Group". Words around a name that say it is one count too: "the
Yesh Atid party", "Turkish drone maker Baykar", "Abu Dhabi-listed Adnoc Drilling".

An institution every state has ("Egypt's Health Ministry") is a name of its own shape,
stored with its state: newsreader/text/state_institutions.py.

Not names: a person's title ("Foreign Minister Ahmed ..."), a place ("West Bank"), words
that start a sentence ("Meanwhile ..."), a state's forces or government ("Israeli
Forces"), one generic word ("the Council", "parliament").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import regex
from wordfreq import zipf_frequency

from newsreader.text.organisation_names import Mention, Word, spelled, words_of
from newsreader.text.organisation_runs import (
    IsKnown,
    Run,
    listed,
    name_text,
    runs,
    trimmed,
)
from newsreader.text.organisation_words import (
    BRAND_HEADS,
    IN_NAME_HEADS,
    KIND_AFTER,
    KIND_BEFORE,
    NOT_AFTER_HEAD,
    NOT_AFTER_PLACE,
    NOT_FIRST,
    NOT_KIND_NAMES,
    NOT_ORGANISATIONS,
    ORGANISATION_MODIFIERS,
    OUTLET_ENDINGS,
    OWN_KINDS,
    PORTFOLIO_WORDS,
    words,
)
from newsreader.text.state_institutions import (
    institution,
    institution_mention,
    leading_place,
    lower_case_institutions,
    place_of,
    trailing_place,
)

# A bracket that ends a text: a photo's credit ("... (Lebanese Presidency)").
_CREDIT = regex.compile(r"\s*\([^()]*\)\s*$")
_PARTICLES = words("and bin ibn al el du de des")
# The most words after a known organisation's name that name one of its organs ("Hamas
# Political Bureau" is Hamas; "UN Support Mission in Libya" is a name of its own).
_MAX_ORGAN_WORDS = 2
# How common (wordfreq's Zipf scale) an English word is when one alone is no name: "Neither
# company" (4.8), not "the Islah party" (1.9).
COMMON_WORD = 4.5
# How rare a word before "of" is when it starts a name ("Martyrs of Idlib Brigade", 3.4),
# not a common noun ("Shares of ...", 4.6; "Members of ...", 5.0).
RARE_BEFORE_OF = 4.0


def mentions(text: str, known: IsKnown) -> list[Mention]:
    """Organisations the text names by their shape; ``known`` gives the reference list's
    name for a name in it, or None."""
    credit = _CREDIT.search(text)
    text = text[: credit.start()] if credit else text
    tokens = words_of(text)
    found: list[Mention] = []
    for run in listed(runs(tokens), tokens, known):
        shaped = list(_run_mentions(run, known))
        found += shaped or list(_kind_mentions(run, tokens, known))
    return found + list(lower_case_institutions(tokens))


def _segments(words: list[Word]) -> Iterator[list[Word]]:
    """The run cut before each title after its first word: "Health Ministry | Spokesman
    Ashraf al-Qudra"; "King Saud University" stays whole."""
    start = 0
    for index, word in enumerate(words):
        if index > start and word.title:
            yield words[start:index]
            start = index
    yield words[start:]


def _run_mentions(run: Run, known: IsKnown) -> Iterator[Mention]:
    words = trimmed(run.words)
    if not words:
        return
    segments = list(_segments(words))
    for number, segment in enumerate(segments):
        spans = list(_spans(segment))
        for span in spans or [segment]:
            if number + 1 < len(segments) and _part_of_title(span, segment):
                continue
            for part in _split_at_and(span, known):
                part = trimmed(part)
                qualifier = run.qualifier if part and part[0] is words[0] else ""
                mention = _classify(part, qualifier, known, shaped=bool(spans))
                if mention is not None:
                    yield mention


def _part_of_title(span: list[Word], segment: list[Word]) -> bool:
    """A portfolio before a title: "Kuwaiti Petroleum | Minister ..." is no company."""
    return span[-1] is segment[-1] and span[-1].lower in PORTFOLIO_WORDS and span[-1].head


def _spans(segment: list[Word]) -> Iterator[list[Word]]:
    """The names around each head: back over the capitalised words before it, on over the
    words joined to it ("of Health") and the heads after it ("Airways Group")."""
    index = 0
    while index < len(segment):
        if not segment[index].head:
            index += 1
            continue
        start = index
        while start > 0 and _joins_before(segment, start - 1):
            start -= 1
        end = _span_end(
            segment, index, brand=start == index and segment[index].lower in BRAND_HEADS
        )
        if end is not None:
            yield segment[start:end]
        index = max(end or 0, index + 1)


def _joins_before(segment: list[Word], index: int) -> bool:
    """Whether the word belongs to the name of the head after it: "Justice and Development
    Party", but not "OQ and | Kuwait Petroleum"."""
    word = segment[index]
    if word.text == ",":
        return True  # a name listed with commas (_listed)
    if word.text == "and":
        return index > 0 and not segment[index - 1].text.isupper()
    if word.text == "of":
        # "Martyrs of Idlib Brigade", not "Shares of | Saudi National Bank".
        return index > 0 and _names_a_group(segment[index - 1])
    return word.capitalised or word.text in _PARTICLES


def _names_a_group(word: Word) -> bool:
    lower = word.lower
    return (
        word.capitalised
        and not word.title
        and lower not in NOT_FIRST
        and zipf_frequency(lower, "en") < RARE_BEFORE_OF
    )


def _span_end(segment: list[Word], head: int, brand: bool) -> int | None:
    """Where the name of the head at ``head`` ends; None when the head names something
    else's kind ("Cairo University Hospital")."""
    end = index = head + 1
    while index < len(segment):
        word = segment[index]
        if word.lower in NOT_AFTER_HEAD:
            return None if index == end else end
        if word.head or (brand and word.capitalised):
            end = index = index + 1
            continue
        if word.capitalised:
            break
        index = _joined_end(segment, head, end, index)
        if index is None:
            break
        end = index
    return end


def _joined_end(segment: list[Word], head: int, end: int, index: int) -> int | None:
    """The end of the words that joining words at ``index`` add to a name ("of Health",
    "in Libya", "and Irrigation"); None if they add none."""
    word = segment[index]
    joined = index
    while joined < len(segment) and not segment[joined].capitalised:
        joined += 1
    if joined == len(segment) or segment[joined].lower in NOT_FIRST:
        return None
    in_place = word.text != "in" or segment[end - 1].lower in IN_NAME_HEADS
    if not in_place and not place_of([segment[joined].bare]):
        return None
    # "Qatar Investment Authority | and Mubadala": a name after a head-final name joins it
    # only to be split from it ("... Movement and Justice and Equality Movement").
    if word.text == "and" and end == head + 1 and not any(w.head for w in segment[joined:]):
        return None
    # A ministry's name holds its portfolio: the word after "Ministry of", then the words
    # that name portfolios ("Ministry of Oil | Fahad ...").
    ministry = segment[head].lower == "ministry"
    portfolio = ministry and joined == head + 2 and _joined(segment[joined], False)
    index = joined + 1 if portfolio else joined
    while index < len(segment) and _joined(segment[index], ministry):
        index += 1
    return None if index == joined else index


def _joined(word: Word, ministry: bool) -> bool:
    """Whether the word continues a name after "of", "for", "and"...: a ministry's only
    with its portfolio or its state ("Ministry of Oil | Fahad ...")."""
    if not word.capitalised or word.ends_name or word.text[:1].isdigit():
        return False
    return not ministry or word.lower in PORTFOLIO_WORDS or bool(place_of([word.bare]))


def _split_at_and(span: list[Word], known: IsKnown) -> list[list[Word]]:
    """Two names joined by "and": "the Sudan Liberation Movement and Justice and Equality
    Movement", "Capital Economics and HC Securities"; one name with "and" stays whole
    ("Peace and Security Council")."""
    for index, word in enumerate(span):
        if word.text != "and" or index == 0:
            continue
        left, right = span[:index], span[index + 1 :]
        if right and _names_one(left, known) and _names_one(right, known):
            return _split_at_and(left, known) + _split_at_and(right, known)
    return [span]


def _names_one(words: list[Word], known: IsKnown) -> bool:
    """Whether the words can be a name of their own: they hold a head, or are known."""
    return any(w.head for w in words) or known(name_text(words)) is not None


def _classify(words: list[Word], qualifier: str, known: IsKnown, shaped: bool) -> Mention | None:
    """The organisation these words name, if they name one: by their shape, or (not
    ``shaped``) as a state's institution only ("House of Representatives")."""
    if not words:
        return None
    text = name_text(words)
    start, end = words[0].start, words[-1].end
    name = known(text) or (_known_owner(words, known) if shaped else None)
    if not name and len(words) > 1 and words[0].lower in NOT_KIND_NAMES:
        # "the Christian Lebanese Forces", "the Shiite Amal Movement"
        name = known(name_text(words[1:]))
    if name:
        return Mention(name, start, end)
    keys = [w.lower for w in words]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(keys)}
    if pairs & NOT_ORGANISATIONS or tuple(keys[-2:]) in OUTLET_ENDINGS:
        return None
    place, rest = leading_place(words)
    rest, where = trailing_place(rest)
    base = institution([w.bare for w in rest])
    if base:
        place = place or where or qualifier
        if base == "Government" or (not place and len(rest) == 1):
            return None
        return institution_mention(base, place, start, end)
    if (
        not shaped
        or len(words) < 2
        or (place and len(rest) == 1 and rest[0].lower in NOT_AFTER_PLACE)
    ):
        return None
    return Mention(spelled(_name_without_location(words)), start, end)


def _known_owner(words: list[Word], known: IsKnown) -> str | None:
    """A known organisation's organ or its kind after its name: "Hamas Political Bureau",
    "Islamic Jihad Movement" -> the organisation. "UN Support Mission" and "Fatah
    Alliance" stay names of their own."""
    for end in range(len(words) - 1, max(len(words) - 1 - _MAX_ORGAN_WORDS, 0), -1):
        owner = words[:end]
        if len(words) - end == 1 and words[-1].lower not in OWN_KINDS:
            continue
        if not owner[-1].text.isupper():
            name = known(name_text(owner))
            if name:
                return name
    return None


def _name_without_location(words: list[Word]) -> str:
    """The name, without an "in" and a place that only say where it is."""
    for index, word in enumerate(words):
        after_plain_head = index > 0 and words[index - 1].lower not in IN_NAME_HEADS
        joined = any(w.lower in {"of", "for"} for w in words[:index])
        if word.text == "in" and after_plain_head and not joined:
            return name_text(words[:index])
    return name_text(words)


def _kind_mentions(run: Run, tokens: list[Word], known: IsKnown) -> Iterator[Mention]:
    """A name the words around it call an organisation: "the Yesh Atid party", "Turkish
    drone maker Baykar", "Dubai-based Jasmine Shipping LLC"."""
    words = trimmed(run.words)
    if not words or any(w.title for w in words):
        return
    before = tokens[run.first - 1] if run.first else None
    after = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
    kind_after = after is not None and after.text in KIND_AFTER
    kind_before = before is not None and before.text in KIND_BEFORE
    modified = before is not None and before.text.endswith(ORGANISATION_MODIFIERS)
    if not (kind_after or kind_before or modified):
        return
    parts = [words]
    if kind_before:
        # "Turkish firms Kalyon Enerji and Cengiz Enerji": one name on each side of "and".
        groups = itertools.groupby(words, lambda w: w.text == "and")
        parts = [list(group) for is_and, group in groups if not is_and]
    for part in parts:
        part = trimmed(part)
        if not part or (len(part) == 1 and _not_a_name(part[0])):
            continue
        text = name_text(part)
        yield Mention(known(text) or spelled(text), part[0].start, part[-1].end)


def _not_a_name(word: Word) -> bool:
    """A word alone that names no organisation: "the Druze party", "Neither company",
    "the Lebanese group"."""
    lower = word.lower
    return (
        lower in NOT_KIND_NAMES
        or lower in NOT_FIRST
        or zipf_frequency(lower, "en") >= COMMON_WORD
        or bool(place_of([word.bare]))
    )
