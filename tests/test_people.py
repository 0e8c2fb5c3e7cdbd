"""People and organisations in a story's text: each class of wording, with new sentences.
Pure: no database."""

from __future__ import annotations

import pytest

from newsreader.text.people import NameFinder, PersonMention

PLACES = ["Cairo", "Gaza", "Beirut", "Khartoum", "Port Sudan", "Baghdad", "Amman", "Doha"]
OUTLETS = ["Reuters", "Agence France-Presse", "Al Arabiya", "Asharq Al-Awsat"]


@pytest.fixture(scope="module")
def finder() -> NameFinder:
    return NameFinder([*PLACES, *OUTLETS])


def people(finder: NameFinder, *paragraphs: str, title: str = "") -> list[PersonMention]:
    return finder.find(title, list(paragraphs)).people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nationality, role, name
        (
            "Jordanian Foreign Minister Ayman Safadi arrived in Cairo on Sunday.",
            PersonMention("Ayman Safadi", "Foreign Minister", "JO"),
        ),
        # country's possessive, role, name
        (
            "Iraq's Prime Minister Mohammed Shia al-Sudani opened the bridge.",
            PersonMention("Mohammed Shia al-Sudani", "Prime Minister", "IQ"),
        ),
        # an honorific between the role and the name is not part of either
        (
            "Kuwaiti Crown Prince Sheikh Sabah Khalid Al-Sabah received the envoy.",
            PersonMention("Sabah Khalid Al-Sabah", "Crown Prince", "KW"),
        ),
        # an organisation before a lower-case role
        (
            "Hezbollah deputy leader Naim Qassem spoke on television.",
            PersonMention("Naim Qassem", "deputy leader", ""),
        ),
        # apposition after the name
        (
            "Omar Abdel Rahman, Sudan's health minister, said hospitals were full.",
            PersonMention("Omar Abdel Rahman", "health minister", "SD"),
        ),
        (
            "Lina Haddad, a Lebanese economist, said the plan would fail.",
            PersonMention("Lina Haddad", "economist", "LB"),
        ),
        # a role "for" a country
        (
            "UN Special Envoy for Syria Geir Pedersen briefed the council.",
            PersonMention("Geir Pedersen", "Special Envoy for Syria", ""),
        ),
        # "elected X as speaker"
        (
            "Parliament elected Haibat al-Halbousi as speaker on Tuesday.",
            PersonMention("Haibat al-Halbousi", "speaker", ""),
        ),
        # the speaker of a quotation, without a role
        (
            '"We will rebuild," Rania Khoury told Reuters in Beirut.',
            PersonMention("Rania Khoury", "", ""),
        ),
        (
            "The talks would resume next week, according to Karim Mansour.",
            PersonMention("Karim Mansour", "", ""),
        ),
        # an abbreviated honorific, and a role in apposition named by an acronym
        (
            "Dr. Hanan Balkhy, the WHO regional director, said clinics had closed.",
            PersonMention("Hanan Balkhy", "WHO regional director", ""),
        ),
        # a first name that is also a country's name
        (
            "Israeli Defense Minister Israel Katz ordered the strike.",
            PersonMention("Israel Katz", "Defense Minister", "IL"),
        ),
        # a role "of" something
        (
            "US Secretary of State Marco Rubio landed in Doha.",
            PersonMention("Marco Rubio", "Secretary of State", "US"),
        ),
        # the role before the name, set off by commas
        (
            "The Tunisian president, Kais Saied, dissolved the council.",
            PersonMention("Kais Saied", "president", "TN"),
        ),
        # a monarch: one name and a regnal number
        (
            "Morocco's King Mohammed VI pardoned the journalists.",
            PersonMention("Mohammed VI", "King", "MA"),
        ),
        # a nationality inside the role
        (
            "Former Iraqi MP Sarah Jabbar resigned from the bloc.",
            PersonMention("Sarah Jabbar", "Former Iraqi MP", "IQ"),
        ),
        # a religious title is not part of the name
        (
            "Grand Ayatollah Ali al-Sistani urged calm.",
            PersonMention("Ali al-Sistani", "", ""),
        ),
        # a particle inside the name
        (
            "Saudi Crown Prince Mohammed bin Salman met the delegation.",
            PersonMention("Mohammed bin Salman", "Crown Prince", "SA"),
        ),
        # a ministry's portfolios joined by "and" are the role, not the name's first word
        (
            "Oman's Minister of Foreign Affairs and Expatriates Salim al-Habsi flew to Tehran.",
            PersonMention("Salim al-Habsi", "Minister of Foreign Affairs and Expatriates", "OM"),
        ),
        (
            "Minister of Labour and Social Development Wafa Bani Mustafa opened the centre.",
            PersonMention("Wafa Bani Mustafa", "Minister of Labour and Social Development", ""),
        ),
        (
            "Deputy Minister of Fisheries Nabil Saeed toured the harbour in Mukalla.",
            PersonMention("Nabil Saeed", "Deputy Minister of Fisheries", ""),
        ),
        # a role's head, then what it is of, for or to, names and all
        (
            "The commander of the Coastal Shield Brigades Salem Bouzid toured the port.",
            PersonMention("Salem Bouzid", "commander of the Coastal Shield Brigades", ""),
        ),
        (
            "Kuwait's Ambassador to Jordan Hamad al-Mutairi presented his credentials.",
            PersonMention("Hamad al-Mutairi", "Ambassador to Jordan", "KW"),
        ),
        (
            "Egypt's Ambassador to Saudi Arabia Ihab Fouad laid a wreath.",
            PersonMention("Ihab Fouad", "Ambassador to Saudi Arabia", "EG"),
        ),
        (
            "The EU envoy to Libya, Marta Lindqvist, briefed the council.",
            PersonMention("Marta Lindqvist", "envoy to Libya", ""),
        ),
        (
            "Bahrain's Minister of State for Communications Nour al-Jalahma spoke first.",
            PersonMention("Nour al-Jalahma", "Minister of State for Communications", "BH"),
        ),
        (
            "Ilya Petrov, Deputy Speaker of the Federation Council, arrived in Damascus.",
            PersonMention("Ilya Petrov", "Deputy Speaker of the Federation Council", ""),
        ),
        (
            "The head of the Supreme Transitional Council, Jamal Idris, said talks would go on.",
            PersonMention("Jamal Idris", "head of the Supreme Transitional Council", ""),
        ),
        (
            "Hamad Saif al-Kaabi, Deputy Prime Minister for Defence Affairs, opened the show.",
            PersonMention("Hamad Saif al-Kaabi", "Deputy Prime Minister for Defence Affairs", ""),
        ),
        (
            "Speaker of the Libyan parliament Youssef Agouri rejected the budget.",
            PersonMention("Youssef Agouri", "Speaker of the Libyan parliament", ""),
        ),
        (
            "Talks with the leader of the movement, Salah Kadri, broke down.",
            PersonMention("Salah Kadri", "leader of the movement", ""),
        ),
        # a counterpart set off by commas, and the one who leads
        (
            "Safadi hosted his Tunisian counterpart, Nabil Ammar, in Amman.",
            PersonMention("Nabil Ammar", "", "TN"),
        ),
        (
            "A delegation headed by Karim Haddad reached Damascus on Monday.",
            PersonMention("Karim Haddad", "", ""),
        ),
        (
            "The agency's Commissioner-General Pieter Maes said funds had run out.",
            PersonMention("Pieter Maes", "Commissioner-General", ""),
        ),
        # a title that is a given name, before "bin"
        (
            "Oman's Minister of Energy Sultan bin Hamad al-Rawas toured the field.",
            PersonMention("Sultan bin Hamad al-Rawas", "Minister of Energy", "OM"),
        ),
        # a former office in one word, after a verb
        (
            "Officials said Nasrallah would meet ex-president Karim Zein on Friday.",
            PersonMention("Karim Zein", "ex-president", ""),
        ),
        # two offices joined by "and"
        (
            "Deputy Prime Minister and Minister of Foreign Affairs Sheikh Salem Jaber Al-Sabah"
            " received the envoy.",
            PersonMention(
                "Salem Jaber Al-Sabah", "Deputy Prime Minister and Minister of Foreign Affairs", ""
            ),
        ),
        # honorifics as other outlets spell them
        (
            "Shaikh Khalid bin Ahmed Al Khalifa received the delegation.",
            PersonMention("Khalid bin Ahmed Al Khalifa", "", ""),
        ),
        # a first name that is a country's, after the role set off by a comma
        (
            "The defence minister, Israel Katz, said the army would widen the operation.",
            PersonMention("Israel Katz", "defence minister", ""),
        ),
    ],
)
def test_a_person_is_found_with_role_and_country_as_the_text_gives_them(finder, text, expected):
    assert people(finder, text) == [expected]


