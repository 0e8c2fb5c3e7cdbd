"""Organisations a story names: the reference list below under any alias, acronyms a story
defines ("the Syrian Democratic Forces (SDF)"), and names by their shape
(newsreader/text/organisation_shapes.py). Pure.

The reference list is curated by hand, as the outlets are (no maintained offline list of
the region's parties, armed groups, institutions and companies exists on PyPI); the names
are Wikipedia's English titles. An alias written in capitals matches only in capitals
("WHO", never "who").

One organisation gets one name however a story writes it, so that storage (which matches
names on name_key, newsreader/threads.py) keeps one row for it across stories: an acronym
and its name, "the" or not, British or American spelling, and a state's institution
under one name with its state ("Egypt's Health Ministry", "the Egyptian Ministry of
Health" and, in the same story, "the Health Ministry" -> "Ministry of Health (Egypt)").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from newsreader.text.name_words import name_key
from newsreader.text.organisation_names import Mention, organisation_key, spelled
from newsreader.text.organisation_shapes import mentions
from newsreader.text.organisation_words import NOT_DEFINING_ACRONYMS

ORGANISATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("United Nations", ("UN", "U.N.")),
    ("UN Security Council", ("Security Council", "United Nations Security Council", "UNSC")),
    ("UN General Assembly", ("General Assembly", "United Nations General Assembly")),
    ("UN Human Rights Council", ("Human Rights Council",)),
    ("Hamas", ("Islamic Resistance Movement",)),
    ("Hezbollah", ("Hizbollah", "Hizballah", "Hizbullah")),
    ("Houthis", ("Houthi", "Ansar Allah", "Ansarallah")),
    ("Palestinian Islamic Jihad", ("Islamic Jihad", "PIJ")),
    ("Fatah", ()),
    ("Palestinian Authority", ("PA",)),
    ("Palestine Liberation Organization", ("PLO", "Palestine Liberation Organisation")),
    ("Islamic State", ("ISIS", "ISIL", "Daesh")),
    ("Al-Qaeda", ("al-Qaeda", "Al Qaeda", "al Qaeda", "Al-Qaida", "al-Qaida")),
    ("Muslim Brotherhood", ()),
    ("Syrian Democratic Forces", ("SDF",)),
    ("Hayat Tahrir al-Sham", ("HTS", "Hayat Tahrir al-Sham (HTS)")),
    ("Kurdistan Workers' Party", ("PKK", "Kurdistan Workers Party")),
    ("Islamic Revolutionary Guard Corps", ("IRGC", "Revolutionary Guard", "Revolutionary Guards",
                                           "Revolutionary Guard Corps")),
    ("Quds Force", ()),
    ("Rapid Support Forces", ("RSF",)),
    ("Sudanese Armed Forces", ("SAF", "Sudanese army", "Sudanese Army")),
    ("Polisario Front", ("Polisario",)),
    ("International Monetary Fund", ("IMF",)),
    ("World Bank", ()),
    ("Arab League", ("League of Arab States",)),
    ("Gulf Cooperation Council", ("GCC",)),
    ("Organisation of Islamic Cooperation", ("OIC", "Organization of Islamic Cooperation")),
    ("OPEC", ("OPEC+", "Organization of the Petroleum Exporting Countries")),
    ("European Union", ("EU",)),
    ("NATO", ()),
    ("African Union", ()),
    ("International Criminal Court", ("ICC",)),
    ("International Court of Justice", ("ICJ",)),
    ("International Atomic Energy Agency", ("IAEA",)),
    ("World Health Organization", ("WHO", "World Health Organisation")),
    ("UNRWA", ("UN Relief and Works Agency", "United Nations Relief and Works Agency",
               "UN Relief and Works Agency for Palestine Refugees",
               "United Nations Relief and Works Agency for Palestine Refugees")),
    ("UNICEF", ()),
    ("UNHCR", ()),
    ("UNESCO", ()),
    ("UNIFIL", ()),
    ("OCHA", ("Office for the Coordination of Humanitarian Affairs",
              "UN Office for the Coordination of Humanitarian Affairs")),
    ("World Food Programme", ("WFP", "World Food Program")),
    ("International Committee of the Red Cross", ("ICRC", "Red Cross")),
    ("Red Crescent", ("Palestinian Red Crescent", "Red Crescent Society")),
    ("Doctors Without Borders", ("MSF", "Médecins Sans Frontières")),
    ("Amnesty International", ("Amnesty",)),
    ("Human Rights Watch", ("HRW",)),
    ("Israel Defense Forces", ("IDF", "Israel Defence Forces", "Israeli army", "Israeli Army")),
    ("Mossad", ()),
    ("Shin Bet", ()),
    ("Knesset", ()),
    ("Likud", ()),
    ("Amal Movement", ("Amal",)),
    ("Free Patriotic Movement", ("FPM",)),
    ("Popular Mobilization Forces", ("PMF", "Hashd al-Shaabi", "Popular Mobilisation Forces")),
    ("Kataib Hezbollah", ("Kata'ib Hezbollah",)),
    ("Wagner Group", ()),
    ("Saudi Aramco", ("Aramco",)),
    ("Taliban", ()),
    ("Ennahda", ("Ennahdha",)),
    ("Muslim World League", ()),
    ("Interpol", ()),
    ("European Commission", ()),
    ("Kurdistan Democratic Party", ("KDP",)),
    ("Patriotic Union of Kurdistan", ("PUK",)),
    ("Ansar al-Sharia", ()),
    ("Libyan National Army", ("LNA",)),
    ("Government of National Unity", ("GNU",)),
    ("Presidential Leadership Council", ("PLC",)),
    ("Southern Transitional Council", ("STC",)),
    ("Islamic Resistance in Iraq", ()),
    ("Asaib Ahl al-Haq", ()),
    ("Harakat al-Nujaba", ("Nujaba",)),
    ("Badr Organization", ("Badr Organisation",)),
    ("Izz ad-Din al-Qassam Brigades", ("Qassam Brigades", "al-Qassam Brigades",
                                       "Al-Qassam Brigades", "Ezzedine al-Qassam Brigades")),
    ("Al-Quds Brigades", ("Saraya al-Quds",)),
    ("Al-Shabaab", ("al-Shabaab", "Al Shabaab")),
    ("People's Protection Units", ("YPG",)),
    ("Syrian Observatory for Human Rights", ("SOHR",)),
    ("Atomic Energy Organization of Iran", ("AEOI", "Atomic Energy Organisation of Iran",
                                            "Iran's Atomic Energy Organization",
                                            "Iran's Atomic Energy Organisation")),
    ("Republican People's Party", ("CHP",)),
    ("Justice and Development Party", ("AKP", "AK Party")),
    ("Nationalist Movement Party", ("MHP",)),
    ("Lebanese Forces", ()),
    ("Saudi-led coalition", ("Saudi-led Coalition", "Arab Coalition", "Arab coalition",
                             "Coalition to Restore Legitimacy in Yemen")),
    ("US-led coalition", ("US-led Coalition", "Global Coalition to Defeat ISIS",
                          "Global Coalition against Daesh", "Global Coalition Against Daesh")),
    ("COGAT", ("Coordination of Government Activities in the Territories",)),
    ("Yesh Atid", ()),
    ("Otzma Yehudit", ("Jewish Power",)),
    ("Shas", ()),
    ("Yisrael Beytenu", ()),
    ("United Torah Judaism", ()),
    ("Egyptian Initiative for Personal Rights", ("EIPR",)),
    ("US Central Command", ("CENTCOM",)),
    ("UK Maritime Trade Operations", ("UKMTO",)),
    ("Federal Reserve", ("US Federal Reserve", "Fed")),
    ("UN Development Programme", ("UNDP", "United Nations Development Programme")),
    ("Food and Agriculture Organization", ("FAO",)),
    ("International Labour Organization", ("ILO",)),
    ("World Trade Organization", ("WTO",)),
    ("Organisation for the Prohibition of Chemical Weapons", ("OPCW",)),
    ("International Organization for Migration", ("IOM",)),
    ("International Crisis Group", ()),
    ("Committee to Protect Journalists", ("CPJ",)),
    ("Norwegian Refugee Council", ("NRC",)),
    ("International Rescue Committee", ("IRC",)),
    ("Save the Children", ()),
    ("Oxfam", ()),
    ("European Investment Bank", ("EIB",)),
    ("European Bank for Reconstruction and Development", ("EBRD",)),
    ("Arab Monetary Fund", ("AMF",)),
    ("King Salman Humanitarian Aid and Relief Center",
     ("KSrelief", "KSRelief", "King Salman Humanitarian Aid and Relief Centre")),
    ("FIFA", ()),
    ("International Olympic Committee", ("IOC",)),
    ("Asian Football Confederation", ("AFC",)),
    ("Al-Hilal", ("Al Hilal",)),
    ("Al-Nassr", ("Al Nassr",)),
    ("Al-Ittihad", ("Al Ittihad",)),
    ("Al Ahly", ("Al-Ahly",)),
    ("Zamalek", ()),
    # Companies the region's news names without a word that says so ("Group", "Bank").
    ("Abu Dhabi National Oil Company", ("Adnoc", "ADNOC")),
    ("SABIC", ()),
    ("Ma'aden", ()),
    ("Emaar", ()),
    ("DP World", ()),
    ("Dana Gas", ()),
    ("Orascom", ()),
    ("EgyptAir", ()),
    ("Royal Jordanian", ()),
    ("Air Arabia", ()),
    ("flynas", ()),
    ("flyadeal", ()),
    ("Riyadh Air", ()),
    ("Gulf Air", ()),
    ("Oman Air", ()),
    ("Emirates NBD", ()),
    ("Ooredoo", ()),
    ("Zain", ()),
    ("Careem", ()),
    ("Talabat", ()),
    ("Borsa Istanbul", ()),
    ("Aselsan", ()),
    ("Roketsan", ()),
    ("Eni", ()),
    ("Repsol", ()),
    ("Chevron", ()),
    ("ExxonMobil", ()),
    ("Gazprom", ()),
    ("Rosneft", ()),
    ("Halliburton", ()),
    ("Airbus", ()),
    ("Boeing", ()),
    ("Microsoft", ()),
    ("G42", ()),
    ("QatarEnergy", ()),
    ("TotalEnergies", ()),
    ("Sinopec", ()),
    ("flydubai", ()),
    ("ACWA Power", ()),
    ("Siemens Energy", ()),
    ("Lockheed Martin", ()),
    ("Raytheon", ()),
    ("Northrop Grumman", ()),
    ("Thales", ()),
    ("Dassault Aviation", ()),
    ("Lufthansa", ()),
    ("Ryanair", ()),
    ("Huawei", ()),
    ("Google", ()),
    ("Nvidia", ()),
    ("OpenAI", ()),
    ("HSBC", ()),
    ("Goldman Sachs", ()),
    ("JPMorgan", ("JP Morgan", "J.P. Morgan")),
    ("Standard Chartered", ()),
    ("Maersk", ()),
    ("Hapag-Lloyd", ()),
    ("Capital Economics", ()),
    ("Moody's Investors Service", ("Moody's",)),
]  # fmt: skip


# Dotted abbreviations written as one word, so that "U.S. Central Command" and "US Central
# Command" are one name: "U.S." -> "US", "U.N." -> "UN".
_DOTTED = regex.compile(r"(?<![\p{L}.])((?:\p{Lu}\.){2,3})(?!\p{L})")
# An acronym in brackets after the name it stands for: "(SDF)", "(Adnoc)", "(KSrelief)".
_BRACKETED = regex.compile(r"\((?P<acronym>\p{Lu}[\p{L}\p{N}&-]{1,9})\)")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*")
_ARTICLE = regex.compile(r"^(?:the|The)\s+")
# Words an acronym may leave out or take a letter from: "Organisation for the Prohibition
# of Chemical Weapons (OPCW)", "UN Support Mission in Libya (UNSMIL)".
_MINOR = frozenset(
    ["of", "for", "the", "and", "in", "on", "to", "du", "de", "des", "al", "el", "bin"]
)
# The most words before a bracket read for the name an acronym stands for.
_MAX_NAME_WORDS = 12


class Organisations:
    """The reference list of organisations, found under any alias; acronyms a story
    defines; and names by their shape (in the body only: a headline's words are all
    capitalised)."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.canonical: dict[str, str] = {}
        for name, aliases in entries:
            for alias in (name, *aliases):
                self.canonical[alias] = name
        self.keys = {name_key(alias) for alias in self.canonical}
        # Acronyms ("WHO") are known in capitals only; other names in any case.
        self._by_key = {
            organisation_key(alias): name
            for alias, name in self.canonical.items()
            if not alias.isupper()
        }
        alternatives = sorted(self.canonical, key=len, reverse=True)
        self._pattern = regex.compile(
            r"(?<![\p{L}\p{N}-])(?:"
            + "|".join(regex.escape(a) for a in alternatives)
            + r")(?![\p{L}\p{N}]|-\p{L})"
        )

    def known(self, name: str) -> str | None:
        """The reference list's name for this one, or None: "the Hizbollah" -> "Hezbollah",
        "Israel Defence Forces" -> "Israel Defense Forces"."""
        bare = _ARTICLE.sub("", name)
        return self.canonical.get(bare) or self._by_key.get(organisation_key(bare))

    def find(self, texts: list[str], body: list[str] | None = None) -> list[str]:
        """The organisations the texts name, one name each; ``body``, the texts read for
        organisations by their shape too."""
        remaining = list(body or [])
        found: list[Mention] = []
        renamed: dict[str, str] = {}
        for text in texts:
            in_body = text in remaining
            if in_body:
                remaining.remove(text)
            text = _undotted(text)
            kept = self._mentions(text, in_body)
            definitions = self._definitions(text, kept)
            # A name an acronym spells out is the name: "UN Verification and Inspection
            # Mechanism (UNVIM)" is not the UN too.
            found += [m for m in kept if not any(_within(m, d) for _, d in definitions)]
            for acronym, mention in definitions:
                found.append(mention)
                if acronym in self.canonical:
                    renamed[mention.name] = self.canonical[acronym]
        return _merged([_renamed(m, renamed) for m in found])

    def _mentions(self, text: str, shaped: bool) -> list[Mention]:
        """The names in one text, the longest where two overlap (the reference list's on
        a tie): "UN Support Mission in Libya" rather than "UN"."""
        listed = [
            Mention(self.canonical[m.group()], m.start(), m.end())
            for m in self._pattern.finditer(text)
        ]
        candidates = listed + (mentions(text, self.known) if shaped else [])
        kept: list[Mention] = []
        for mention in sorted(candidates, key=lambda m: m.start - m.end):
            if all(mention.end <= k.start or mention.start >= k.end for k in kept):
                kept.append(mention)
        return sorted(kept, key=lambda m: m.start)

    def _definitions(self, text: str, kept: list[Mention]) -> list[tuple[str, Mention]]:
        """Acronyms the text defines, with the name each stands for: the name found just
        before the bracket, or the words before it whose initials make the acronym."""
        definitions = []
        for match in _BRACKETED.finditer(text):
            acronym = match["acronym"]
            if acronym.casefold() in NOT_DEFINING_ACRONYMS:
                continue
            end = len(text[: match.start()].rstrip())
            before = [m for m in kept if m.end == end]
            if before:
                definitions.append((acronym, before[0]))
                continue
            name = _spelled_out(acronym, text[:end])
            if name:
                mention = Mention(self.known(name) or spelled(name), end - len(name), end)
                definitions.append((acronym, mention))
        return definitions


