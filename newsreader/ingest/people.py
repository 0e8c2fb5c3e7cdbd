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

Countries come from the countryinfo package (names, alternative spellings, demonyms).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex
from countryinfo import all_countries

from newsreader.ingest.organisations import ORGANISATIONS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A capitalised word: "Abdelatty", "Al-Raqab", "O'Brien", "McGurk", "Erdoğan"; or a
# lower-case article joined to one: "al-Sharaa", "el-Sisi".
_WORD = regex.compile(
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Adm)\.|(?:\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?|(?:al|el|ad|as|ash|an|ar|at|az|ul)-\p{Lu}\p{Ll}+)"
    r"(?:-\p{L}+)*(?:['’]s)?|\p{Lu}{2,}|[\p{L}\p{N}]+(?:[-'’]\p{L}+)*|[^\s\p{L}\p{N}]",
)
POSSESSIVE = regex.compile(r"['’]s$")
_PUNCTUATION = regex.compile(r"[-'’.]")
_ARTICLE_JOINED = regex.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-\p{Lu}")
_LETTER = regex.compile(r"\p{L}")
# Lower-case words that may stand inside a name: "Mohammed bin Salman", "Ahmed Abu al-Gheit".
_PARTICLES = _words(
    """
    bin bint ibn ben bou al el de da di van von der du la le
    """
)
_SUFFIXES = {"II", "III", "IV", "V", "VI", "VII", "Jr"}
_HONORIFICS = _words(
    """
    sheikh sheikha sayyed sayyid ayatollah grand hojatoleslam mr mrs ms dr prof sir lady
    dame his her excellency highness majesty royal
    """
)
# The last word of a role ("foreign minister", "political bureau member").
ROLE_HEADS = _words(
    """
    gen lt col maj brig capt sgt adm
    minister premier president vice-president king queen emir prince princess sultan speaker
    envoy ambassador spokesman spokeswoman spokesperson commander chief leader head
    secretary secretary-general general colonel brigadier lieutenant admiral marshal member
    analyst director director-general governor mayor judge negotiator adviser advisor
    researcher expert professor journalist correspondent activist lawmaker mp deputy
    chairman chairwoman chair ceo founder coordinator representative mediator senator
    congressman congresswoman pope patriarch mufti imam cleric rapporteur commissioner
    economist writer author officer diplomat candidate lawyer attorney prosecutor doctor
    surgeon scholar historian chancellor official politician strategist commentator editor
    emissary delegate ruler monarch sheikh legislator undersecretary under-secretary aide
    cardinal bishop archbishop rabbi novelist poet artist president-elect chief-of-staff
    cabinet counterpart partner owner manager trainer coach player striker midfielder
    goalkeeper singer actor actress filmmaker photographer reporter blogger dissident
    opponent nominee designate minister-designate premier-designate resident witness
    villager farmer student teacher worker father mother son daughter brother sister wife
    husband survivor refugee volunteer shopkeeper driver fisherman engineer nurse medic
    paramedic citizen businessman businesswoman entrepreneur investor banker trader
    physician scientist architect fighter militant prisoner detainee hostage captive settler
    pilgrim
    """
)
# Words that are capitalised but never part of a person's name.
_NOT_NAME_WORDS = _words(
    """
    the a an in on at but and or he she it they we i you this that these those his her their
    its our after before meanwhile however also earlier later last next according while when
    as if since during under over despite for from to with without by of monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december arab arabs muslim muslims islamic christian
    jewish western eastern northern southern north south east west middle central new old
    greater red mediterranean gulf sea river strip bank city province governorate camp
    crossing palace summit conference forum initiative plan agreement accord accords deal
    day cup festival ministry council forces force army party movement agency organization
    organisation fund union league house office court committee authority authorities group
    brigades brigade front company university corporation news times post press government
    parliament assembly guard guards police network institute center centre foundation
    commission program programme association airways airlines hospital port airport square
    street bay mount valley state states republic kingdom emirates nations security national
    international world global united federal supreme royal presidential ministerial
    general's administration cabinet bureau department directorate service services media
    channel tv radio television bloc coalition alliance resistance revolution revolutionary
    liberation democratic popular socialist communist unity reform youth women human rights
    watch health defense defence interior foreign finance economy energy oil trade justice
    education culture tourism transport affairs information water agriculture industry
    investment housing labor labour planning communications endowments hajj ramadan eid
    allah god prophet quran hamas hezbollah israelis palestinians lebanese iranians
    americans europeans syrians iraqis yemenis saudis kurds kurdish shiite sunni druze
    alawite coptic maronite english french arabic hebrew persian covid photo video read more
    breaking update live exclusive opinion analysis interview report tt ap afp reuters file
    image images no not yes all some many most several both each every other another such
    what which who whom whose why how where there here then now today yesterday tomorrow
    tonight mr mrs ms dr sheikh
    """
)
# Words after a name that make it the speaker.
_SPEECH = _words(
    """
    said says told added stressed warned noted stated announced urged wrote explained
    confirmed denied insisted argued affirmed asserted emphasized emphasised underlined
    tweeted posted declared pointed revealed acknowledged replied responded continued
    concluded believes believed thinks called described praised criticized criticised met
    received discussed welcomed condemned visited arrived signed headed chaired expressed
    reiterated highlighted agreed congratulated thanked hosted spoke speaks asked accused
    rejected resigned promised pledged vowed demanded
    """
)
# Words before a name that make it the speaker: "said", "according to".
_SPEECH_BEFORE = {"said", "says", "according to"}
# Lower-case words that end a role read backwards: a verb ("welcomes", "hosted").
_VERB_ENDINGS = ("s", "ed")
_PLURAL_ROLE_WORDS = _words(
    """
    affairs rights forces relations operations services sciences studies resources arms
    communications endowments awqaf ones
    """
)
# Words that end a role phrase read backwards from a name.
_ROLE_STOP = _words(
    """
    and or with between by to of from said says told that who as at in on for met after when
    while including like both also than then among against under via whom whose which since
    until into about through before during without within amid upon towards toward across
    behind beyond near following ahead beside besides except per unlike versus first is was
    are were be been has had have will would could should can may might not
    """
)
_ARTICLES = {"the", "a", "an"}
MAX_ROLE_WORDS = 6