def test_a_verb_before_the_role_is_not_part_of_it(finder):
    found = people(
        finder,
        "French President Emmanuel Macron welcomes Iraqi Prime Minister Mohammed Shia "
        "al-Sudani at the Elysee.",
    )
    assert PersonMention("Mohammed Shia al-Sudani", "Prime Minister", "IQ") in found
    found = people(
        finder,
        "The president dissolved the cabinet, entrusting Oil Minister Tarek Fahmy with a new one,"
        " and thanked acting Finance Minister Laila Saad.",
    )
    assert [(p.name, p.role) for p in found] == [
        ("Tarek Fahmy", "Oil Minister"),
        ("Laila Saad", "acting Finance Minister"),
    ]


def test_a_surname_alone_later_is_the_same_person(finder):
    found = people(
        finder,
        "Egyptian Foreign Minister Badr Abdelatty arrived in Doha.",
        "Abdelatty said the crossing would open. Badr Abdelatty added that aid was ready.",
    )
    assert found == [PersonMention("Badr Abdelatty", "Foreign Minister", "EG")]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            [
                "Benjamin Netanyahu has faced weeks of protests.",
                "Netanyahu said the operation would continue.",
            ],
            PersonMention("Benjamin Netanyahu"),
        ),
        # the surname may drop its article when it speaks alone
        (
            [
                "Waleed al-Rubaie chaired the session until late in the evening.",
                "Rubaie said the vote would be held on Thursday.",
            ],
            PersonMention("Waleed al-Rubaie", "", ""),
        ),
    ],
)
def test_a_full_name_without_a_cue_is_a_person_when_its_surname_speaks(
    finder, paragraphs, expected
):
    assert people(finder, *paragraphs) == [expected]


