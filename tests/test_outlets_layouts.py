"""Other outlets' pages, one test story each in the structure of that outlet's real pages
(docs/layouts.md lists them), and the generic layout's boilerplate. Every headline, name
and number below is invented for these tests; none of the text comes from a real page."""

import datetime

import pytest

from newsreader.text.layouts import LAYOUTS
from newsreader.text.lines import Kind, LineReader
from newsreader.text.pages import parse_stories

THE_NATIONAL = """\
Abu Dhabi, UAEMonday 3 March 2025
UAE Edition
International Edition
Prayer Times
Weather

Fujairah Opens Desalination Plant Powered by Solar Farm

The plant will supply water to forty thousand homes on the east coast
Workers walk past the new plant in Fujairah on Sunday. (Photo: Lina Haddad / The National)
By Omar Talib
March 2, 2025
Listen In English
Listen In Arabic

Fujairah opened a desalination plant on Sunday that draws all its power from a nearby solar farm.

The plant can treat ninety million litres of seawater a day, its operator said.

Officials said a second line would open before the summer.
Updated: March 2, 2025, 6:40 PM
More from The National
Dubai Metro Extends Hours for Ramadan
"""

AHRAM_ONLINE = """\
Egypt Expands Wheat Storage Ahead of Harvest

The supply ministry will add twelve new silos in Upper Egypt
Ahram Online , Sunday 4 May 2025
Views: 5566
Short link:
• English • Arabic
A worker checks grain at a silo in Minya. (Photo: Al-Ahram)

Egypt will add twelve new wheat silos in Upper Egypt before the harvest, the minister said.

The silos will raise the country's storage capacity by a fifth.

The ministry expects to buy four million tonnes from local farmers this season.
Search Keywords: wheat, silos, Minya
Short link: https://example.org/x
Related
Egypt Raises Bread Subsidy
"""

NAHARNET = """\
Berri Calls Cabinet Session on Electricity Plan

A view of the parliament building in downtown Beirut. (AFP)
by Naharnet Newsdesk
12 April 2025, 13:05

Speaker Nabih Berri on Saturday called on the cabinet to meet next week on the power plan.

The plan would raise supply to sixteen hours a day by the end of the year, officials said.

Several ministers welcomed the call, according to the National News Agency.
Comments
"""

SHAFAQ_NEWS = """\
2025-04-19T10:35:26+00:00
Iraq Signs Grain Deal With Kazakhstan
A cargo ship unloads wheat at Umm Qasr port. (Shafaq News)
A- A A +
Shafaq News/ Iraq signed an agreement with Kazakhstan on Saturday to buy wheat.

The trade ministry said the first shipments would reach Umm Qasr next month.

The deal runs for three years, according to a ministry statement.
Write comment (96 Comments)
"""

RUDAW = """\
KRG Opens New Border Crossing With Turkey

Trucks wait at a crossing in Zakho. Photo: Rudaw
Rudaw
19-04-2025
A+ A-

ERBIL, Kurdistan Region - The Kurdistan Regional Government opened a crossing near Zakho.

Officials said the crossing would handle up to five hundred trucks a day.

The ministry of trade expects exports to rise this year.
Also in Kurdistan
Duhok Farmers Report Record Grape Harvest
Erbil Airport Adds Flights to Europe
"""

KURDISTAN24 = """\
Duhok Hospital Adds Cancer Ward

"We will treat patients close to their homes," the director said.
Doctors tour the new ward in Duhok on Monday. (Photo: Kurdistan24)
Doctors tour the new ward in Duhok on Monday. (Photo: Kurdistan24)
Kurdistan24

ERBIL (Kurdistan24) – A hospital in Duhok opened a cancer ward on Monday.

The ward has forty beds and two radiotherapy machines, the health ministry said.

Share this article
"""

AL_ARABIYA = """\
Saudi Arabia Launches Red Sea Coral Project

Scientists will replant damaged reefs along the coast
Al Arabiya English
Published: 14 July ,2025: 04:22 PM GST
Updated: 14 July ,2025: 06:10 PM GST
A diver inspects coral off the coast of Jeddah. (SPA)

Saudi Arabia launched a project on Monday to replant coral reefs damaged along its Red Sea coast.

Read more: Saudi Arabia opens marine reserve near Yanbu

The project will cover two hundred square kilometres, the environment ministry said.
Trending Now
"""

EGYPT_INDEPENDENT = """\
Alexandria Tram Line to Close for Upgrade

Egypt Independent
16 Jul 2025
Passengers board a tram in Alexandria. (Photo: Hany Salem)

Alexandria's oldest tram line will close for two years for an upgrade, officials said.

Buses will run along the route while the line is closed.
Translated from the Arabic Edition.
"""

