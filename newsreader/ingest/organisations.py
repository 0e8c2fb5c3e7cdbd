"""Organisations that Middle East news names often, each with the aliases that name it.

Curated by hand, as the outlets are (no maintained offline list of the region's parties,
armed groups and institutions exists on PyPI); the names are Wikipedia's English titles.
An alias written in capitals matches only in capitals ("WHO", never "who").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsreader.ingest.name_words import name_key

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
    ("Sudanese Armed Forces", ("SAF",)),
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
    ("UNRWA", ()),
    ("UNICEF", ()),
    ("UNHCR", ()),
    ("UNESCO", ()),
    ("UNIFIL", ()),
    ("OCHA", ()),
    ("World Food Programme", ("WFP", "World Food Program")),
    ("International Committee of the Red Cross", ("ICRC", "Red Cross")),
    ("Red Crescent", ("Palestinian Red Crescent", "Red Crescent Society")),
    ("Doctors Without Borders", ("MSF", "Médecins Sans Frontières")),
    ("Amnesty International", ("Amnesty",)),
    ("Human Rights Watch", ("HRW",)),
    ("Israel Defense Forces", ("IDF", "Israel Defence Forces")),
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
    ("Ennahda", ()),
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
]  # fmt: skip


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

    # An organisation by its shape: capitalised words ending in a word that names a
    # kind of organisation ("the Coordination Framework", "the Sovereignty Alliance").
    _SHAPED = regex.compile(
        r"(?<![\p{L}\p{N}-])(?P<name>(?:(?:\p{Lu}[\p{L}'’-]+|al-\p{Lu}\p{L}+)\s+"
        r"(?:(?:of|for|the|and)\s+)?){1,4}"
        r"(?:Alliance|Bloc|Coalition|Front|Movement|Framework|Party|Current|Gathering|Brigades?"
        r"|Council))(?![\p{L}\p{N}]|-\p{L})"
    )
    # Words that start a sentence or a headline, never an organisation's name.
    _NOT_FIRST = {"The", "A", "An", "In", "On", "At", "By", "For", "And", "But", "Its", "His"}

    def shaped(self, texts: list[str]) -> list[str]:
        """Organisations named by their shape and not in the reference list."""
        names = []
        for text in texts:
            for match in self._SHAPED.finditer(text):
                words = match["name"].split()
                while words and words[0] in self._NOT_FIRST:
                    words.pop(0)
                name = " ".join(words)
                if len(words) >= 2 and name not in self.canonical and name not in names:
                    names.append(name)
        return names

    def find(self, texts: list[str], body: list[str] | None = None) -> list[str]:
        """The organisations the texts name; ``body``, the texts read for organisations
        by shape too (a headline's words are all capitalised)."""
        found: dict[str, None] = dict.fromkeys(self.shaped(body or []))
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