def test_a_verb_after_the_comma_is_no_role(finder):
    found = people(finder, "Salma Idris, received by the king, thanked him.")
    assert all(person.role == "" for person in found)


def test_a_father_named_in_a_son_s_name_is_still_someone_else(finder):
    found = people(finder, "Crown Prince Hussein bin Abdullah II stood beside King Abdullah II.")
    assert found == [
        PersonMention("Hussein bin Abdullah II", "Crown Prince", ""),
        PersonMention("Abdullah II", "King", ""),
    ]


def test_an_organisation_s_name_inside_a_person_s_is_no_organisation(finder):
    named = finder.find("", ["President Abdel Fatah al-Sisi received the delegation."])
    assert named.organisations == []
    named = finder.find("", ["Abdel Fatah al-Sisi met a Fatah delegation in Cairo."])
    assert named.organisations == ["Fatah"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of people, said to be one
        (
            "The new council's members include Hamid Tayeb, Yasser Omar and Fadwa Salem.",
            ["Hamid Tayeb", "Yasser Omar", "Fadwa Salem"],
        ),
        # a name joined to a person's after it
        (
            "Prime Minister Nawaf Khatib and Walid Haddad toured the port.",
            ["Nawaf Khatib", "Walid Haddad"],
        ),
        # ... but not a modifier's group, nor the first words of an office
        ("President Ali Nasser and Tehran-aligned Houthis clashed again.", ["Ali Nasser"]),
        (
            "Sheikh Hamdan bin Zayed, Abu Dhabi Crown Prince, attended the race.",
            ["Hamdan bin Zayed"],
        ),
        # ... while a person's possessive before an office stays a person
        ("Prime Minister Karim Nadir's Cabinet resigned on Saturday.", ["Karim Nadir"]),
        # a list after a plural office
        (
            "Council members Tarek Saleh and Lina Haddad walked out of the session.",
            ["Tarek Saleh", "Lina Haddad"],
        ),
        (
            "Two members of the transitional council, Omar Nasr and Huda Jaber, resigned.",
            ["Omar Nasr", "Huda Jaber"],
        ),
        (
            "The spokesmen, Idris Bakr and Salma Tahir, gave no figures.",
            ["Idris Bakr", "Salma Tahir"],
        ),
        # ... but not what an office is "of"
        ("Navy boats reached the crew members of the Gulf Falcon before dawn.", []),
    ],
)
def test_the_names_of_a_list_of_people_are_people(finder, text, expected):
    assert [person.name for person in people(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a given name (gender-guesser's lexicon) opens it
        ("Talks with Ursula Lindqvist ended without a deal.", ["Ursula Lindqvist"]),
        ("Relations soured long before Bashar al-Assad fell.", ["Bashar al-Assad"]),
        # ... but not a ship's, a place's or a company's name, nor a photo's credit
        ("The tanker Selma Harvest caught fire off Hodeidah.", []),
        ("Residents of Ain Qadous fled the shelling.", []),
        ("Deliveries begin at a terminal near Ho Chi Minh City.", []),
        ("Rescuers search the rubble (AP Photo/Nadia Karimi)", []),
        ("A crane at the port. Photo: Omar Salehi/AFP", []),
        # a name opening with a word the lexicon does not know stays uncued
        ("Talks with Zorblat Quennick ended without a deal.", []),
    ],
)
def test_a_name_nothing_cues_is_a_person_s_where_it_reads_as_one(finder, text, expected):
    assert [person.name for person in people(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel Katz said the troops would stay in the buffer zone.", ["Israel Katz"]),
        (
            "Jordan Bardella, the leader of the National Rally, called for a vote.",
            ["Jordan Bardella"],
        ),
        ("Planning Minister Rania Saadeh met the lenders in Amman.", ["Rania Saadeh"]),
        ("Rashid Kamal, the national team coach, praised the players.", ["Rashid Kamal"]),
        # after "bin" a place's name is a father's, read with his son's
        (
            "Sheikh Mohammed bin Rashid Al Maktoum, the ruler of Dubai, opened the fair.",
            ["Mohammed bin Rashid Al Maktoum"],
        ),
        # ... and after "for" or "in" a place is the place
        ("The UN Envoy for Rania Hans Lindqvist said talks would resume.", ["Hans Lindqvist"]),
        # an outlet named after its place is no person, nor a place before a name uncued
        ("Sudan Tribune said the army had advanced.", []),
        ("Flights from Rania Airport resumed on Sunday.", []),
    ],
)
def test_a_given_name_that_is_also_a_place_s_is_a_name_where_a_person_is_said(text, expected):
    """Israel, Jordan, Rania and Rashid are places and given names: the words around tell
    which."""
    finder = NameFinder([*PLACES, *OUTLETS, "Rania", "Rashid"])
    assert [person.name for person in people(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # name, office, name, office: the office before a comma may be the last name's
        (
            "Attending were Sayyid Faisal bin Turki, Foreign Minister, Salem bin Nasser"
            " al-Aufi, Minister of Finance, and Qais bin Yousef, Minister of Commerce.",
            [
                ("Faisal bin Turki", "Foreign Minister"),
                ("Salem bin Nasser al-Aufi", "Minister of Finance"),
                ("Qais bin Yousef", "Minister of Commerce"),
            ],
        ),
        # appointments: the office after "as" is the one given
        (
            "The decree names Fadi Kassem as Minister of Water Resources, Rami Haddad as"
            " Minister of Higher Education and Scientific Research and Omar Nabulsi as"
            " Minister of Economy.",
            [
                ("Fadi Kassem", "Minister of Water Resources"),
                ("Rami Haddad", "Minister of Higher Education and Scientific Research"),
                ("Omar Nabulsi", "Minister of Economy"),
            ],
        ),
    ],
)
def test_in_a_list_of_names_and_offices_each_office_is_its_own_name_s(finder, text, expected):
    assert [(p.name, p.role) for p in people(finder, text)] == expected


def test_a_person_s_name_and_an_organisation_s_are_each_their_own(finder):
    named = finder.find(
        "",
        [
            "Former President Adel Rahmeh and Popular Renewal Movement supporters marched.",
            "The King Salman Humanitarian Aid and Relief Center sent tents.",
        ],
    )
    assert [person.name for person in named.people] == ["Adel Rahmeh"]
    assert named.organisations == [
        "Popular Renewal Movement",
        "King Salman Humanitarian Aid and Relief Center",
    ]


def test_two_people_joined_by_and_are_both_found(finder):
    found = people(finder, "Vladimir Putin and Recep Tayyip Erdogan agreed on a truce.")
    assert {p.name for p in found} == {"Vladimir Putin", "Recep Tayyip Erdogan"}


@pytest.mark.parametrize(
    "text",
    [
        # places, outlets and organisations that look like names
        "Port Sudan said the airport had reopened.",
        "Al Arabiya said the convoy had arrived.",
        "Islamic Jihad said it fired the rockets.",
        "The White House said talks were under way.",
        "The Health Ministry said 12 people died.",
        # a headline's capitals
        "Talks Aim to Bridge Gaps in Gaza",
        # one word alone is never a person
        "Abdelatty said the crossing would open.",
        # capitalised words with no cue
        "Displaced families returned to Khan Younis Camp on Monday.",
    ],
)
def test_no_person_is_made_of_words_that_are_not_one(finder, text):
    assert people(finder, text) == []


def test_a_headline_gives_no_people_but_its_organisations_count(finder):
    found = finder.find("New Speaker Promises Quick Vote as Hamas Talks Stall", [])
    assert found.people == []
    assert found.organisations == ["Hamas"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hizbollah fighters withdrew.", ["Hezbollah"]),
        ("The IMF and the World Bank met.", ["International Monetary Fund", "World Bank"]),
        ("The UN Security Council voted.", ["UN Security Council"]),
        ("WHO warned of cholera.", ["World Health Organization"]),
        ("Who warned of cholera?", []),
        ("Fighters of Daesh and ISIS are one group.", ["Islamic State"]),
        # an organisation the story defines, then names by its acronym
        (
            "The Sudan Liberation Movement (SLM) joined the talks. The SLM said it would sign.",
            ["Sudan Liberation Movement"],
        ),
        # a news outlet is a source, not an organisation
        ("The Saudi Press Agency (SPA) reported the visit.", []),
    ],
)
def test_organisations_are_found_under_their_usual_names(text, expected):
    finder = NameFinder(["Saudi Press Agency", "SPA"])
    assert sorted(finder.find("", [text]).organisations) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title of office is not a person; the name after it is.
        (
            "Custodian of the Two Holy Mosques King Salman bin Abdulaziz received the envoy.",
            [PersonMention("Salman bin Abdulaziz", "King", "")],
        ),
        # A rank after the office is not part of the role.
        (
            "Saudi Energy Minister Prince Abdulaziz bin Salman said output would rise.",
            [PersonMention("Abdulaziz bin Salman", "Energy Minister", "SA")],
        ),
        # "counterpart" says who a person is to someone, not their office.
        (
            "Safadi met his Egyptian counterpart Badr Abdelatty in Amman.",
            [PersonMention("Badr Abdelatty", "", "EG")],
        ),
        # A portfolio is an office's, never a person's name.
        ("Social Development said in a statement that 300 families were housed.", []),
        ("Public Prosecution said the two suspects would be held for four days.", []),
        # Places are never people, whatever their words.
        ("Investments Park said it would reopen its gates on Monday.", []),
        ("Residents of Al Jadida told Reuters the water had receded.", []),
        (
            "Governor Fahd Ali opened the King Fahd Causeway lanes.",
            [PersonMention("Fahd Ali", "Governor", "")],
        ),
    ],
)
def test_titles_ranks_and_places_are_not_people(finder, text, expected):
    assert people(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Coordination Framework, a bloc of Shiite parties, named its candidate.",
            ["Coordination Framework"],
        ),
        ("Deputies of the Sovereignty Alliance walked out.", ["Sovereignty Alliance"]),
        ("The National Salvation Front called a strike.", ["National Salvation Front"]),
    ],
)
def test_blocs_alliances_and_fronts_are_organisations_by_their_shape(finder, text, expected):
    assert finder.find("", [text]).organisations == expected


def test_a_headline_s_capitals_make_no_organisation(finder):
    assert finder.find("Opposition Front Rejects Deal", ["It said no."]).organisations == []
