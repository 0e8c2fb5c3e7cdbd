"""Every layout the publisher's site has used, and how several pages share a file.

Each test story below is written for these tests, in the structure of real pages (the
lines, their order, the widgets' leftovers); docs/layouts.md lists the pages each
structure was drawn from. None of their text comes from a real page.
"""

import datetime
import itertools

import pytest

from newsreader.text.layouts import LAYOUTS
from newsreader.text.lines import Kind, LineReader
from newsreader.text.pages import parse_stories

# The 2016 site's banner, a line of its chrome.
BANNER_2016 = (
    "Asharq Al-awsat English Middle-east and International News and Opinion from "
    "Asharq Al-awsat Newspaper"
)

# The current site: Title / caption ×2 / TT / Title / caption ×2 / body.
CURRENT = """\
Oman Opens Port Expansion at Duqm

 A crane lifts a container at the port of Duqm on Sunday. (Reuters)
A crane lifts a container at the port of Duqm on Sunday. (Reuters)
TT

Oman Opens Port Expansion at Duqm

 A crane lifts a container at the port of Duqm on Sunday. (Reuters)
A crane lifts a container at the port of Duqm on Sunday. (Reuters)

Oman opened a second container terminal at Duqm on Sunday, doubling what the port can handle.

The transport minister said the terminal would serve ships too large for older Gulf ports.

Officials expect the first cargo from East Africa next month.
"""

# The same, with the text-size widget's "20" after TT.
WIDGET_NUMBER = """\
Kuwait Cabinet Approves Draft Budget

Ministers meet at Bayan Palace. (KUNA)
Ministers meet at Bayan Palace. (KUNA)
TT
20

Kuwait Cabinet Approves Draft Budget

Ministers meet at Bayan Palace. (KUNA)
Ministers meet at Bayan Palace. (KUNA)

Kuwait's cabinet approved the draft budget for the coming fiscal year on Monday.

The draft now goes to parliament, which must vote on it before the year ends.
"""

# No TT at all: the two header blocks apart by a blank line.
NO_WIDGET = """\
Jordan Signs Water Deal With Syria

Engineers inspect the Yarmouk dam. (Petra)
Engineers inspect the Yarmouk dam. (Petra)

Jordan Signs Water Deal With Syria

Engineers inspect the Yarmouk dam. (Petra)
Engineers inspect the Yarmouk dam. (Petra)

Jordan and Syria signed an agreement on sharing the Yarmouk river's water on Tuesday.

The deal sets how much each country may take in the dry months.
"""

# A standfirst under the headline, printed in both header blocks.
STANDFIRST = """\
Tunisia Plans New Desalination Plants

The plants would supply the south, where wells run dry each summer

Workers at a plant near Djerba (AFP)
Workers at a plant near Djerba (AFP)
TT

Tunisia Plans New Desalination Plants

The plants would supply the south, where wells run dry each summer

Workers at a plant near Djerba (AFP)
Workers at a plant near Djerba (AFP)

Tunisia will build three desalination plants in the south, the water ministry said on Friday.

The first should open in two years.
"""

# Subheadings inside the body: part of the story.
SUBHEADINGS = """\
Iraq Reopens Basra Airport to Foreign Carriers

A plane at Basra airport (AFP)
A plane at Basra airport (AFP)
TT

Iraq Reopens Basra Airport to Foreign Carriers

A plane at Basra airport (AFP)
A plane at Basra airport (AFP)

Iraq reopened Basra airport to foreign airlines on Wednesday after a year of repairs.

- New runway lights

The runway now has lights for landings at night, the transport ministry said.

Flights from Doha and Dubai

Qatar Airways and flydubai said they would fly to Basra from next week.
"""

# aawsat.com/english, 2016-2020: banner, title twice, dateline, caption, byline, body.
DATELINED = (
    BANNER_2016
    + """

Middle East

Sudan Reopens Schools in Khartoum

Sudan Reopens Schools in Khartoum

Thursday, 7 November, 2019 - 07:45
Pupils queue outside a school in Omdurman.
Khartoum - Hamid Osman
Schools in Khartoum reopened on Wednesday after months of closure.

Teachers said many pupils had not returned.

Exams in the spring

The ministry said exams would be held in the spring.
"""
)

# Its AMP copy: title, dateline, the desk, a few paragraphs, "Read More ...".
AMP = """\
Libyan Rivals Agree on Election Law

Monday, 19 August, 2019 - 11:45
Asharq Al-Awsat

Libya's rival legislatures agreed on an election law on Sunday, the UN mission said.

The law sets the rules for presidential and parliamentary votes.

Read More ...
"""

