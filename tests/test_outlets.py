"""Photo credits and cited sources: pure functions, no database."""

import pytest

from newsreader.ingest.outlets import split_credit


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("People gather in Gaza (AFP)", ("People gather in Gaza", "AFP", "")),
        ("Flooding in Ksar el-Kebir. (EPA)", ("Flooding in Ksar el-Kebir.", "EPA", "")),
        (
            "Patients wait. Photo: Abed Rahim Khatib/dpa",
            ("Patients wait.", "dpa", "Abed Rahim Khatib"),
        ),
        ("A market in Sanaa (Reuters)", ("A market in Sanaa", "Reuters", "")),
        ("A port (Photo: Jane Doe/AFP)", ("A port", "AFP", "Jane Doe")),
        ("The minister (C) speaks (AP Photo)", ("The minister (C) speaks", "AP", "")),
        ("A rally in Amman (file photo)", ("A rally in Amman (file photo)", "", "")),
        ("Talks resumed (in 2024)", ("Talks resumed (in 2024)", "", "")),
        ("A plain sentence.", ("A plain sentence.", "", "")),
        # The wire services' own formats: the agency, then the photographer...
        (
            "Smoke rises over Khan Younis after a strike. REUTERS/Hatem Khaled",
            ("Smoke rises over Khan Younis after a strike.", "REUTERS", "Hatem Khaled"),
        ),
        (
            "A woman walks past rubble in Aleppo. Reuters/Mahmoud Hassano",
            ("A woman walks past rubble in Aleppo.", "Reuters", "Mahmoud Hassano"),
        ),
        (
            "Rescuers search the rubble in Latakia EPA-EFE/YAHYA NEMAH",
            ("Rescuers search the rubble in Latakia", "EPA-EFE", "YAHYA NEMAH"),
        ),
        (
            "Protesters gather on Habib Bourguiba Avenue (AP Photo/Hassene Dridi)",
            ("Protesters gather on Habib Bourguiba Avenue", "AP", "Hassene Dridi"),
        ),
        # ...or the photographer, then the agency...
        (
            "Displaced families queue for water in Darfur. Ebrahim Hamid/AFP",
            ("Displaced families queue for water in Darfur.", "AFP", "Ebrahim Hamid"),
        ),
        (
            "Mourners in Jenin (Photo by Ahmad al-Rubaye/Getty Images)",
            ("Mourners in Jenin", "Getty Images", "Ahmad al-Rubaye"),
        ),
        # ...and agencies beyond the reference list.
        (
            "Crowds line the Corniche in Abu Dhabi (WAM)",
            ("Crowds line the Corniche in Abu Dhabi", "WAM", ""),
        ),
        (
            "The emir receives the envoy in Bayan (KUNA)",
            ("The emir receives the envoy in Bayan", "KUNA", ""),
        ),
        (
            "Feluccas on the Nile at Aswan (Getty Images)",
            ("Feluccas on the Nile at Aswan", "Getty Images", ""),
        ),
        # A slash inside a sentence is not a credit.
        ("Trade between the US/EU grows", ("Trade between the US/EU grows", "", "")),
        ("Votes split 50/50 in the chamber", ("Votes split 50/50 in the chamber", "", "")),
        ("The UN/WHO team arrives in Sanaa", ("The UN/WHO team arrives in Sanaa", "", "")),
        ("Aid delivered by the UN/WHO", ("Aid delivered by the UN/WHO", "", "")),
    ],
)
def test_split_credit(line, expected):
    assert split_credit(line) == expected


