"""The people and organisations a story names. Pure.

A person is a name of two words or more that the text introduces as one: after a role
("Egyptian Foreign Minister Badr Abdelatty"), before a role in apposition ("Badr
Abdelatty, Egypt's foreign minister,"), after an honorific ("Sheikh ...") or as the one
speaking ("... Bassem Naim said"). The role and the country are the words the text gives
with the name, or empty. A later mention by surname alone ("Abdelatty said") is the same
person and is not counted again; a single word alone is never taken for a person.

An organisation is one of the reference list below, under any of its aliases, or a name
the story defines with its acronym ("the Syrian Democratic Forces (SDF)"). News outlets
are sources, not organisations (see outlets.py), and places are regions (places.py): the
caller passes their names as ``not_names``.

Countries come from newsreader/text/countries.py.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from newsreader.text.countries import countries
from newsreader.text.name_words import (
    ARABIC_ARTICLES,
    ARTICLES,
    HONORIFICS,
    MAX_ROLE_WORDS,
    NOT_NAME_WORDS,
    OUTLET_WORDS,
    PARTICLES,
    PLACE_WORDS,
    ROLE_HEADS,
    ROLE_STOP,
    SPEECH,
    SPEECH_BEFORE,
    SUFFIXES,
    name_key,
    named_as_people_are,
)
from newsreader.text.organisation_list import ORGANISATIONS
from newsreader.text.organisation_words import (
    LOWER_CASE_INSTITUTIONS,
    OWN_KINDS,
    PORTFOLIO_WORDS,
)
from newsreader.text.organisations import Organisations
from newsreader.text.roles import (
    LETTER,
    POSSESSIVE,
    RELATIVE_ROLES,
    Token,
    ends_in_role,
    is_verb_like,
    nationality_in,
    role_object,
    whole_role,
    words_after_comma,
)

# Marks, among the organisations' keys, the words inside a name the story gives whole.
ORGANISATION_GOES_ON = "\x00"

# Lower-case words that name an institution a role is of: "Speaker of the Libyan
# parliament", "the leader of the movement".
INSTITUTION_WORDS = (
    LOWER_CASE_INSTITUTIONS
    | OWN_KINDS
    | {"government", "council", "ministry", "forces", "committee", "agency"}
)

# The most words a role's object ("of the Atomic Energy Organization of Iran") may have
# before a name.
MAX_OBJECT_WORDS = 8

# A capitalised word: "Abdelatty", "Al-Raqab", "O'Brien", "McGurk", "Erdoğan"; or a
# lower-case article joined to one: "al-Sharaa", "el-Sisi".
_WORD = regex.compile(
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Adm)\.|(?:\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?|(?:al|el|ad|as|ash|an|ar|at|az|ul)-\p{Lu}\p{Ll}+)"
    r"(?:-\p{L}+)*(?:['’]s)?|\p{Lu}{2,}|[\p{L}\p{N}]+(?:[-'’]\p{L}+)*|[^\s\p{L}\p{N}]",
)


@dataclass(frozen=True)
class PersonMention:
    name: str
    role: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or ''


@dataclass(frozen=True)
class Named:
    people: list[PersonMention]
    organisations: list[str]


@dataclass(frozen=True)
class NamedText:
    """The names found in a story, with the key of the text they were found in: they
    hold for a story whose text has the same key (``naming_key``)."""

    key: str
    named: Named


def naming_key(title: str, paragraphs: list[str], captions: Iterable[str]) -> str:
    """What ``NameFinder.find`` reads, as a short key."""
    text = "\x1f".join([title, "\x1e".join(paragraphs), "\x1e".join(captions)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class NameFinder:
    """People and organisations in a story. ``not_names``: names that are something
    else (places, news outlets), in any case."""

    def __init__(self, not_names: Iterable[str] = ()) -> None:
        self.not_names = {name_key(name) for name in not_names}
        self.organisations = Organisations(ORGANISATIONS)

    def find_keyed(self, title: str, paragraphs: list[str], captions: list[str]) -> NamedText:
        """``find``, with the key of what it read."""
        return NamedText(
            naming_key(title, paragraphs, captions), self.find(title, paragraphs, captions)
        )

    def find(self, title: str, paragraphs: list[str], captions: Iterable[str] = ()) -> Named:
        texts = [*paragraphs, *captions]
        # A headline's words are capitalised whatever they are ("Speaker Promises Quick
        # Vote"): its people are read in the body, its organisations in it too.
        organisations = [
            name
            for name in self.organisations.find([title, *texts] if title else texts, texts)
            if name_key(name) not in self.not_names
        ]
        org_keys = {name_key(name) for name in organisations} | self.organisations.keys
        # "Transitional Sovereignty | Council": an organisation's first words, with the
        # word after them, are no person's name; nor any of a listed organisation's ("King
        # | Salman Humanitarian Aid | and Relief Center"). A name found by its shape may
        # have taken a person in ("President Adel Rahmeh and ... Movement").
        for words in (name_key(name).split() for name in organisations):
            listed = " ".join(words) in self.organisations.keys
            # A name found by its shape may have "and" join two names ("Michel Aoun and |
            # Free Patriotic Movement"): each part's first words count, not what spans "and".
            starts = [0] + [i + 1 for i, word in enumerate(words) if word == "and"]
            org_keys |= {
                ORGANISATION_GOES_ON + " ".join(words[start:end])
                for start in (range(len(words)) if listed else starts)
                for end in range(start + 3, len(words) + 1)
                if listed or "and" not in words[start:end]
            }
        people: dict[str, PersonMention] = {}
        found: list[PersonMention] = []
        uncued: list[str] = []
        speakers: set[str] = set()
        for text in texts:
            self._people_in(text, org_keys, found, uncued, speakers)
        # "Benjamin Netanyahu has faced protests ... Netanyahu said": a full name the
        # text gives no cue for is a person when its surname alone speaks.
        # "the meeting with Volker Perthes": so is a name that reads as a person's.
        found += [
            PersonMention(name)
            for name in uncued
            if _surname_speaks(name, speakers) or named_as_people_are(name)
        ]
        for mention in found:
            key = name_key(mention.name)
            known = people.get(key)
            if known is None or (not known.role and mention.role):
                people[key] = PersonMention(
                    mention.name,
                    mention.role or (known.role if known else ""),
                    mention.country or (known.country if known else ""),
                )
            elif not known.country and mention.country:
                people[key] = PersonMention(known.name, known.role, mention.country)
        kept = _without_partial_names(list(people.values()))
        names = [person.name for person in kept]
        return Named(
            people=kept, organisations=_beside_people(organisations, names, [title, *texts])
        )

    def _people_in(
        self,
        text: str,
        org_keys: set[str],
        found: list[PersonMention],
        uncued: list[str],
        speakers: set[str],
    ) -> None:
        """Adds to ``found`` the people the text introduces, to ``uncued`` the names it
        gives no cue for, and to ``speakers`` the single words that speak ("Katz said")."""
        tokens = [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        index = 0
        # The names of one list ("A, B and C") are all people when one of them is
        # introduced as one ("Vladimir Putin and Ahmed al-Sharaa agreed") or the list is
        # of people ("the council's members include A, B and C").
        listed: list[str] = []  # the list's names not yet known to be people
        in_list = people_list = False
        while index < len(tokens):
            end = self._name_end(tokens, index)
            if end is None:
                token = tokens[index]
                if (
                    self._name_word(token)
                    and index + 1 < len(tokens)
                    and tokens[index + 1].text in SPEECH
                ):
                    speakers.add(token.bare)
                if token.text not in {"and", ","}:
                    in_list = False
                index += 1
                continue
            words = tokens[index:end]
            name = POSSESSIVE.sub("", text[words[0].start : words[-1].end])
            going_on = name_key(f"{name} {tokens[end].text}") if end < len(tokens) else ""
            if (
                self._is_a_name(name, org_keys)
                and ORGANISATION_GOES_ON + going_on not in org_keys
                # "Abu Dhabi Crown | Prince": the first words of an office
                and not (
                    end < len(tokens)
                    and not words[-1].possessive  # "Mehleb's Cabinet"
                    and tokens[end].capitalised
                    and _is_head(tokens[end])
                )
            ):
                if not (in_list and tokens[index - 1].text in {"and", ","}):
                    listed, people_list = [], _lists_people(tokens, index)
                mention = self._introduced(tokens, index, end, name)
                if mention or people_list:
                    found.extend(PersonMention(waiting) for waiting in listed)
                    found.append(mention or PersonMention(name))
                    listed, people_list = [], True
                else:
                    if not self._named_in_passing(text, tokens, words, end):
                        uncued.append(name)
                    listed.append(name)
                in_list = True
            else:
                in_list = False
            index = end

    @staticmethod
    def _named_in_passing(text: str, tokens: list[Token], words: list[Token], end: int) -> bool:
        """A name that is no one in the story: the start of a place's ("Ho Chi Minh |
        City"), or a photo's credit ("Photo by Rami Sayed/AFP", "AP Photo/Hassan Adel")."""
        place = end < len(tokens) and tokens[end].bare.casefold() in PLACE_WORDS
        credit = (
            text[words[-1].end : words[-1].end + 1] == "/"
            or text[max(0, words[0].start - 1) : words[0].start] == "/"
        )
        return place or credit

    def _name_end(self, tokens: list[Token], start: int) -> int | None:
        """Where a name starting at ``start`` ends (exclusive), if two name words or more
        start there."""
        # right after a role, or after "the defence minister," before the name
        role_at = start - 2 if start > 1 and tokens[start - 1].text == "," else start - 1
        after_role = role_at >= 0 and tokens[role_at].bare.casefold().rstrip(".") in ROLE_HEADS
        first = tokens[start]
        # "Defense Minister Israel Katz", "Jordan Bardella said", "Rania al-Mashat, Egypt's
        # planning minister,": a place's name can be a given name, where the words around
        # say a person follows (a role before it, or after it speech or an office).
        name_word = self._name_word(first)
        named_like_a_place = (
            not name_word
            and first.capitalised
            # "Envoy for Yemen | Hans Grundberg": a place after a preposition is the place
            and not (start > 0 and tokens[start - 1].text.casefold() in PLACE_PREPOSITIONS)
            and not first.possessive
            and self._is_place(first.bare)
            and start + 1 < len(tokens)
            and self._name_word(tokens[start + 1])
            and tokens[start + 1].bare.casefold() not in OUTLET_WORDS
        )
        # "Sultan bin Salim Al Habsi": a title that is a given name before "bin"
        given_name_title = (
            first.text == "Sultan"
            and start + 2 < len(tokens)
            and tokens[start + 1].text.casefold() in PATRONYMIC
            and self._name_word(tokens[start + 2])
        )
        if not (name_word or named_like_a_place or given_name_title):
            return None
        if start > 0 and self._place_goes_on(tokens[start - 1], first):
            return None  # "Saudi | Arabia Ali ...": the end of a place's name
        end, words = start + 1, 1
        while end < len(tokens) and not tokens[end - 1].possessive:
            token = tokens[end]
            if self._name_word(token) or self._named_after_particle(tokens, end):
                words += 1
            elif (
                token.text in PARTICLES
                and end + 1 < len(tokens)
                and (
                    self._name_word(tokens[end + 1]) or self._named_after_particle(tokens, end + 1)
                )
            ):
                pass
            elif token.text.rstrip(".") in SUFFIXES:
                end += 1
                # "King Abdullah II": one name and a regnal number, after a role.
                words += after_role
                break
            else:
                break
            end += 1
        if named_like_a_place and not (after_role or self._cued_after(tokens, end)):
            return None
        return end if words >= 2 else None

    def _named_after_particle(self, tokens: list[Token], at: int) -> bool:
        """ "Mohammed bin | Rashid", "bin | Sultan": after "bin" a place's name is a
        father's."""
        token = tokens[at]
        return (
            at > 0
            and tokens[at - 1].text in PARTICLES
            and token.capitalised
            and not token.bare.isupper()
            and self._is_place(token.bare)
        )

    def _is_place(self, word: str) -> bool:
        key = name_key(word)
        return key in countries() or key in self.not_names

    def _cued_after(self, tokens: list[Token], end: int) -> bool:
        """Whether the words after a name say it is a person's: it speaks, or an office
        follows its comma."""
        return end < len(tokens) and (
            tokens[end].text in SPEECH or bool(self._apposition(tokens, end)[0])
        )

    def _name_word(self, token: Token) -> bool:
        bare = token.bare
        lower = bare.casefold().rstrip(".")
        return (
            token.capitalised
            and not bare.isupper()
            # "Tehran-aligned", "Iran-backed": a modifier ("Ki-moon" is a name)
            and not _modifier(bare)
            and not bare.endswith(".")
            and lower not in NOT_NAME_WORDS
            and lower not in HONORIFICS
            and lower not in ROLE_HEADS
            # "Minister of Foreign Affairs and Expatriates Ahmed ...": a portfolio's words
            # name an office, never a person
            and lower not in PORTFOLIO_WORDS
            and not self._is_place(bare)
        )

    def _place_goes_on(self, before: Token, token: Token) -> bool:
        return self._is_place(f"{before.text} {token.bare}")

    def _is_a_name(self, name: str, org_keys: set[str]) -> bool:
        key = name_key(name)
        words = key.split()
        return (
            key not in org_keys
            and key not in self.not_names
            and key not in countries()
            # "Investments Park", "King Fahd Causeway": a place, whatever its words
            and words[-1] not in PLACE_WORDS
            # "Al Jadida": a person's name opens with a given name, not an article
            and not (len(words) == 2 and words[0] in ARABIC_ARTICLES)
        )

    def _introduced(
        self, tokens: list[Token], start: int, end: int, name: str
    ) -> PersonMention | None:
        """The mention, if the words around the name introduce a person."""
        role, country, honorific = self._before(tokens, start)
        # "appoints A as Minister of Water Resources, B as Minister of ... and C as ...":
        # the office after "as" is the one given, and the one before may be another's.
        role = self._elected_as(tokens, end) or role
        after_role, after_country = ("", "") if role else self._apposition(tokens, end)
        if not role and not after_role and start > 1 and tokens[start - 1].text == ",":
            # "The Egyptian president, Abdel Fattah al-Sisi, received ..."
            # "his Turkish counterpart, Hakan Fidan": a person, whose office is not said.
            # (A role after the name comes first: in "A, Foreign Minister, B, Minister of
            # Finance," the role before B's comma is A's.)
            role, country, honorific = self._before(tokens, start - 1)
        if not role:
            role, country = after_role, country or after_country
        before = " ".join(t.text for t in tokens[max(0, start - 2) : start]).casefold()
        speaker = (end < len(tokens) and tokens[end].text in SPEECH) or any(
            before.endswith(words) for words in SPEECH_BEFORE
        )
        if role or honorific or speaker:
            return PersonMention(name, role, country)
        return None

    def _before(self, tokens: list[Token], start: int) -> tuple[str, str, bool]:
        """(role, country, honorific) from the words just before a name."""
        words = self._role_words_before(tokens, start)
        honorific = any(w.bare.casefold().rstrip(".") in HONORIFICS for w in words[-2:])
        country = ""
        role_words: list[str] = []
        for word in words:
            lower = word.bare.casefold().rstrip(".")
            code = countries().get(name_key(word.bare))
            if code and not role_words:
                country = code
                continue
            is_prefix = lower in HONORIFICS or name_key(word.bare) in self.organisations.keys
            if is_prefix and not role_words:
                continue
            role_words.append(word.text)
        while role_words and role_words[-1].casefold().rstrip(".") in HONORIFICS:
            role_words.pop()
        while role_words and role_words[0].casefold() in HONORIFICS:
            role_words.pop(0)
        # "Director of the Office of (His Majesty)": no joining word ends a role
        while role_words and role_words[-1].casefold() in {"of", "for", "to", "the", "and"}:
            role_words.pop()
        # "former Lebanese MP": a nationality inside the role, before its head.
        country = country or nationality_in(role_words)
        if not ends_in_role(role_words):
            return "", country if role_words == [] and honorific else "", honorific
        role_words = whole_role(role_words)
        if role_words[-1].casefold() in RELATIVE_ROLES:
            # "his Egyptian counterpart Badr Abdelatty": a person, whose role the words
            # do not say.
            return "", country, True
        return " ".join(role_words), country, honorific

    def _role_words_before(self, tokens: list[Token], start: int) -> list[Token]:
        """The words before a name that may be its role: back to a stop, a verb or
        another name; or a role's head and what it is of, for or to."""
        words = self._plain_role_words_before(tokens, start)
        if ends_in_role([word.text for word in words]):
            return words
        return self._role_with_object(tokens, start) or words

    def _role_with_object(self, tokens: list[Token], start: int) -> list[Token]:
        """ "commander of the Rapid Support Forces", "Ambassador to Jordan", "Minister of
        State for African Affairs" just before a name: back over a capitalised object to
        "of", "for" or "to" after a role's head."""
        index = start - 1
        named = False  # the object names something: a capitalised word
        while index > 0 and start - index <= MAX_OBJECT_WORDS:
            token = tokens[index]
            lower = token.bare.casefold().rstrip(".")
            if lower in {"of", "for", "to"} and named:
                if tokens[index - 1].bare.casefold().rstrip(".") in ROLE_HEADS:
                    return self._plain_role_words_before(tokens, index) + tokens[index:start]
                if lower == "to":
                    return []
            elif token.capitalised or lower in INSTITUTION_WORDS:
                # "of the Rapid Support Forces", "of the Libyan parliament"
                named = True
            elif lower not in {"the", "and"}:
                return []
            index -= 1
        return []

    def _plain_role_words_before(self, tokens: list[Token], start: int) -> list[Token]:
        words: list[Token] = []
        joiners = 0  # words that do not count as the role's (joining words and others)
        index = start - 1
        while index >= 0 and len(words) - joiners < MAX_ROLE_WORDS:
            token = tokens[index]
            lower = token.bare.casefold().rstrip(".")
            if words and index > 0 and self._joins_role(lower, tokens[index - 1], words[0]):
                # "Special Envoy for Yemen Hans Grundberg", "Secretary of State Marco Rubio",
                # "Minister of Social Development and Labour Wafa ..."
                words.insert(0, token)
                joiners += 1
                index -= 1
                continue
            if self._ends_role(tokens, index):
                break
            words.insert(0, token)
            # an honorific, or a portfolio's word ("Foreign Affairs and Expatriates"), does
            # not make a role longer than a role is
            joiners += lower in HONORIFICS or lower in PORTFOLIO_WORDS
            index -= 1
        return words

    @staticmethod
    def _joins_role(lower: str, before: Token, after: Token) -> bool:
        """Whether ``lower`` joins two parts of one role: "of"/"for" after its head, "and"
        between two portfolios' capitalised words ("Affairs and Expatriates") or two
        offices ("Deputy Prime Minister and Minister of Foreign Affairs")."""
        before_lower = before.bare.casefold().rstrip(".")
        if lower in {"for", "of"}:
            return before_lower in ROLE_HEADS
        return (
            lower == "and"
            and before.capitalised
            and after.capitalised
            and (before_lower in PORTFOLIO_WORDS or before_lower in ROLE_HEADS)
            and (after.bare.casefold() in PORTFOLIO_WORDS or after.bare.casefold() in ROLE_HEADS)
        )

    def _ends_role(self, tokens: list[Token], index: int) -> bool:
        token = tokens[index]
        lower = token.bare.casefold().rstrip(".")
        return bool(
            not LETTER.match(token.text)
            or lower in ROLE_STOP
            or lower in ARTICLES
            # a name before the role ("Macron welcomes Prime Minister ..."), where one
            # capitalised word may be part of the role ("Prime", "Special")
            or (self._name_word(token) and index > 0 and self._name_word(tokens[index - 1]))
            or is_verb_like(token)
        )

    def _elected_as(self, tokens: list[Token], end: int) -> str:
        """The role in "elected Mahmoud al-Mashhadani as speaker"."""
        if end + 1 >= len(tokens) or tokens[end].text != "as":
            return ""
        words = []
        for index in range(end + 1, min(len(tokens), end + 1 + MAX_ROLE_WORDS)):
            token = tokens[index]
            lower = token.text.casefold()
            if (lower in ARTICLES or lower in {"its", "his", "her", "their"}) and not words:
                continue
            if not LETTER.match(token.text) or lower in ROLE_STOP:
                break
            words.append(token.text)
            if lower in ROLE_HEADS:
                # "as Minister of Water Resources"
                return " ".join(words + role_object(tokens[index + 1 :]))
        return ""

    def _apposition(self, tokens: list[Token], end: int) -> tuple[str, str]:
        """(role, country) from ", Egypt's foreign minister," after a name."""
        words = words_after_comma(tokens, end)
        country = ""
        role_words: list[str] = []
        for position, word in enumerate(words):
            lower = word.bare.casefold()
            code = countries().get(name_key(word.bare))
            if code and not role_words:
                country = code
                continue
            if lower in ROLE_HEADS:
                # "Deputy Speaker", "Deputy Prime Minister": the office's capitalised words
                # up to its last head
                run = list(itertools.takewhile(_in_office, words[position:]))
                heads = run[: max(i for i, token in enumerate(run) if _is_head(token)) + 1]
                role_words += [head.text for head in heads]
                if heads[-1].possessive:
                    role_words[-1] = heads[-1].bare
                role_words += role_object(words[position + len(heads) :])
                return " ".join(role_words), country
            if word.text.islower() and (
                (lower in ROLE_STOP and lower not in {"of", "for"}) or is_verb_like(word)
            ):
                break
            role_words.append(word.text)
        return "", ""