# eng-archive.aawsat.com: banner, title bar, Select Page, Media ID, Caption:, copies of
# the caption (the last one reworded), a body opening with its city.
ARCHIVE = """\
Middle-east Arab News Opinion | Asharq Al-awsat

Yemen Talks Resume in Muscat | ASHARQ AL-AWSAT English Archive 2005 -2017
Select Page
Media ID: 55371234
Caption:

Delegates arrive for the talks at a hotel in Muscat, Oman, on Monday (EPA)


Delegates arrive for the talks at a hotel in Muscat, Oman, on Monday (EPA)

Delegates arriving for the talks at a hotel in Muscat, Oman (EPA)

Muscat, Asharq Al-Awsat– Yemen's government and the Houthis resumed talks in Muscat on Monday.

The envoy said both sides had agreed on the agenda.
"""

# An older archive page: " - ASHARQ AL-AWSAT English Archive", the title again, and
# the author box after the story.
ARCHIVE_AUTHOR_BOX = """\
Middle-east Arab News Opinion | Asharq Al-awsat

Bahrain Hosts Gulf Security Forum - ASHARQ AL-AWSAT English Archive
Select Page
Bahrain Hosts Gulf Security Forum

Bahrain Hosts Gulf Security Forum

Manama- Gulf defence ministers met in Manama on Saturday for a two-day forum.

They discussed maritime security in the Gulf.

Asharq Al-Awsat English

Asharq Al-Awsat English

<em>Asharq Al-Awsat</em> is the world's premier pan-Arab daily newspaper, printed daily.

More Posts

Follow Me:Add me on FacebookAdd me on YouTube
"""

# A writer's page: a list of stories, not a story.
WRITER_PAGE = (
    BANNER_2016
    + """

Samir Haddad

Samir Haddad

Writer Articles

The Gulf After the Oil Boom

Oil revenues will not last forever, and the Gulf states know it
"""
)

# The next story's teaser: its headline and caption, after the last paragraph.
TEASER = """\

Qatar Names New Central Bank Governor

 The governor speaks in Doha (QNA)
"""


def titles(text: str) -> list[str]:
    return [story.title for story in parse_stories(text)]


@pytest.mark.parametrize("page", [CURRENT, WIDGET_NUMBER, NO_WIDGET])
def test_the_current_layout_with_or_without_its_widgets(page):
    (story,) = parse_stories(page)
    first_line = page.splitlines()[0]
    assert story.title == first_line
    (caption,) = story.captions
    assert caption.credit and caption.text
    assert all(line not in {"TT", "20"} for line in story.paragraphs)
    assert story.title not in story.paragraphs
    assert not any(caption.text in paragraph for paragraph in story.paragraphs)


def test_a_standfirst_opens_the_body_once_and_the_title_stays_whole():
    (story,) = parse_stories(STANDFIRST)
    assert story.title == "Tunisia Plans New Desalination Plants"
    assert story.paragraphs[0] == (
        "The plants would supply the south, where wells run dry each summer"
    )
    assert story.paragraphs.count(story.paragraphs[0]) == 1
    assert story.paragraphs[1].startswith("Tunisia will build")
    assert [caption.credit for caption in story.captions] == ["AFP"]


def test_subheadings_stay_in_their_story():
    (story,) = parse_stories(SUBHEADINGS)
    assert "- New runway lights" in story.paragraphs
    assert "Flights from Doha and Dubai" in story.paragraphs
    assert story.paragraphs[-1].startswith("Qatar Airways")


def test_a_printed_dateline_dates_the_story_and_never_reaches_the_body():
    (story,) = parse_stories(DATELINED)
    assert story.title == "Sudan Reopens Schools in Khartoum"
    assert story.dateline == datetime.date(2019, 11, 7)
    assert [caption.text for caption in story.captions] == [
        "Pupils queue outside a school in Omdurman."
    ]
    assert story.paragraphs[0].startswith("Schools in Khartoum reopened")
    assert "Exams in the spring" in story.paragraphs
    for line in ("Middle East", "Khartoum - Hamid Osman", "Thursday, 7 November, 2019 - 07:45"):
        assert line not in story.paragraphs
    assert story.layout == "asharq-al-awsat-2016"