NOW_LEBANON = """\
NOW
Beirut Port Workers Strike Over Unpaid Wages

Dockworkers say they have not been paid for three months
Dockworkers gather at the port gate in Beirut. (Photo: Rami Aoun)
By Maya Khoury
June 5, 2025

Hundreds of dockworkers at Beirut port went on strike on Thursday over three months of unpaid wages.

The port authority said it would pay one month's wages next week.
More from NOW
"""

# title, caption, credit, first paragraph's opening, last paragraph's opening, date,
# lines no paragraph may hold.
THE_NEW_ARAB = """\
Jordan Valley Farmers Turn to Drip Irrigation as Wells Run Low

Jordan Valley Farmers Turn to Drip Irrigation as Wells Run Low
Growers near Deir Alla say a new water-sharing scheme has cut their pumping costs by a third
6 min read
14 March, 2025
A farmer checks a drip line in a tomato field near Deir Alla [Getty]

Farmers in Jordan's northern valley have begun switching to drip irrigation after a dry winter.

The scheme, run by forty growers, shares one pumping station and spreads the cost of pipes.

Officials at the water ministry said they hoped to extend it to three more villages.
Live Story
The New Arab Staff & Agencies
"""

ARAB_NEWS = """\
Saudi Arabia Opens Desert Observatory Near Tabuk

Visitors look through a telescope at the new observatory near Tabuk. (SPA)
Short Url
Updated 18 March 2025
Arab News

Saudi Arabia Opens Desert Observatory Near Tabuk

  • The site will host night tours for up to 300 visitors a week
  • Astronomers chose the area for its clear skies and low light

TABUK: Saudi Arabia opened an observatory in the desert north of Tabuk on Monday, SPA reported.

The observatory has two domes and a visitor hall that seats sixty people, officials said.

Tour operators in the region expect the site to draw visitors through the winter season.
"""

CASES = {
    "the-national": (
        THE_NATIONAL,
        "Fujairah Opens Desalination Plant Powered by Solar Farm",
        "Workers walk past the new plant in Fujairah on Sunday.",
        "The plant will supply water",  # the standfirst opens the body
        "Officials said a second line",
        datetime.date(2025, 3, 2),
    ),
    "ahram-online": (
        AHRAM_ONLINE,
        "Egypt Expands Wheat Storage Ahead of Harvest",
        "A worker checks grain at a silo in Minya.",
        "The supply ministry will add",
        "The ministry expects",
        datetime.date(2025, 5, 4),
    ),
    "naharnet": (
        NAHARNET,
        "Berri Calls Cabinet Session on Electricity Plan",
        "A view of the parliament building in downtown Beirut.",
        "Speaker Nabih Berri on Saturday",
        "Several ministers welcomed",
        datetime.date(2025, 4, 12),
    ),
    "shafaq-news": (
        SHAFAQ_NEWS,
        "Iraq Signs Grain Deal With Kazakhstan",
        "A cargo ship unloads wheat at Umm Qasr port.",
        "Shafaq News/ Iraq signed an agreement",
        "The deal runs for three years",
        datetime.date(2025, 4, 19),
    ),
    "rudaw": (
        RUDAW,
        "KRG Opens New Border Crossing With Turkey",
        "Trucks wait at a crossing in Zakho.",
        "ERBIL, Kurdistan Region - The Kurdistan",
        "The ministry of trade expects",
        datetime.date(2025, 4, 19),
    ),
    "kurdistan24": (
        KURDISTAN24,
        "Duhok Hospital Adds Cancer Ward",
        "Doctors tour the new ward in Duhok on Monday.",
        '"We will treat patients',
        "The ward has forty beds",
        None,
    ),
    "al-arabiya": (
        AL_ARABIYA,
        "Saudi Arabia Launches Red Sea Coral Project",
        "A diver inspects coral off the coast of Jeddah.",
        "Scientists will replant",
        "The project will cover",
        datetime.date(2025, 7, 14),
    ),
    "egypt-independent": (
        EGYPT_INDEPENDENT,
        "Alexandria Tram Line to Close for Upgrade",
        "Passengers board a tram in Alexandria.",
        "Alexandria's oldest tram line",
        "Buses will run along the route",
        datetime.date(2025, 7, 16),
    ),
    "now-lebanon": (
        NOW_LEBANON,
        "Beirut Port Workers Strike Over Unpaid Wages",
        "Dockworkers gather at the port gate in Beirut.",
        "Dockworkers say they have not been paid",
        "The port authority said",
        datetime.date(2025, 6, 5),
    ),
    "the-new-arab": (
        THE_NEW_ARAB,
        "Jordan Valley Farmers Turn to Drip Irrigation as Wells Run Low",
        "A farmer checks a drip line in a tomato field near Deir Alla",
        "Growers near Deir Alla say",  # the standfirst opens the body
        "Officials at the water ministry said",
        datetime.date(2025, 3, 14),
    ),
    "arab-news": (
        ARAB_NEWS,
        "Saudi Arabia Opens Desert Observatory Near Tabuk",
        "Visitors look through a telescope at the new observatory near Tabuk.",
        "• The site will host",  # its key points open the body; none is a caption
        "Tour operators in the region",
        None,  # it prints only "Updated 18 March 2025": when it last changed
    ),
}

