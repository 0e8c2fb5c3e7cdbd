"""How news sites' pages look once scraped to text: one declarative entry per layout. Pure.

Each entry lists, as regular expressions matched against a whole (cleaned) line, the lines
of a page that are not the story: the banner a page opens with, the browser title bar that
carries the headline, menus and widgets, the printed dateline, the byline, and the lines
from which the rest of a page is boilerplate (an author box, "Read More ..."). The reader
(pages.py) knows nothing of any site: a new layout is a new entry here, with a test story
in its structure (tests/test_layouts.py), never a new branch in the code.

docs/layouts.md lists the real pages each entry was drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    name: str
    publisher: str = ""  # whose pages these are; "" for the generic layout
    # How the outlet names itself in a dateline ("Ahram Online , Sunday 4 May 2025"); the
    # publisher's name when empty. Its other lines (banner, title bar, chrome, caption
    # label, byline, footer, listing) name the outlet by being there: a page is recognised
    # as the outlet's by them (pages.py).
    names: tuple[str, ...] = ()
    # Lines that open a page: a new story starts there. Dropped.
    banners: tuple[str, ...] = ()
    # The browser's title line, which holds the headline: "(?P<title>…) | Site". A new
    # story starts there unless a banner just opened one.
    title_bars: tuple[str, ...] = ()
    # Menus, labels and widgets: dropped wherever they stand.
    chrome: tuple[str, ...] = ()
    # A line dropped only right after a widget ("20" after the text-size widget's "TT").
    after_widget: tuple[str, ...] = ()
    # Lines that say the next line is a photo caption ("Caption:", "Media ID: 55278875").
    caption_labels: tuple[str, ...] = ()
    # The page's printed date, with named groups day, month (a name) and year.
    datelines: tuple[str, ...] = ()
    # When the page says it was last changed ("Last Update: 19 April 2025"), with the
    # dateline's named groups: kept as such, never as the published date. Dropped.
    updates: tuple[str, ...] = ()
    # Whether the photo caption stands right after the dateline.
    caption_after_dateline: bool = False
    # "City - Author", or the desk's name: read in a page's header only, and dropped; a
    # named group "author" holds the writers' names ("Jane Doe and Sami Nasr").
    bylines: tuple[str, ...] = ()
    # Section names printed above a headline: read in a page's header only. Dropped.
    sections: tuple[str, ...] = ()
    # The first line of what follows the story (an author box, a rail): the page's
    # remaining lines are dropped.
    footers: tuple[str, ...] = ()
    # A line that shows the page is a list of stories (a writer's page), not a story.
    listings: tuple[str, ...] = ()


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?P<month>[A-Z][a-z]+)"

ASHARQ_AL_AWSAT = Layout(
    # english.aawsat.com since about 2020: Title / caption ×2 / TT [/ 20] / Title /
    # caption ×2 / body. The repeated title, not the widget, marks the header (some copies
    # have no TT); the reader finds it by shape.
    name="asharq-al-awsat",
    publisher="Asharq Al-Awsat",
    chrome=("TT",),
    after_widget=(r"\d{1,3}",),
    listings=(r"Writer Articles", r"Editor selections", r"Latest World News: .*"),
    footers=(r"Editor Picks",),
)

ASHARQ_AL_AWSAT_2016 = Layout(
    # aawsat.com/english, about 2016-2020, and its AMP copies: banner / [section] /
    # Title / Title / dateline / caption / [City - Author] / body.
    name="asharq-al-awsat-2016",
    publisher="Asharq Al-Awsat",
    banners=(
        r"Asharq Al-awsat English Middle-east and International News and Opinion from "
        r"Asharq Al-awsat Newspaper",
    ),
    datelines=(
        rf"(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})"
        r"(?:\s*[-–]\s*\d{1,2}:\d{2})?(?:\s+Issue Number \[\d+\])?",
    ),
    caption_after_dateline=True,
    bylines=(
        r"(?i:Asharq Al-Awsat)",
        r"[A-Z][\w'’.]+(?: [A-Z][\w'’.]+){0,2} [-–] "
        r"(?P<author>[A-Z][\w'’.-]+(?: (?:al-|bin |[A-Z])[\w'’.-]*){0,4})",
    ),
    sections=tuple(
        [
            "Middle East",
            "Arab World",
            "World",
            "Gulf",
            "Economy",
            "Business",
            "Sports",
            "Sport",
            "Culture",
            "Culture & Arts",
            "Art & Culture",
            "Lifestyle",
            "Varieties",
            "Opinion",
            "Features",
            "Interviews",
            "Iran",
            "Technology",
            "Tech",
            "Health",
            "Science",
            "Media",
            "Investigations",
            "Books",
        ]
    ),
    footers=(r"Read More ?(?:\.\.\.|…)?",),
    listings=(r"Writer Articles",),
)

ASHARQ_AL_AWSAT_ARCHIVE = Layout(
    # eng-archive.aawsat.com, 2005-2017: banner / "Title | ASHARQ AL-AWSAT English Archive"
    # / Select Page / [Media ID] / [Caption:] / caption ×1-3 / "City, Asharq Al-Awsat— …"
    # / … / [author box].
    name="asharq-al-awsat-archive",
    publisher="Asharq Al-Awsat",
    banners=(r"Middle-east Arab News Opinion \| Asharq Al-awsat",),
    title_bars=(
        r"(?P<title>.+?)\s+[|–-]\s+ASHARQ AL-AWSAT English Archive(?:\s+2005\s*-\s*2017)?",
    ),
    chrome=(r"Select Page",),
    caption_labels=(r"Caption:", r"Media ID: ?\d+"),
    footers=(
        r"Asharq Al-Awsat English",
        r"(?:<em>)?Asharq Al-Awsat(?:</em>)? is the world.s premier pan-Arab daily.*",
        r"More Posts",
        r"Follow Me:.*",
    ),
)

# Other outlets of the region (docs/layouts.md lists the pages each was drawn from). Each
# entry holds only lines its own site prints, so that it cannot misread another's page.
_DAY_MONTH_YEAR = r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) ?,? ?(?P<year>\d{4})"
_MONTH_DAY_YEAR = r"(?P<month>[A-Z][a-z]+)\.? (?P<day>\d{1,2}),? (?P<year>\d{4})"
_CLOCK = r"(?:,? ?(?:-|–|at)? ?\d{1,2}:\d{2}(?: ?[AP]M)?(?: [A-Z]{2,4})?)?"

THE_NATIONAL = Layout(
    # thenationalnews.com (thenational.ae): "Abu Dhabi, UAETuesday 10 December 2019" /
    # edition menu / Title / standfirst / caption (credit) / [By] Author / date / body.
    name="the-national",
    publisher="The National",
    banners=(rf"Abu Dhabi, UAE ?{_WEEKDAY}? ?\d{{1,2}} [A-Z][a-z]+ \d{{4}}",),
    chrome=(
        r"UAE Edition",
        r"International Edition",
        r"Prayer Times",
        r"Weather",
        r"Listen In (?:English|Arabic)",
        r"Powered by automated translation",
    ),
    footers=(r"More from The National",),
)

AHRAM_ONLINE = Layout(
    # english.ahram.org.eg and weekly.ahram.org.eg: Title / standfirst / "Ahram Online ,
    # Sunday 4 Jun 2023" (desk or wire, then the date) / Views: N / Short link: / caption
    # (Photo: …) / body / Search Keywords: … / related list.
    name="ahram-online",
    publisher="Al-Ahram",
    names=("Ahram",),
    datelines=(
        rf"[A-Z][\w.'’ -]{{1,60}} ?, (?:{_WEEKDAY},? ?)?{_DAY_MONTH_YEAR}",
        rf"{_WEEKDAY},(?P<day>\d{{1,2}}) (?P<month>[A-Z][a-z]+), (?P<year>\d{{4}})",
    ),
    chrome=(
        r"Current issue \| Issue \d+.*",
        r"Issue \d+, \(.*\)",
        r"Ahram Weekly",
    ),
    footers=(r"Search Keywords:.*",),
)

NAHARNET = Layout(
    # naharnet.com: Title / caption / "by Naharnet Newsdesk" / "10 December 2019, 13:05" /
    # body / "W140 Full Story" links on its lists.
    name="naharnet",
    publisher="Naharnet",
    chrome=(r"W140(?: Full Story)?", r"Full Story"),
    datelines=(rf"{_DAY_MONTH_YEAR}{_CLOCK}",),
    bylines=(r"(?:by )?Naharnet(?: Newsdesk)?",),
    listings=(r"Latest stories",),
)

SHAFAQ_NEWS = Layout(
    # shafaq.com/en: section / "2023-07-19T21:17:38+00:00" / Title / caption / body opening
    # "Shafaq News/ …" / "Write comment (96 Comments)".
    name="shafaq-news",
    publisher="Shafaq News",
    datelines=(
        r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[T ]\d{2}:\d{2}(?::\d{2})?"
        r"(?:\+00:00|Z)?",
    ),
    chrome=(r"A- A A ?\+", r"Shafaq News"),
    footers=(r"Write comment(?: \(\d+ Comments?\))?",),
)

RUDAW = Layout(
    # rudaw.net/english: Title / caption / "Rudaw" or author / "10-12-2024" / A+ A- /
    # "ERBIL, Kurdistan Region - …" / body / "Also in Kurdistan" and its headlines.
    name="rudaw",
    publisher="Rudaw",
    datelines=(rf"(?P<day>\d{{1,2}})-(?P<month>\d{{1,2}})-(?P<year>\d{{4}}){_CLOCK}",),
    bylines=(r"Rudaw(?: Net| English)?",),
    footers=(
        r"Also in (?:Kurdistan|Iraq|Syria|Turkey|Iran|Middle East|World|Business|Sports"
        r"|Culture|Opinion)",
    ),
)

KURDISTAN24 = Layout(
    # kurdistan24.net: Title / standfirst / caption ×2 "(Photo: Kurdistan24)" /
    # "ERBIL (Kurdistan24) – …" / body.
    name="kurdistan24",
    publisher="Kurdistan24",
    bylines=(r"Kurdistan ?24(?: English)?",),
)

AL_ARABIYA = Layout(
    # english.alarabiya.net: section / Title / standfirst / "Al Arabiya English" / Published:
    # 14 July ,2024: 04:22 PM GST / Updated: … / caption / body with "Read more: …" links.
    name="al-arabiya",
    publisher="Al Arabiya",
    datelines=(rf"Published:? {_DAY_MONTH_YEAR}(?::? ?\d{{1,2}}:\d{{2}}.*)?",),
    updates=(rf"Updated:? {_DAY_MONTH_YEAR}(?::? ?\d{{1,2}}:\d{{2}}.*)?",),
    bylines=(r"Al Arabiya(?: English)?",),
    chrome=(r"Read (?:more|also): .{3,250}",),
    footers=(r"Trending Now",),
)

EGYPT_INDEPENDENT = Layout(
    # egyptindependent.com: Title / "Egypt Independent" or author / "16 Jul 2014" / caption
    # / body / "Translated from the Arabic Edition."
    name="egypt-independent",
    publisher="Egypt Independent",
    bylines=(r"(?:Egypt Independent|Al-Masry Al-Youm)",),
    chrome=(r"Translated from the Arabic Edition\.?", r"Edited translation from Al-Masry Al-Youm"),
)

NOW_LEBANON = Layout(
    # nowlebanon.com: "NOW" / section / Title / standfirst / author / date / body.
    name="now-lebanon",
    publisher="NOW Lebanon",
    banners=(r"NOW(?: Lebanon)?",),
    footers=(r"More from NOW", r"Subscribe to our newsletter.*"),
)

THE_NEW_ARAB = Layout(
    # newarab.com (formerly english.alaraby.co.uk): Title / Title / standfirst / "21 min
    # read" / "10 December, 2023" / [caption "… [Getty]"] / body; live stories add
    # "11:36 PM" / "The New Arab Staff" over each entry, and "Live Story" labels. The desk
    # line stands over every live entry, mid-body too: chrome, not a byline.
    name="the-new-arab",
    publisher="The New Arab",
    datelines=(r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+), (?P<year>\d{4})",),
    chrome=(r"The New Arab Staff(?: (?:&|and) Agencies)?", r"Live Story"),
)

ARAB_NEWS = Layout(
    # arabnews.com, arabnews.pk, arabnews.jp: Title / ["1 / 4"] / caption (credit) / Short
    # Url / "Updated 04 June 2018" / [Follow] / ["Arab News" or a writer] / Title [×2] /
    # "  • " key points / "RIYADH: " lede / … Its only printed date is the "Updated" one:
    # kept as when the page last changed, never as its publication.
    name="arab-news",
    publisher="Arab News",
    # A writer is printed in capitals above the date ("RANIA HADDAD" / "May 25, 2021
    # 23:51"); the reader takes a line in capitals for a byline only there (lines.py).
    bylines=(
        r"Arab News(?: Pakistan| Japan)?",
        r"(?P<author>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,3})",
    ),
    chrome=(r"Follow",),
)

_LANGUAGE = (
    r"(?:English|Arabic|Français|French|Kurdish|Kurdî|Sorani|Türkçe|Turkish|Persian|العربية)"
)

GENERIC = Layout(
    # Any outlet's page: the widgets, labels and footers that no story holds.
    name="generic",
    updates=(
        rf"(?:Last Update(?:d)?|Updated)(?: on)?:? (?:{_WEEKDAY},? )?{_MONTH_DAY_YEAR}{_CLOCK}",
        rf"(?:Last Update(?:d)?|Updated)(?: on)?:? (?:{_WEEKDAY},? )?{_DAY_MONTH_YEAR}{_CLOCK}",
    ),
    # A date printed alone on its line: "May 22, 2025", "16 Jul 2014", "Published: …".
    datelines=(
        rf"(?:Published(?: on)?:? )?(?:{_WEEKDAY},? )?{_MONTH_DAY_YEAR}{_CLOCK}",
        rf"(?:Published(?: on)?:? )?(?:{_WEEKDAY},? )?{_DAY_MONTH_YEAR}{_CLOCK}",
    ),
    bylines=(
        r"(?:By|BY|Written by|Reporting by) "
        r"(?P<author>[A-Z][\w'’.-]+(?:,? (?:and |& )?[A-Z][\w'’.-]+){0,5})",
    ),
    chrome=(
        r"Skip to (?:main )?content",
        r"You are here",
        r"Print Friendly, PDF & Email",
        r"Short (?:Url|link):?",
        r"Send in e-mail(?:Send in e-mail)?",
        r"A\+ A-",
        r"A- A\+",
        r"\+ -",
        r"\d+ min(?:ute)?s? read\.?",
        r"Estimated read time \d+ min read",
        r"Share( this)?( article| story| page)?:?",
        r"Share (?:on|via) .{2,40}",
        r"Views?: ?\d[\d,]*",
        r"\d[\d,]* (?i:views?)",
        r"\d[\d,]* (?i:comments?)",
        rf"(?:• ?)?{_LANGUAGE}(?: ?[•|] ?{_LANGUAGE})+",
        rf"• ?{_LANGUAGE}",
        r"Last Update(?:d)?:? .{4,40}",
        r"Updated:? .{4,40}",
        r"Back to top(?: button)?",
        r"Scroll to Top",
        r"(?:Facebook|Twitter|X|WhatsApp|Telegram|LinkedIn|Email|Print|Copy link)"
        r"(?:\s+(?:Facebook|Twitter|X|WhatsApp|Telegram|LinkedIn|Email|Print|Copy link))*",
        r"Follow us on .{2,60}",
        r"Listen to (?:this )?(?:article|story)",
        r"Font size",
        r"Advertisement",
        r"ADVERTISEMENT",
    ),
    footers=(
        r"Related(?: Articles| articles:| Posts?| Stories| News| Topics)?:?",
        r"You May Also Like",
        r"More Stories",
        r"Most Read",
        r"Read more»?",
        r"Leave a Reply",
        r"Post a Comment",
        r"Comments",
        r"Add yours",
        r"Copyright ©.*",
        r"Copyright \d{4}.*",
        r"© ?\d{4}.*",
        r"(?i:.{0,80}all rights reserved\.?)",
        r"The post .+ appeared first on .+\.",
        r"Tags?:.*",
        r"Short link: ?\S+",
        r"Latest news",
    ),
)

LAYOUTS = (
    ASHARQ_AL_AWSAT,
    ASHARQ_AL_AWSAT_2016,
    ASHARQ_AL_AWSAT_ARCHIVE,
    THE_NATIONAL,
    AHRAM_ONLINE,
    NAHARNET,
    SHAFAQ_NEWS,
    RUDAW,
    KURDISTAN24,
    AL_ARABIYA,
    EGYPT_INDEPENDENT,
    NOW_LEBANON,
    THE_NEW_ARAB,
    ARAB_NEWS,
    GENERIC,
)