def test_an_amp_copy_keeps_its_paragraphs_and_drops_its_desk_and_read_more():
    (story,) = parse_stories(AMP)
    assert story.title == "Libyan Rivals Agree on Election Law"
    assert story.dateline == datetime.date(2019, 8, 19)
    assert story.captions == []
    assert story.paragraphs == [
        "Libya's rival legislatures agreed on an election law on Sunday, the UN mission said.",
        "The law sets the rules for presidential and parliamentary votes.",
    ]


def test_an_archive_page_takes_its_title_from_the_title_bar():
    (story,) = parse_stories(ARCHIVE)
    assert story.title == "Yemen Talks Resume in Muscat"
    (caption,) = story.captions
    assert caption.credit == "EPA"
    assert caption.text.startswith("Delegates arrive for the talks")
    assert story.paragraphs[0].startswith("Muscat, Asharq Al-Awsat– Yemen's government")
    assert len(story.paragraphs) == 2
    assert story.layout == "asharq-al-awsat-archive"


def test_an_archive_page_drops_its_author_box():
    (story,) = parse_stories(ARCHIVE_AUTHOR_BOX)
    assert story.title == "Bahrain Hosts Gulf Security Forum"
    assert story.paragraphs == [
        "Manama- Gulf defence ministers met in Manama on Saturday for a two-day forum.",
        "They discussed maritime security in the Gulf.",
    ]


def test_a_writer_page_is_no_story():
    assert titles(WRITER_PAGE + "\n\n" + CURRENT) == ["Oman Opens Port Expansion at Duqm"]


def test_a_teaser_cut_off_in_its_first_sentence_is_dropped():
    cut = CURRENT + "\n\n\n" + WIDGET_NUMBER[: WIDGET_NUMBER.index("approved") + 3]
    (story,) = parse_stories(cut)
    assert story.title == "Oman Opens Port Expansion at Duqm"
    # A short story that ends its sentence is a story.
    whole = CURRENT + "\n\n\n" + WIDGET_NUMBER.split("\n\nThe draft")[0] + "\n"
    assert titles(whole) == [
        "Oman Opens Port Expansion at Duqm",
        "Kuwait Cabinet Approves Draft Budget",
    ]


def test_a_rail_after_the_story_ends_it_and_keeps_it():
    (story,) = parse_stories(CURRENT + "\nEditor Picks\n\nThe Gulf After the Oil Boom\n")
    assert story.paragraphs[-1] == "Officials expect the first cargo from East Africa next month."
    (story,) = parse_stories(CURRENT + "\nWriter Articles\n\nThe Gulf After the Oil Boom\n")
    assert story.paragraphs[-1] == "Officials expect the first cargo from East Africa next month."


def test_the_next_story_s_teaser_is_dropped():
    (story,) = parse_stories(CURRENT + "\n\n" + TEASER)
    assert story.paragraphs[-1] == "Officials expect the first cargo from East Africa next month."
    assert all("Qatar" not in paragraph for paragraph in story.paragraphs)


PAGES = {
    "Oman Opens Port Expansion at Duqm": CURRENT,
    "Kuwait Cabinet Approves Draft Budget": WIDGET_NUMBER,
    "Jordan Signs Water Deal With Syria": NO_WIDGET,
    "Tunisia Plans New Desalination Plants": STANDFIRST,
    "Iraq Reopens Basra Airport to Foreign Carriers": SUBHEADINGS,
    "Sudan Reopens Schools in Khartoum": DATELINED,
    "Libyan Rivals Agree on Election Law": AMP,
    "Yemen Talks Resume in Muscat": ARCHIVE,
    "Bahrain Hosts Gulf Security Forum": ARCHIVE_AUTHOR_BOX,
}


@pytest.mark.parametrize("separator", ["\n", "\n\n\n", "\n \n\n \n\n"])
def test_a_file_of_every_layout_gives_each_story_once_and_whole(separator):
    text = separator.join(PAGES.values())
    stories = parse_stories(text)
    assert [story.title for story in stories] == list(PAGES)
    for story in stories:
        (alone,) = parse_stories(PAGES[story.title])
        assert story.paragraphs == alone.paragraphs, story.title
        assert story.captions == alone.captions, story.title
        assert not story.doubtful_start


def test_stories_never_glue_in_any_order():
    for order in itertools.islice(itertools.permutations(PAGES), 0, 720, 7):
        text = "\n\n".join(PAGES[title] + TEASER for title in order)
        assert titles(text) == list(order)