# Lines of the outlets' chrome that no paragraph may hold.
BOILERPLATE = (
    "Views",
    "Short link",
    "English • Arabic",
    "Updated:",
    "Published:",
    "Listen In",
    "Naharnet Newsdesk",
    "Write comment",
    "A+ A-",
    "A- A A",
    "Also in",
    "Read more",
    "Trending",
    "Translated from",
    "Search Keywords",
    "More from",
    "Share this",
    "Edition",
    "Comments",
    "By Omar",
    "By Maya",
    "min read",
    "Live Story",
    "New Arab Staff",
    "Short Url",
)


@pytest.mark.parametrize("outlet", sorted(CASES))
def test_an_outlet_s_page_is_one_clean_story(outlet):
    page, title, caption, first, last, date = CASES[outlet]
    (story,) = parse_stories(page)
    assert story.title == title
    assert [found.text for found in story.captions] == [caption]
    assert story.captions[0].credit
    assert story.paragraphs[0].startswith(first)
    assert story.paragraphs[-1].startswith(last)
    assert story.dateline == date
    for paragraph in story.paragraphs:
        assert not any(junk in paragraph for junk in BOILERPLATE), paragraph


def test_every_outlet_s_page_in_one_file_makes_one_story_each():
    pages = [case[0] for case in CASES.values()]
    stories = parse_stories("\n\n\n".join(pages))
    assert sorted(story.title for story in stories) == sorted(case[1] for case in CASES.values())


# -- the generic layout: an unknown outlet's boilerplate ---------------------------------

UNKNOWN_OUTLET = """\
Oman Opens New Fishing Harbour in Duqm

A fisherman unloads his catch at the harbour in Duqm. (AFP)
{boilerplate}
Oman opened a fishing harbour in Duqm on Sunday, with berths for two hundred boats.

The harbour has a cold store and a fish market, the ministry said.
"""


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Views: 5566",
        "12,408 views",
        "• English • Arabic",
        "English | العربية",
        "Last Update: 19 April 2025 10:35",
        "Updated: 19 April 2025, 10:35 AM",
        "Share",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Copy link",
        "A+ A-",
        "Listen to this article",
        "4 min read",
        "34 Comments",
    ],
)
def test_the_generic_layout_drops_a_widget_line(boilerplate):
    (story,) = parse_stories(UNKNOWN_OUTLET.format(boilerplate=boilerplate))
    assert story.title == "Oman Opens New Fishing Harbour in Duqm"
    assert [caption.text for caption in story.captions] == [
        "A fisherman unloads his catch at the harbour in Duqm."
    ]
    assert len(story.paragraphs) == 2
    assert boilerplate not in "\n".join(story.paragraphs)


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright © 2025 Gulf Daily. All rights reserved.",
        "© 2025 Gulf Daily",
        "All Rights Reserved",
        "Read more",
        "Related Articles",
        "Most Read",
    ],
)
def test_the_generic_layout_ends_a_story_at_a_footer_and_makes_no_article_of_it(footer):
    page = UNKNOWN_OUTLET.format(boilerplate="") + (
        f"{footer}\nQatar Airways Adds Flights to Muscat\nKuwait Raises Fuel Prices\n"
    )
    (story,) = parse_stories(page)
    assert story.paragraphs[-1].startswith("The harbour has a cold store")


def test_a_page_of_boilerplate_only_is_no_article():
    page = "Views: 120\n• English • Arabic\nShare\nFacebook Twitter\nAll rights reserved\n"
    with pytest.raises(Exception, match="no story text"):
        parse_stories(page)


