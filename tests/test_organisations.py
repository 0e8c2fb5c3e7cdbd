"""Organisations in a story's text, beyond the reference list: each shape of name, the
acronyms a story defines, the spellings that are one organisation, and the words that look
like a name and are not one. New sentences, none from the labelled set; then the labelled
set's held-out part (tests/data/organisations_dev), and storage keeping one row for one
organisation written several ways."""

from __future__ import annotations

import pytest

from bench.organisations import not_names, score
from newsreader.models import Organisation
from newsreader.text.name_words import name_key
from newsreader.text.organisation_list import ORGANISATIONS
from newsreader.text.organisations import Organisations
from newsreader.text.people import NameFinder
from tests.conftest import ingest

# The team's target is 0.90 on its hidden set; the held-out part must stay above this.
HELD_OUT_FLOOR = 0.85


@pytest.fixture(scope="module")
def organisations() -> Organisations:
    return Organisations(ORGANISATIONS)


def found(organisations: Organisations, *paragraphs: str, title: str = "") -> list[str]:
    body = list(paragraphs)
    return organisations.find([title, *body] if title else body, body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies of the National Wisdom Movement left.", ["National Wisdom Movement"]),
        ("The Democratic Union Party called a rally in Qamishli.", ["Democratic Union Party"]),
        ("Members of the Reform and Development Bloc abstained.", ["Reform and Development Bloc"]),
        ("The Islamic Action Front won 31 seats.", ["Islamic Action Front"]),
        # a known name before a kind of its own is another organisation
        ("He joined the Fatah Alliance in 2018.", ["Fatah Alliance"]),
        ("The Azm Coalition said it would back the budget.", ["Azm Coalition"]),
    ],
)
def test_parties_movements_blocs_fronts_and_alliances(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Supreme Judicial Council postponed it.", ["Supreme Judicial Council"]),
        ("The Higher Committee for Refugee Affairs met.", ["Higher Committee for Refugee Affairs"]),
        ("The Capital Markets Authority fined two brokers.", ["Capital Markets Authority"]),
        ("The Emirates Space Agency launched a satellite.", ["Emirates Space Agency"]),
        ("The Independent Electoral Commission counts.", ["Independent Electoral Commission"]),
    ],
)
def test_councils_committees_authorities_agencies_and_commissions(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ministry of Health said 40 were treated.", ["Ministry of Health"]),
        (
            "The Saudi Foreign Ministry condemned it.",
            ["Ministry of Foreign Affairs (Saudi Arabia)"],
        ),
        ("Egypt's Health Ministry opened a field hospital.", ["Ministry of Health (Egypt)"]),
        ("The Jordanian Ministry of the Interior closed it.", ["Ministry of Interior (Jordan)"]),
        (
            "Qatar's foreign ministry said talks would resume.",
            ["Ministry of Foreign Affairs (Qatar)"],
        ),
        ("The health ministry in Gaza said 19 were killed.", ["Ministry of Health (Gaza)"]),
        # a ministry's name ends with its portfolio, not with the person after it
        ("An aide at the Ministry of Energy Khalid Omar spoke.", ["Ministry of Energy"]),
        # a portfolio listed with commas
        (
            "Oman's Ministry of Transport, Communications and Information Technology said so.",
            ["Ministry of Transport, Communications and Information Technology (Oman)"],
        ),
    ],
)
def test_ministries_in_every_wording(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Martyrs of Idlib Brigade withdrew.", ["Martyrs of Idlib Brigade"]),
        ("The 51st Battalion was sent to Sirte.", ["51st Battalion"]),
        ("The Quwat al-Ridha Forces denied it.", ["Quwat al-Ridha Forces"]),
    ],
)
def test_brigades_battalions_and_forces(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Jordanian Nurses Union announced a strike.", ["Jordanian Nurses Union"]),
        ("The Kuwait Bar Association filed the appeal.", ["Kuwait Bar Association"]),
        ("The Pharmacists Syndicate closed its offices.", ["Pharmacists Syndicate"]),
        ("The Arab Federation of Exchanges met in Muscat.", ["Arab Federation of Exchanges"]),
    ],
)
def test_unions_associations_syndicates_and_federations(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of Gulf Navigation Holding fell.", ["Gulf Navigation Holding"]),
        ("The deal went to Hassan Allam Construction Co.", ["Hassan Allam Construction Co"]),
        ("Nile Cotton Corp said sales rose.", ["Nile Cotton Corp"]),
        ("Arabian Drilling Group won the tender.", ["Arabian Drilling Group"]),
        (
            "Bank Audi and Commercial Bank of Dubai lent it.",
            ["Bank Audi", "Commercial Bank of Dubai"],
        ),
        ("Kuwait Airways cancelled the flight.", ["Kuwait Airways"]),
        ("It hired Algerian Petroleum Institute graduates.", ["Algerian Petroleum Institute"]),
    ],
)
def test_companies_by_the_word_that_ends_their_name(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel's Supreme Court heard the petition.", ["Supreme Court (Israel)"]),
        ("Iraq's parliament voted on the budget.", ["Parliament (Iraq)"]),
        ("The Jordanian House of Representatives voted.", ["House of Representatives (Jordan)"]),
        ("The Cairo Economic Court jailed him.", ["Cairo Economic Court"]),
        ("The Arab Parliament met in Cairo.", ["Arab Parliament"]),
    ],
)
def test_courts_parliaments_and_assemblies(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Students at Birzeit University went on strike.", ["Birzeit University"]),
        ("The University of Baghdad reopened.", ["University of Baghdad"]),
        (
            "The Lebanese American University in Beirut met.",
            ["Lebanese American University in Beirut"],
        ),
        ("He graduated from Yarmouk University in 1990.", ["Yarmouk University"]),
    ],
)
def test_universities(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials
        (
            "The Arab Organization for Industrialization (AOI) said the AOI would bid.",
            ["Arab Organization for Industrialization"],
        ),
        # letters from a word's start, and minor words; not the UN besides
        (
            "The UN Verification and Inspection Mechanism (UNVIM) cleared the ship.",
            ["UN Verification and Inspection Mechanism"],
        ),
        # an acronym in another language, after a name of a known shape
        ("The Democratic Regions Party (DBP) joined the talks.", ["Democratic Regions Party"]),
        # names the shapes do not know, spelled out by their acronym
        (
            "The Sudanese Professionals Association (SPA) marched.",
            ["Sudanese Professionals Association"],
        ),
        (
            "The Kurdish Peshmerga Command Unit (KPCU) denied it.",
            ["Kurdish Peshmerga Command Unit"],
        ),
        # ... but not a deal, a dam or a fund's facility that an acronym spells out
        ("Work began under a Joint Water Sharing Agreement (JWSA) on Monday.", []),
        ("Talks on filling the Grand Renaissance Dam (GRD) resumed.", []),
        (
            "The IMF approved a 36-month Extended Fund Facility for Jordan.",
            ["International Monetary Fund"],
        ),
    ],
)
def test_a_name_followed_by_its_acronym_in_brackets(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supporters of the Nasr al-Watan party gathered.", ["Nasr al-Watan"]),
        ("Saudi drone maker Intra Defense signed the deal.", ["Intra Defense"]),
        ("Abu Dhabi-based Presight won the contract.", ["Presight"]),
        # ... and a day or a month after it is no part of its name
        ("He told the state-owned Nour Radio on Tuesday that talks went well.", ["Nour Radio"]),
        ("The Doha-based Qamar Logistics in March doubled its fleet.", ["Qamar Logistics"]),
    ],
)
def test_words_around_a_name_that_make_it_an_organisation(organisations, text, expected):
    assert found(organisations, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an acronym said as a word, written as a name
        ("Nato said the drills would go ahead.", ["NATO"]),
        ("Fifa awarded the tournament to Morocco.", ["FIFA"]),
        ("Who said the outbreak was over?", []),
        # an organisation that a modifier names as an actor, not as whose a place is
        ("A NATO-backed uprising toppled him.", ["NATO"]),
        ("The UN-brokered truce held through Friday.", ["United Nations"]),
        ("The Houthi-held port reopened.", []),
    ],
)
def test_acronyms_said_as_words_and_organisations_in_modifiers(organisations, text, expected):
    assert found(organisations, text) == expected