def _beside_people(organisations: list[str], names: list[str], texts: list[str]) -> list[str]:
    """The organisations without what people's names made of them: "Fatah" only inside
    "Abdel Fatah al-Sisi", "Michel Aoun and Free Patriotic Movement" ("and" joins names)."""
    kept: dict[str, str] = {}
    for organisation in organisations:
        for name in names:
            organisation = organisation.partition(f"{name} and ")[2] or organisation
        if not _only_in_names(organisation, names, texts):
            kept.setdefault(name_key(organisation), organisation)
    return list(kept.values())


def _only_in_names(organisation: str, names: list[str], texts: list[str]) -> bool:
    """Whether an organisation's name stands only inside people's names: "Fatah" in
    "Abdel Fatah al-Sisi"."""
    within = [name for name in names if _whole_words(organisation).search(name)]
    if not within:
        return False
    alone = sum(len(_whole_words(organisation).findall(text)) for text in texts)
    inside = sum(len(_whole_words(name).findall(text)) for name in within for text in texts)
    return alone <= inside


def _whole_words(words: str) -> regex.Pattern:
    return regex.compile(rf"(?<!\w){regex.escape(words)}(?!\w)")


def _modifier(word: str) -> bool:
    """ "Tehran-aligned", "Iran-backed", "Hamas-run"."""
    last = word.rsplit("-", 1)[-1] if "-" in word else ""
    return last.islower() and (last.endswith("ed") or last in {"held", "run", "born", "built"})