@pytest.mark.parametrize(
    ("sentence", "cited"),
    [
        ("A White House official told AFP on Thursday.", ["afp"]),
        ("He told Asharq Al-Awsat that the talks would go on.", ["asharq-al-awsat"]),
        ("A resident told Reuters by phone.", ["reuters"]),
        ("The toll rose, according to SANA.", ["sana"]),
        ("The toll rose, according to the Syrian Arab News Agency.", ["sana"]),
        ("It said in a statement carried by the state news agency SANA.", ["sana"]),
        ("A report published by the Saudi Press Agency said so.", ["spa"]),
        ("Al Jazeera reported that the crossing was shut.", ["al-jazeera"]),
        ("State TV Al Oula showed a helicopter.", ["al-aoula"]),
        # Names match in any case and with a hyphen or spaces between words...
        ("The toll rose, according to agence france presse.", ["afp"]),
        ("The toll rose, according to AL-JAZEERA.", ["al-jazeera"]),
        ("The toll rose, according to the Syrian  Arab News-Agency.", ["sana"]),
        # ...the longest name at a place wins over a shorter one it starts with ("Anadolu
        # Agency", not "Anadolu", is what "reported" follows)...
        ("Anadolu Agency reported the strike.", ["anadolu"]),
        # ...and each citation is found, in order.
        ("Reuters reported it, and a source told AFP.", ["reuters", "afp"]),
        # The phrasings of agency copy and of interviews.
        ("The Kuwait News Agency (KUNA) reported that the emir met the envoy.", ["kuna"]),
        ("The official SANA news agency said nine people were killed.", ["sana"]),
        ("In remarks to Asharq Al-Awsat, the minister ruled out a delay.", ["asharq-al-awsat"]),
        ("Officials who spoke to Asharq Al-Awsat said the plan stood.", ["asharq-al-awsat"]),
        ("A diplomat confirmed to Reuters that the round had ended.", ["reuters"]),
        # The regional press, broadcasters and wires beyond the first 41 sources.
        ("Egypt's Al-Ahram reported that the crossing would reopen.", ["al-ahram"]),
        ("The Lebanese daily An-Nahar quoted a minister as saying so.", ["an-nahar"]),
        ("Hezbollah's Al-Manar television said two drones were downed.", ["al-manar"]),
        ("Iran's Mehr news agency reported the arrests.", ["mehr"]),
        ("A spokesman told Rudaw that the vote would go ahead.", ["rudaw"]),
        ("The Houthi-run SABA news agency said the port was hit.", ["saba"]),
        ("Israel's Army Radio reported the call-up.", ["army-radio"]),
        ("A senior official told the Guardian the deal was close.", ["guardian"]),
    ],
)
def test_citations_are_recognised(outlets, sentence, cited):
    assert outlets.cited_in([sentence]) == cited


@pytest.mark.parametrize(
    "sentence",
    [
        "The spa town drew visitors.",
        "AFP and Reuters journalists were among those at the scene.",
        "He was a map enthusiast.",
        # Short all-capital names match only as written.
        "The toll rose, according to sana.",
        "A rumour, according to Spa staff.",
        # A one-word name that is also a word counts only with its capital.
        "The boy's guardian said he had not come home.",
        "Prices rose, the economist said.",
    ],
)
def test_mentions_that_do_not_cite_are_not_sources(outlets, sentence):
    assert outlets.cited_in([sentence]) == []


def test_credit_names_resolve_whatever_their_case(outlets):
    assert outlets.resolve("dpa") == outlets.resolve("DPA") == "dpa"
    assert outlets.resolve("Agence France-Presse") == "afp"
    assert outlets.resolve("Unknown Wire") is None


@pytest.mark.parametrize(
    ("sentence", "new"),
    [
        (
            "The Somali National News Agency (SONNA) reported heavy shelling in Baidoa.",
            ["Somali National News Agency"],
        ),
        ("It said in a statement carried by the Chad Press Agency.", ["Chad Press Agency"]),
        # Known agencies are not new; an agency only mentioned is not cited.
        ("The Sudan News Agency (SUNA) reported heavy shelling in El Fasher.", []),
        ("The Saudi Press Agency reported the visit.", []),
        ("Journalists from the Somali National News Agency were at the scene.", []),
    ],
)
def test_an_unknown_agency_that_is_cited_is_a_new_source(outlets, sentence, new):
    assert outlets.new_agencies_cited([sentence]) == new