def test_a_state_s_armed_forces_that_the_reference_list_names_go_by_its_name(organisations):
    names = found(organisations, "The Israeli military said it struck a depot near Sidon.")
    assert names == ["Israel Defense Forces"]


def test_a_known_name_after_a_creed_is_the_known_organisation(organisations):
    assert found(organisations, "The Shiite Amal Movement walked out.") == ["Amal Movement"]


def test_an_acronym_and_its_name_are_one_organisation(organisations):
    names = found(
        organisations,
        "The Libyan Investment Authority (LIA) asked for its assets back.",
        "The LIA said the Libyan Investment Authority had lost $1bn.",
    )
    assert names == ["Libyan Investment Authority"]


def test_a_ministry_named_three_ways_in_one_story_is_one(organisations):
    names = found(
        organisations,
        "Egypt's Health Ministry said 12 people were hurt.",
        "The Egyptian Ministry of Health sent ambulances, and the Health Ministry later "
        "raised the toll.",
    )
    assert names == ["Ministry of Health (Egypt)"]


def test_a_ministry_without_its_state_is_dropped_when_two_states_are_named(organisations):
    names = found(
        organisations,
        "Jordan's Foreign Ministry and Egypt's Foreign Ministry spoke. The Foreign Ministry "
        "in Amman said more.",
    )
    assert names == ["Ministry of Foreign Affairs (Jordan)", "Ministry of Foreign Affairs (Egypt)"]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # with and without its nationality
        (
            [
                "The Sudanese Transitional Reform Council met in Port Sudan.",
                "The Transitional Reform Council said talks would resume.",
            ],
            ["Transitional Reform Council"],
        ),
        # the country's name and its adjective
        (
            [
                "The Qatar Maritime Rescue Authority sent two boats.",
                "The Qatari Maritime Rescue Authority later said all were safe.",
            ],
            ["Qatar Maritime Rescue Authority"],
        ),
        # with and without its kind
        (
            ["The Wafd Party said it would join.", "Wafd officials named three candidates."],
            ["Wafd Party"],
        ),
        # two states' namesakes are two
        (
            ["The Jordanian Communist Party and the Iraqi Communist Party signed it."],
            ["Jordanian Communist Party", "Iraqi Communist Party"],
        ),
    ],
)
def test_one_organisation_named_two_ways_is_one(organisations, paragraphs, expected):
    assert found(organisations, *paragraphs) == expected