# Words before a list of people: "members include", "such as".
LIST_CUES = {"include", "includes", "included", "including", "namely"}
LIST_CUE_PAIRS = {("such", "as"), ("among", "them"), ("among", "whom")}


def _lists_people(tokens: list[Token], start: int) -> bool:
    """Whether the names from ``start`` on are a list of people: after "include" or "such
    as", or after a plural office ("Council members A and B", "members of the council, A,
    B and C", "the ministers, A and B")."""
    before = [token.text.casefold() for token in tokens[max(0, start - 2) : start]]
    if before and (before[-1] in LIST_CUES or tuple(before) in LIST_CUE_PAIRS):
        return True
    if start > 1 and tokens[start - 1].text == ",":
        # "members of the council, A, B and C" (not "the crew of the Marisol Grace")
        return any(
            _plural_head(tokens[k]) and (k == start - 2 or tokens[k + 1].text.casefold() == "of")
            for k in range(start - 2, max(-1, start - 2 - PLURAL_OFFICE_REACH), -1)
        )
    return start > 0 and _plural_head(tokens[start - 1])


# Words after which a place's name is the place, not a given name.
# ("bin Rashid" is a father's name, read with his son's.)
PLACE_PREPOSITIONS = PARTICLES | {
    "of",
    "for",
    "to",
    "in",
    "from",
    "at",
    "on",
    "into",
    "near",
    "across",
}
# How far before a list "members of the (Sovereignty) Council," may stand.
PLURAL_OFFICE_REACH = 5


