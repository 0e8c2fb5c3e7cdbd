"""The regional press and broadcasters, and the wires, that stories cite most beyond the
first 41 sources: added to a database that has the earlier reference data.

The rows are written out here, not read from fixtures/, so that this migration does the same
thing whenever it runs. A source an ingest already created under the same name or slug is
left as it is.
"""

from django.db import migrations
from django.db.models import Q
from django.utils.text import slugify

# (name, short name, kind, aliases)
SOURCES = [
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
    ("France 24", "France 24", "broadcaster", []),
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


def add_sources(apps, schema_editor):
    source = apps.get_model("newsreader", "Source")
    sources = source.objects.using(schema_editor.connection.alias)
    for name, short, kind, aliases in SOURCES:
        slug = slugify(short or name)
        if not sources.filter(Q(slug=slug) | Q(name=name)).exists():
            sources.create(name=name, short_name=short, slug=slug, kind=kind, aliases=aliases)


def remove_sources(apps, schema_editor):
    source = apps.get_model("newsreader", "Source")
    names = [name for name, *_ in SOURCES]
    # Only those no article links to: an ingest may have linked them since.
    source.objects.using(schema_editor.connection.alias).filter(
        name__in=names, article_links__isnull=True, photo_captions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0010_drop_unused_indexes")]

    operations = [migrations.RunPython(add_sources, remove_sources)]
