"""Countries by every name the news gives them, from the countryinfo package: names,
alternative spellings and demonyms -> ISO 3166-1 alpha-2 code, and back. Pure."""

from __future__ import annotations

import functools

from countryinfo import all_countries

from newsreader.text.name_words import name_key


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