@dataclass(frozen=True)
class PersonMention:
    name: str
    role: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or ''


@dataclass(frozen=True)
class Named:
    people: list[PersonMention]
    organisations: list[str]


def name_key(name: str) -> str:
    """What two spellings of one name share: "Ahmed al-Sharaa", "Ahmed Al-Sharaa",
    "Ahmed al Sharaa" -> "ahmed al sharaa"."""
    return " ".join(_PUNCTUATION.sub(" ", name.casefold()).split())


@functools.cache
def countries() -> dict[str, str]:
    """Country names, alternative spellings and demonyms (lower case) -> ISO code."""
    found: dict[str, str] = {}
    for country in all_countries():
        code = country.iso(2)
        if not code:
            continue
        names = [country.name(), country.demonym(), *country.alt_spellings()]
        for name in names:
            # Codes ("AL", "EGY") are left out: "Al" starts Arab names.
            if name and len(name) > 3 and not name.isupper():
                found.setdefault(name_key(name), code)
    found |= {"us": "US", "u.s.": "US", "uk": "GB", "uae": "AE", "turkish": "TR",
              "türkiye": "TR", "turkiye": "TR", "emirati": "AE", "saudi": "SA", "ksa": "SA",
              "palestinian": "PS", "american": "US", "british": "GB", "iranian": "IR"}  # fmt: skip
    return found


# Names the region's readers use, where countryinfo's differ.
_COUNTRY_NAMES = {"PS": "Palestine", "TR": "Türkiye", "SY": "Syria", "IR": "Iran"}


@functools.cache
def country_names() -> dict[str, str]:
    """ISO code -> the country's English name."""
    names = {country.iso(2): country.name() for country in all_countries() if country.iso(2)}
    return names | _COUNTRY_NAMES


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        """The word without a possessive "'s"."""
        return POSSESSIVE.sub("", self.text)

    @property
    def possessive(self) -> bool:
        return self.bare != self.text

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or _ARTICLE_JOINED.match(self.text) is not None