def _plural_head(token: Token) -> bool:
    """An office's head in the plural: members, secretaries, spokesmen, witnesses."""
    word = token.bare.casefold()
    singular = {word[:-1], word[:-2]} if word.endswith("s") else set()
    if word.endswith("ies"):
        singular.add(word[:-3] + "y")
    if word.endswith("men"):
        singular.add(word[:-3] + "man")
    return not token.possessive and bool(singular & ROLE_HEADS)


def _is_head(token: Token) -> bool:
    return token.bare.casefold().rstrip(".") in ROLE_HEADS and not token.possessive


def _in_office(token: Token) -> bool:
    """A word of an office's name after a name: a head, or a capitalised word."""
    return _is_head(token) or (token.capitalised and not token.possessive)


def _surname_speaks(name: str, speakers: set[str]) -> bool:
    """Whether the name's last word speaks alone: "Minaikher said" for "Sarhan
    al-Minaikher" too."""
    last = name.split()[-1]
    article, _, surname = last.partition("-")
    return last in speakers or (article.casefold() in ARABIC_ARTICLES and surname in speakers)


# The words that make what follows a father's name: "Al-Hussein bin Abdullah II" is the son
# of "King Abdullah II", who is someone else.
PATRONYMIC = {"bin", "ibn", "bint", "ben"}


def _without_partial_names(people: list[PersonMention]) -> list[PersonMention]:
    """ "Mohammed bin Salman" and a shorter "Mohammed Salman"? No: a name whose words are the
    last words of a longer one found in the same story ("Abdelatty" in "Badr Abdelatty",
    "Al Thani" in "Mohammed bin Abdulrahman Al Thani") is that person, unless they are the
    father's name in it ("Abdullah II" in "Hussein bin Abdullah II")."""
    keys = {name_key(p.name): p for p in people}
    kept = []
    for person in people:
        key = name_key(person.name)
        longer = [
            other
            for other_key, other in keys.items()
            if other_key != key
            and other_key.endswith(" " + key)
            and other_key[: -len(key) - 1].split()[-1] not in PATRONYMIC
        ]
        if not longer:
            kept.append(person)
    return kept