def test_a_headline_after_blank_lines_starts_a_doubtful_story_kept_apart():
    text = (
        "Saudi Arabia Launches Tourist Visa for Gulf Residents\n\n"
        "A view of the old town of AlUla (SPA)\nA view of the old town of AlUla (SPA)\nTT\n\n"
        "Saudi Arabia Launches Tourist Visa for Gulf Residents\n\n"
        "A view of the old town of AlUla (SPA)\nA view of the old town of AlUla (SPA)\n\n"
        "Saudi Arabia began issuing visas to Gulf residents online on Monday.\n\n"
        "Applicants get an answer within a day.\n\n\n\n"
        "Egypt Raises Bread Subsidy for Poorest Families\n\n"
        "Egypt raised the bread subsidy for its poorest families on Thursday.\n\n"
        "The ministry said ten million households would benefit.\n"
    )
    first, second = parse_stories(text)
    assert first.paragraphs[-1] == "Applicants get an answer within a day."
    assert second.title == "Egypt Raises Bread Subsidy for Poorest Families"
    assert second.doubtful_start and not first.doubtful_start


def test_a_headline_above_a_caption_after_a_story_starts_the_next_one():
    text = (
        "Algeria Hosts Arab Energy Forum\n"
        "Ministers at the forum in Algiers (APS)\n"
        "Algeria hosted Arab energy ministers in Algiers on Sunday.\n"
        "They discussed gas exports to Europe.\n"
        "Morocco Opens Solar Plant Near Ouarzazate\n"
        "Panels at the plant (MAP)\n"
        "Panels at the plant (MAP)\n"
        "Morocco opened a new solar plant near Ouarzazate on Monday.\n"
    )
    first, second = parse_stories(text)
    assert first.title == "Algeria Hosts Arab Energy Forum"
    assert first.paragraphs[-1] == "They discussed gas exports to Europe."
    assert second.title == "Morocco Opens Solar Plant Near Ouarzazate"
    assert second.paragraphs == ["Morocco opened a new solar plant near Ouarzazate on Monday."]


def test_a_body_only_page_is_one_story():
    text = "\n".join(
        [
            "Lebanon's parliament met on Thursday to discuss the budget.",
            "Deputies from all blocs attended the session.",
            "The speaker said a vote would follow next week.",
        ]
    )
    (story,) = parse_stories(text)
    assert story.title == ""
    assert len(story.paragraphs) == 3


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("TT", Kind.CHROME),
        ("Select Page", Kind.CHROME),
        ("Media ID: 55278875", Kind.CAPTION_LABEL),
        ("Caption:", Kind.CAPTION_LABEL),
        ("Thursday, 7 November, 2019 - 07:45", Kind.DATELINE),
        ("Monday, 19 August, 2019 - 11:45", Kind.DATELINE),
        ("Follow Me:Add me on Facebook", Kind.FOOTER),
        ("Read More ...", Kind.FOOTER),
        ("Views: 5566", Kind.CHROME),
        ("Writer Articles", Kind.LISTING),
        ("Talks Resume | ASHARQ AL-AWSAT English Archive 2005 -2017", Kind.TITLE_BAR),
        ("Talks resumed in Muscat on Monday.", Kind.TEXT),
        ("Thursday, 31 February, 2019 - 07:45", Kind.TEXT),  # no such day
    ],
)
def test_the_layouts_read_each_kind_of_line(line, kind):
    assert LineReader(LAYOUTS).read(line).kind is kind


def test_body_only_pages_apart_by_a_wide_gap_are_two_doubtful_stories():
    first = "\n".join(
        [
            "Lebanon's parliament met on Thursday to discuss the budget.",
            "Deputies from all blocs attended the session.",
        ]
    )
    second = "\n".join(
        [
            "Oman's central bank held its main interest rate on Wednesday, as analysts had "
            "expected after the Federal Reserve's decision.",
            "The bank said inflation had eased to two percent.",
        ]
    )
    one, two = parse_stories(first + "\n\n\n\n" + second)
    assert one.paragraphs[-1] == "Deputies from all blocs attended the session."
    assert two.paragraphs[0].startswith("Oman's central bank")
    assert two.doubtful_start
    # The same gap between paragraphs that are already that far apart is no boundary,
    # nor one after a line that does not end a story.
    (story,) = parse_stories(first.replace("\n", "\n\n\n\n") + "\n\n\n\n" + second)
    assert len(story.paragraphs) == 4
    (story,) = parse_stories(first + "\nHere is the full text:\n\n \n\n" + second)
    assert len(story.paragraphs) == 5