class NameFinder:
    """People and organisations in a story. ``not_names``: names that are something
    else (places, news outlets), in any case."""

    def __init__(self, not_names: Iterable[str] = ()) -> None:
        self.not_names = {name_key(name) for name in not_names}
        self.organisations = Organisations(ORGANISATIONS)

    def find(self, title: str, paragraphs: list[str], captions: Iterable[str] = ()) -> Named:
        texts = [*paragraphs, *captions]
        # A headline's words are capitalised whatever they are ("Speaker Promises Quick
        # Vote"): its people are read in the body, its organisations in it too.
        organisations = [
            name
            for name in self.organisations.find([title, *texts] if title else texts)
            if name_key(name) not in self.not_names
        ]
        org_keys = {name_key(name) for name in organisations} | self.organisations.keys
        people: dict[str, PersonMention] = {}
        found: list[PersonMention] = []
        uncued: list[str] = []
        speakers: set[str] = set()
        for text in texts:
            self._people_in(text, org_keys, found, uncued, speakers)
        # "Benjamin Netanyahu has faced protests ... Netanyahu said": a full name the
        # text gives no cue for is a person when its surname alone speaks.
        found += [PersonMention(name) for name in uncued if name.split()[-1] in speakers]
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
        return Named(
            people=_without_partial_names(list(people.values())), organisations=organisations
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
        # A name joined by "and" to a person's is a person's too: "Vladimir Putin and
        # Ahmed al-Sharaa agreed".
        waiting: str | None = None
        while index < len(tokens):
            end = self._name_end(tokens, index)
            if end is None:
                token = tokens[index]
                if (
                    self._name_word(token)
                    and index + 1 < len(tokens)
                    and tokens[index + 1].text in _SPEECH
                ):
                    speakers.add(token.bare)
                if token.text != "and":
                    waiting = None
                index += 1
                continue
            words = tokens[index:end]
            name = POSSESSIVE.sub("", text[words[0].start : words[-1].end])
            if self._is_a_name(name, org_keys):
                mention = self._introduced(tokens, index, end, name)
                if mention:
                    if waiting and index >= 2 and tokens[index - 1].text == "and":
                        found.append(PersonMention(waiting))
                    found.append(mention)
                    waiting = None
                else:
                    uncued.append(name)
                    waiting = name
            index = end

    def _name_end(self, tokens: list[Token], start: int) -> int | None:
        """Where a name starting at ``start`` ends (exclusive), if two name words or more
        start there."""
        after_role = start > 0 and tokens[start - 1].bare.casefold().rstrip(".") in ROLE_HEADS
        first = tokens[start]
        # "Defense Minister Israel Katz": a country's name can be a first name, after a role.
        named_like_a_country = (
            after_role
            and first.capitalised
            and name_key(first.bare) in countries()
            and start + 1 < len(tokens)
            and self._name_word(tokens[start + 1])
        )
        if not (self._name_word(first) or named_like_a_country):
            return None
        end, words = start + 1, 1
        while end < len(tokens) and not tokens[end - 1].possessive:
            token = tokens[end]
            if self._name_word(token):
                words += 1
            elif (
                token.text in _PARTICLES
                and end + 1 < len(tokens)
                and self._name_word(tokens[end + 1])
            ):
                pass
            elif token.text.rstrip(".") in _SUFFIXES:
                end += 1
                # "King Abdullah II": one name and a regnal number, after a role.
                words += after_role
                break
            else:
                break
            end += 1
        return end if words >= 2 else None

    def _name_word(self, token: Token) -> bool:
        bare = token.bare
        lower = bare.casefold().rstrip(".")
        return (
            token.capitalised
            and not bare.isupper()
            and not bare.endswith(".")
            and lower not in _NOT_NAME_WORDS
            and lower not in _HONORIFICS
            and lower not in ROLE_HEADS
            and name_key(bare) not in countries()
            and name_key(bare) not in self.not_names
        )

    def _is_a_name(self, name: str, org_keys: set[str]) -> bool:
        key = name_key(name)
        return key not in org_keys and key not in self.not_names and key not in countries()

    def _introduced(
        self, tokens: list[Token], start: int, end: int, name: str
    ) -> PersonMention | None:
        """The mention, if the words around the name introduce a person."""
        role, country, honorific = self._before(tokens, start)
        if not role and start > 1 and tokens[start - 1].text == ",":
            # "The Egyptian president, Abdel Fattah al-Sisi, received ..."
            role, country, _ = self._before(tokens, start - 1)
        if not role:
            role, after_country = self._apposition(tokens, end)
            country = country or after_country
        if not role:
            role = self._elected_as(tokens, end)
        before = " ".join(t.text for t in tokens[max(0, start - 2) : start]).casefold()
        speaker = (end < len(tokens) and tokens[end].text in _SPEECH) or any(
            before.endswith(words) for words in _SPEECH_BEFORE
        )
        if role or honorific or speaker:
            return PersonMention(name, role, country)
        return None

    def _before(self, tokens: list[Token], start: int) -> tuple[str, str, bool]:
        """(role, country, honorific) from the words just before a name."""
        words: list[Token] = []
        index = start - 1
        while index >= 0 and len(words) < MAX_ROLE_WORDS:
            token = tokens[index]
            lower = token.bare.casefold().rstrip(".")
            if (
                lower in {"for", "of"}
                and words
                and index > 0
                and tokens[index - 1].bare.casefold().rstrip(".") in ROLE_HEADS
            ):
                # "Special Envoy for Yemen Hans Grundberg", "Secretary of State Marco Rubio"
                words.insert(0, token)
                index -= 1
                continue
            if (
                not _LETTER.match(token.text)
                or lower in _ROLE_STOP
                or lower in _ARTICLES
                # a name before the role ("Macron welcomes Prime Minister ..."), where one
                # capitalised word may be part of the role ("Prime", "Special")
                or (self._name_word(token) and index > 0 and self._name_word(tokens[index - 1]))
                or _is_verb_like(token)
            ):
                break
            words.insert(0, token)
            index -= 1
        honorific = any(w.bare.casefold().rstrip(".") in _HONORIFICS for w in words[-2:])
        country = ""
        role_words: list[str] = []
        for word in words:
            lower = word.bare.casefold().rstrip(".")
            code = countries().get(name_key(word.bare))
            if code and not role_words:
                country = code
                continue
            is_prefix = lower in _HONORIFICS or name_key(word.bare) in self.organisations.keys
            if is_prefix and not role_words:
                continue
            role_words.append(word.text)
        while role_words and role_words[-1].casefold().rstrip(".") in _HONORIFICS:
            role_words.pop()
        while role_words and role_words[0].casefold() in _HONORIFICS:
            role_words.pop(0)
        lowered = [word.casefold().rstrip(".") for word in role_words]
        if not country:
            # "former Lebanese MP": a nationality inside the role, before its head.
            for word in role_words:
                if word.casefold().rstrip(".") in ROLE_HEADS:
                    break
                country = countries().get(name_key(POSSESSIVE.sub("", word)), "")
                if country:
                    break
        ends_in_role = bool(role_words) and (
            lowered[-1] in ROLE_HEADS
            or any(
                head in ROLE_HEADS and joiner in {"for", "of"}
                for head, joiner in itertools.pairwise(lowered)
            )
        )
        if not ends_in_role:
            return "", country if role_words == [] and honorific else "", honorific
        return " ".join(role_words), country, honorific

    def _elected_as(self, tokens: list[Token], end: int) -> str:
        """The role in "elected Mahmoud al-Mashhadani as speaker"."""
        if end + 1 >= len(tokens) or tokens[end].text != "as":
            return ""
        words = []
        for token in tokens[end + 1 : end + 1 + MAX_ROLE_WORDS]:
            lower = token.text.casefold()
            if lower in _ARTICLES and not words:
                continue
            if not _LETTER.match(token.text) or lower in _ROLE_STOP:
                break
            words.append(token.text)
            if lower in ROLE_HEADS:
                return " ".join(words)
        return ""

    def _apposition(self, tokens: list[Token], end: int) -> tuple[str, str]:
        """(role, country) from ", Egypt's foreign minister," after a name."""
        if end >= len(tokens) or tokens[end].text != ",":
            return "", ""
        words: list[Token] = []
        index = end + 1
        while index < len(tokens) and len(words) < MAX_ROLE_WORDS + 2:
            token = tokens[index]
            if not _LETTER.match(token.text) and token.text not in "-":
                break
            words.append(token)
            index += 1
        if words and words[0].text.casefold() in {"the", "a", "an"}:
            words = words[1:]
        country = ""
        role_words: list[str] = []
        for position, word in enumerate(words):
            lower = word.bare.casefold()
            code = countries().get(name_key(word.bare))
            if code and not role_words:
                country = code
                continue
            if lower in ROLE_HEADS:
                role_words.append(word.bare if word.possessive else word.text)
                following = words[position + 1 :]
                if (
                    following
                    and following[0].text.casefold() in {"of", "for"}
                    and len(following) > 1
                ):
                    role_words += [t.text for t in following[:3] if _LETTER.match(t.text)]
                    while role_words and role_words[-1].casefold() in _ROLE_STOP:
                        role_words.pop()
                return " ".join(role_words), country
            if word.text.islower() and (
                (lower in _ROLE_STOP and lower not in {"of", "for"}) or _is_verb_like(word)
            ):
                break
            role_words.append(word.text)
        return "", ""


def _is_verb_like(token: Token) -> bool:
    """A lower-case word that reads as a verb ("welcomes", "hosted"), which a role never
    holds; plural role words ("foreign affairs minister") are not."""
    lower = token.text.casefold()
    return (
        token.text.islower()
        and lower.endswith(_VERB_ENDINGS)
        and lower not in _PLURAL_ROLE_WORDS
        and lower not in ROLE_HEADS
        and not lower.endswith("ss")
    )


def _without_partial_names(people: list[PersonMention]) -> list[PersonMention]:
    """ "Mohammed bin Salman" and a shorter "Mohammed Salman"? No: a name whose words are the
    last words of a longer one found in the same story ("Abdelatty" in "Badr Abdelatty",
    "Al Thani" in "Mohammed bin Abdulrahman Al Thani") is that person."""
    keys = {name_key(p.name): p for p in people}
    kept = []
    for person in people:
        key = name_key(person.name)
        longer = [
            other
            for other_key, other in keys.items()
            if other_key != key and other_key.endswith(" " + key)
        ]
        if not longer:
            kept.append(person)
    return kept


class Organisations:
    """The reference list of organisations, found under any alias, and acronyms a story
    defines ("the Syrian Democratic Forces (SDF)")."""

    _DEFINED = regex.compile(
        r"(?P<name>(?:\p{Lu}[\p{L}'’-]*|al-\p{Lu}\p{L}+)(?:\s+(?:of|for|the|and|al|on|in|de|\p{Lu}[\p{L}'’-]*|al-\p{Lu}\p{L}+)){1,7})"
        r"\s+\((?P<acronym>\p{Lu}[\p{Lu}&]{1,7})\)"
    )

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.canonical: dict[str, str] = {}
        for name, aliases in entries:
            for alias in (name, *aliases):
                self.canonical[alias] = name
        self.keys = {name_key(alias) for alias in self.canonical}
        alternatives = sorted(self.canonical, key=len, reverse=True)
        self._pattern = regex.compile(
            r"(?<![\p{L}\p{N}-])(?:"
            + "|".join(regex.escape(a) for a in alternatives)
            + r")(?![\p{L}\p{N}]|-\p{L})"
        )

    def find(self, texts: list[str]) -> list[str]:
        found: dict[str, None] = {}
        defined: dict[str, str] = {}
        for text in texts:
            for match in self._DEFINED.finditer(text):
                name = _trim_name(match["name"], match["acronym"])
                if name and name not in self.canonical:
                    defined[match["acronym"]] = name
        for text in texts:
            for match in self._pattern.finditer(text):
                found[self.canonical[match.group()]] = None
            for acronym, name in defined.items():
                if (
                    regex.search(rf"(?<![\p{{L}}]){regex.escape(acronym)}(?![\p{{L}}])", text)
                    or name in text
                ):
                    found[name] = None
        return list(found)


def _trim_name(words: str, acronym: str) -> str:
    """The words of a name whose initials make the acronym, from the end: "on Tuesday the
    Syrian Democratic Forces" with "SDF" -> "Syrian Democratic Forces"."""
    parts = words.split()
    letters = acronym.replace("&", "")
    for start in range(len(parts)):
        name = parts[start:]
        initials = "".join(w[0] for w in name if w[:1].isupper() or w.startswith("al-"))
        initials = initials.replace("a", "").upper()
        if name[0][:1].isupper() and initials == letters:
            return " ".join(name)
    return ""
