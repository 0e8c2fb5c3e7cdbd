"""Photo credits and cited sources: pure functions, no database."""

import pytest

from newsreader.text.credits import is_placeholder, read_credit, split_credit


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
        # In square brackets, as The New Arab prints them.
        (
            "A farmer checks a drip line near Deir Alla [Getty]",
            ("A farmer checks a drip line near Deir Alla", "Getty", ""),
        ),
        (
            "Rescuers search the rubble in Khan Younis [AFP]",
            ("Rescuers search the rubble in Khan Younis", "AFP", ""),
        ),
        # The forms the publisher's own pages print.
        ("A convoy near Marib (File Photo: SPA)", ("A convoy near Marib", "SPA", "")),
        ("Smoke over Omdurman (File - Reuters)", ("Smoke over Omdurman", "Reuters", "")),
        ("Traders in Erbil (Reuters).", ("Traders in Erbil", "Reuters", "")),
        ("Cranes at the port of Mukalla REUTERS", ("Cranes at the port of Mukalla", "REUTERS", "")),
        ("The governor tours Tabuk. SPA", ("The governor tours Tabuk.", "SPA", "")),
        (
            "Leaders pose in Ankara. REUTERS/Cem Oksuz/POOL",
            ("Leaders pose in Ankara.", "REUTERS", "Cem Oksuz"),
        ),
        (
            "The envoy lands in Tehran. Sputnik/Ivan Petrov/Handout via Reuters",
            ("The envoy lands in Tehran.", "Reuters", "Ivan Petrov"),
        ),
        (
            "The speaker receives the delegation /NNA",
            ("The speaker receives the delegation", "NNA", ""),
        ),
        (
            "A field hospital in Kassala - Asharq Al-Awsat",
            ("A field hospital in Kassala", "Asharq Al-Awsat", ""),
        ),
        (
            "A tanker at Ras Tanura (Saudi Ministry of Energy website)",
            ("A tanker at Ras Tanura", "Saudi Ministry of Energy website", ""),
        ),
        ("Aid trucks at Kerem Shalom (AFP/File)", ("Aid trucks at Kerem Shalom", "AFP", "")),
        ("A rally in Homs (SANA via AP)", ("A rally in Homs", "AP", "")),
        (
            "A clinic in Sanaa. Reuters file photo",
            ("A clinic in Sanaa.", "Reuters", ""),
        ),
        ("Cadets march in Sanaa, AFP", ("Cadets march in Sanaa", "AFP", "")),
        (
            "A rally in Beirut on May 3, 2019. Rami SALEH / AFP",
            ("A rally in Beirut on May 3, 2019.", "AFP", "Rami SALEH"),
        ),
        ("A march in Homs (AFP PHOTO/STR)", ("A march in Homs", "AFP", "STR")),
        (
            "The president in Damascus (AFP PHOTO/HO/SANA)",
            ("The president in Damascus", "AFP", "SANA"),
        ),
        (
            "The minister in Tunis. Asharq Al-Awsat",
            ("The minister in Tunis.", "Asharq Al-Awsat", ""),
        ),
        ("The two ministers shake hands (X)", ("The two ministers shake hands", "X", "")),
        (
            "Fighters ride a truck in Sanaa. Reuters photo",
            ("Fighters ride a truck in Sanaa.", "Reuters", ""),
        ),
        (
            "A fair in Riyadh. REUTERS/Faisal Nasser/Files",
            ("A fair in Riyadh.", "REUTERS", "Faisal Nasser"),
        ),
        (
            "The WHO director in Cairo, Asharq Al-Awsat",
            ("The WHO director in Cairo", "Asharq Al-Awsat", ""),
        ),
        (
            "Troops on a hill east of the capital Sanaa/AP",
            ("Troops on a hill east of the capital Sanaa", "AP", ""),
        ),
        ("The envoy met with Reuters", ("The envoy met with Reuters", "", "")),
        ("A source at the border told AFP.", ("A source at the border told AFP.", "", "")),
        ("Roads in Lebanon and/or Syria", ("Roads in Lebanon and/or Syria", "", "")),
        ("A man (left) talks", ("A man (left) talks", "", "")),
        ("Talks in Cairo - Day Two", ("Talks in Cairo - Day Two", "", "")),
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
    ("line", "file_photo"),
    [
        ("A convoy near Marib (File Photo: SPA)", True),
        ("Smoke over Omdurman (File - Reuters)", True),
        ("The president speaks in Cairo. (AFP file photo)", True),
        ("A rally in Amman (file photo)", True),
        ("Archive photo of the dam on the Blue Nile", True),
        ("A clinic in Sanaa. Reuters file photo", True),
        ("Crowds at a rally in Gaza City [Getty/file photo]", True),
        ("Smoke over Omdurman (Reuters)", False),
        ("A profile of the files minister (AFP)", False),
    ],
)
def test_a_file_or_archive_photo_is_marked(line, file_photo):
    assert read_credit(line).file_photo is file_photo


@pytest.mark.parametrize("text", ["N/A", "n/a", " None ", "-"])
def test_a_placeholder_is_no_caption(text):
    assert is_placeholder(text)
    assert not is_placeholder("A view of Aden")


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
        # The phrasings of the publisher's own pages.
        ("Asharq Al-Awsat learned that the cabinet would meet.", ["asharq-al-awsat"]),
        ("In an interview to Asharq Al-Awsat, the envoy said so.", ["asharq-al-awsat"]),
        ("Asked by Asharq Al-Awsat about the talks, he declined.", ["asharq-al-awsat"]),
        ("A source revealed to Asharq Al-Awsat that the plan stood.", ["asharq-al-awsat"]),
        ("The forum, attended by Asharq Al-Awsat, closed on Monday.", ["asharq-al-awsat"]),
        ("A Reuters report said the talks had stalled.", ["reuters"]),
        ("An AFP correspondent saw smoke over the camp.", ["afp"]),
        ("The envoy's remarks were quoted by TASS.", ["tass"]),
        ("He ignored calls by The Associated Press for comment.", ["ap"]),
        ("The army said the border was calm (SANA).", ["sana"]),
        ("Army Spokesman to Asharq Al-Awsat: Marib Is Secure", ["asharq-al-awsat"]),
        ("The minister told broadcaster France24 that talks went on.", ["france-24"]),
        ("The Omani news agency (ONA) said the sultan received him.", ["ona"]),
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
        # An outlet that is the story's subject is not its source.
        "The Qatar News Agency (QNA) was hacked, officials said.",
        "QNA was hacked on Tuesday.",
        "Reuters journalists were among those at the scene.",
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