def test_a_photo_line_near_the_top_is_a_caption():
    page = UNKNOWN_OUTLET.format(boilerplate="").replace(
        "A fisherman unloads his catch at the harbour in Duqm. (AFP)",
        "Boats moored at the harbour in Duqm. Photo: Salim Nasser/Reuters",
    )
    (story,) = parse_stories(page)
    assert [caption.text for caption in story.captions] == ["Boats moored at the harbour in Duqm."]
    assert story.paragraphs[0].startswith("Oman opened a fishing harbour")


@pytest.mark.parametrize(
    ("line", "kind", "date"),
    [
        ("March 2, 2025", Kind.DATELINE, datetime.date(2025, 3, 2)),
        ("16 Jul 2014", Kind.DATELINE, datetime.date(2014, 7, 16)),
        ("2023-07-19T21:17:38+00:00", Kind.DATELINE, datetime.date(2023, 7, 19)),
        ("Ahram Online , Sunday 4 Jun 2023", Kind.DATELINE, datetime.date(2023, 6, 4)),
        ("Published: 14 July ,2024: 04:22 PM GST", Kind.DATELINE, datetime.date(2024, 7, 14)),
        # When it was last changed: kept as such, never as the published date.
        ("Updated: 14 July ,2024: 06:10 PM GST", Kind.UPDATE, datetime.date(2024, 7, 14)),
        ("Last Update: 19 April 2025 10:35", Kind.UPDATE, datetime.date(2025, 4, 19)),
        ("Updated: yesterday at noon", Kind.CHROME, None),
        ("By Omar Talib", Kind.BYLINE, None),
        ("Oman opened a harbour on 2 March 2025.", Kind.TEXT, None),
    ],
)
def test_the_outlets_read_their_dates_and_marks(line, kind, date):
    reading = LineReader(LAYOUTS).read(line)
    assert reading.kind is kind
    assert reading.date == date


# Arab News prints a writer in capitals above the date and time, and under its story the
# next ones in full ("Updated 15 sec ago": when it last changed, with no date to keep).
ARAB_NEWS_WRITER = """\
Jordan Reopens Northern Border Crossing to Trucks

A truck driver waits at the crossing near Ramtha on Sunday. (AFP)
Short Url
Updated 1 min 13 sec ago
Follow
RANIA M. AL-HADDAD
October 12, 2024 19:05

Jordan Reopens Northern Border Crossing to Trucks

  • Traders expect freight costs to fall within weeks
  • The crossing was closed for five months

AMMAN: Jordan reopened its northern border crossing to freight trucks on Sunday, officials said.

The crossing handles most of the kingdom's overland trade with Syria, the ministry said.

Drivers said queues had formed on both sides before dawn.


Kuwait Extends School Year by Two Weeks

Kuwait Extends School Year by Two Weeks
Updated 15 sec ago

Kuwait Extends School Year by Two Weeks

Kuwait Extends School Year by Two Weeks
  • Exams move to the end of June

KUWAIT CITY: Kuwait will add two weeks to the school year to make up for days lost to \
storms in the spring, the education ministry said on Sunday.
"""


def test_a_writer_in_capitals_above_the_date_is_the_byline():
    first, second = parse_stories(ARAB_NEWS_WRITER)
    assert first.title == "Jordan Reopens Northern Border Crossing to Trucks"
    assert first.authors == ["Rania M. Al-Haddad"]
    assert first.dateline == datetime.date(2024, 10, 12)
    assert [caption.text for caption in first.captions] == [
        "A truck driver waits at the crossing near Ramtha on Sunday."
    ]
    assert first.paragraphs[0].startswith("• Traders expect")
    assert first.paragraphs[-1].startswith("Drivers said")
    assert second.title == "Kuwait Extends School Year by Two Weeks"
    assert (second.dateline, second.authors) == (None, [])
    assert second.paragraphs[-1].startswith("KUWAIT CITY: Kuwait will add two weeks")
    for story in (first, second):
        for junk in ("Follow", "Updated", "RANIA", "Short Url"):
            assert not any(junk in paragraph for paragraph in story.paragraphs), junk


def test_a_line_in_capitals_is_no_byline_unless_the_date_stands_under_it():
    page = ARAB_NEWS_WRITER.replace("Follow\nRANIA M. AL-HADDAD\n", "BREAKING NEWS\n")
    first, _ = parse_stories(page)
    assert first.authors == []
    page = ARAB_NEWS_WRITER.replace("RANIA M. AL-HADDAD\nOctober 12, 2024 19:05\n", "")
    page = page.replace("AMMAN:", "JORDAN REOPENS GATES\n\nAMMAN:")
    first, _ = parse_stories(page)
    assert first.authors == []
    assert "JORDAN REOPENS GATES" in first.paragraphs