@pytest.mark.parametrize(
    "spellings",
    [
        ["the National Defence Council", "National Defense Council"],
        ["the Arab Organisation for Tourism", "Arab Organization for Tourism"],
        ["Al-Amal Brigade", "al-Amal Brigade"],
        ["the Foreign Ministry", "Ministry of Foreign Affairs"],
        ["Ministry of the Interior", "Interior Ministry"],
    ],
)
def test_spellings_of_one_organisation_are_one_name_across_stories(organisations, spellings):
    names = [found(organisations, f"{spelling} said it would act.") for spelling in spellings]
    assert all(len(n) == 1 for n in names)
    assert len({name_key(n[0]) for n in names}) == 1


@pytest.mark.parametrize(
    "text",
    [
        # titles of people
        "Foreign Minister Ahmed Attaf met the envoy.",
        "Parliament Speaker Nabih Berri called a session.",
        "Kuwaiti Petroleum Minister Tareq Al-Roumi spoke.",
        "Prime Minister-designate Ali Hassan held talks.",
        # places
        "Ships avoided the Red Sea and the Gaza Strip was shelled.",
        "Settlers attacked villages in the West Bank and Gaza.",
        "He was treated at Cairo University Hospital.",
        # an agreement named after its kind
        "Baghdad and Washington reviewed the Strategic Framework Agreement.",
        "The Coalition Accord signed in Doha did not hold.",
        # capitals that start a sentence
        "Opposition parties said they would boycott.",
        "Meanwhile, security forces closed the road.",
        "Neither company commented.",
        # generic words
        "The ministry said the council would meet, and parliament voted.",
        "The army said a committee would look into it.",
        "The health ministry said 12 people died.",
        "The Egyptian ministry said talks went well.",
        "Russia's military bases in Syria will stay.",
        # a state's forces or government
        "Israeli Forces raided the camp; the Syrian Government denied it.",
        # a news agency, and its credit
        "The Saudi Press Agency reported the visit (SPA).",
        # an acronym that spells out a measure, not an organisation
        "Gross Domestic Product (GDP) grew 3 percent.",
        # a photo's credit at the end of a caption
        "Soldiers stand guard in Tyre, 2 March 2026 (Lebanese Presidency)",
    ],
)
def test_words_that_look_like_an_organisation_and_are_not(organisations, text):
    assert found(organisations, text) == []


def test_a_headline_s_capitals_make_no_organisation_by_shape(organisations):
    assert found(organisations, "It said no.", title="Opposition Front Rejects Deal") == []


@pytest.mark.parametrize("part", [2, 1])
def test_the_labelled_set_stays_above_the_floor(part):
    """Part 2 was held out while the rules were written on part 1; part 1 while they were
    extended on part 2 (docs/threads.md, "Organisations")."""
    result = score(part, NameFinder(not_names()))
    assert result.precision >= HELD_OUT_FLOOR, result.false_finds
    assert result.recall >= HELD_OUT_FLOOR, result.misses


STORY = """{title}

{title}

{body}
"""


@pytest.mark.django_db
def test_one_organisation_written_three_ways_in_three_stories_is_one_row(tmp_path):
    bodies = [
        "Egypt's Health Ministry said on Monday that 14 people were hurt in the fire.",
        "The Egyptian Ministry of Health said on Tuesday that the toll had risen to 20.",
        "Egypt's health ministry said on Wednesday that the hospital would reopen.",
    ]
    for number, body in enumerate(bodies):
        title = f"Fire in Giza Factory, Day {number + 1} of Inquiry"
        (tmp_path / f"{number}.txt").write_text(
            STORY.format(title=title, body=body), encoding="utf-8"
        )
    ingest(tmp_path, workers=0)
    assert list(Organisation.objects.values_list("name", flat=True)) == [
        "Ministry of Health (Egypt)"
    ]
    assert Organisation.objects.get().article_links.count() == 3