def _within(mention: Mention, other: Mention) -> bool:
    return mention != other and other.start <= mention.start and mention.end <= other.end


def _undotted(text: str) -> str:
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


def _renamed(mention: Mention, renamed: dict[str, str]) -> Mention:
    name = renamed.get(mention.name)
    return Mention(name, mention.start, mention.end) if name else mention


def _merged(found: list[Mention]) -> list[str]:
    """One name per organisation, in the order first named: a state's institution named
    without its state is the one the story names with it ("the Health Ministry" after
    "Egypt's Health Ministry"); of two states', it is one of them, and no other."""
    with_state: dict[str, set[str]] = {}
    for mention in found:
        if mention.base and mention.place:
            with_state.setdefault(mention.base, set()).add(mention.name)
    names: dict[str, str] = {}
    for mention in found:
        name = mention.name
        if mention.base and not mention.place:
            same = {
                named
                for base, named_with_state in with_state.items()
                if base == mention.base or base.startswith(mention.base + " and ")
                for named in named_with_state
            }
            if len(same) > 1:
                continue
            if same:
                name = same.pop()
        names.setdefault(organisation_key(name), name)
    return list(names.values())


def _spelled_out(acronym: str, before: str) -> str:
    """The words just before ``before`` ends whose initials make the acronym: "... the
    Syrian Democratic Forces" with "SDF" -> "Syrian Democratic Forces"; '' if none."""
    words = _WORD.findall(before[-300:])[-_MAX_NAME_WORDS:]
    if not before.endswith(tuple(words[-1:])):
        return ""
    letters = "".join(c for c in acronym.casefold() if c.isalnum())
    for start in range(len(words) - 2, -1, -1):
        if words[start][:1].isupper() and _spells(letters, _parts(words[start:])):
            name = " ".join(words[start:])
            return name if before.endswith(name) else ""
    return ""


def _parts(words: list[str]) -> tuple[tuple[str, bool], ...]:
    """Each word's parts, lower case, with whether the acronym may leave the part out (a
    minor word, or a hyphenated word's second part: "al-Sham")."""
    parts = []
    for word in words:
        for number, part in enumerate(word.casefold().split("-")):
            parts.append((part, number > 0 or part in _MINOR))
    return tuple(parts)


@functools.lru_cache(maxsize=4096)
def _spells(letters: str, parts: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the parts, in order, make the letters: each part gives its first letter or
    its first few (a minor one may give none)."""
    if not parts:
        return not letters
    (part, optional), rest = parts[0], parts[1:]
    if optional and _spells(letters, rest):
        return True
    for size in range(1, min(len(part), len(letters)) + 1):
        if part[:size] != letters[:size]:
            break
        if _spells(letters[size:], rest):
            return True
    return False
