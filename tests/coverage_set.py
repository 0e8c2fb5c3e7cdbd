"""A labelled set of developing stories with distractors, written for these tests (none is a
copy of the seeds): which stories tell the same event (``thread``), and the people and
organisations each names. tests/test_threads.py ingests it in many orders and measures.

Distractors: two floods in two countries in one week; Lebanon's army and Lebanon's banks
in one week; an IMF review of Egypt and another two months later; single stories that
share a country and a week with a thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    thread: str
    title: str
    caption: str
    paragraphs: tuple[str, ...]
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (role, country)
    organisations: frozenset[str] = frozenset()

    def as_scraped(self) -> str:
        """The story as the scraper leaves it: title and caption twice, a TT line."""
        head = f"{self.title}\n\n{self.caption}\n{self.caption}\nTT\n\n{self.title}\n\n"
        return head + "\n\n".join(self.paragraphs) + "\n"


STORIES = [
    # -- Sudan: the siege of El Fasher, three days ------------------------------------
    Story(
        "fasher",
        "Rapid Support Forces Tighten Siege of El Fasher as Aid Convoys Halt",
        "Displaced families wait for water at a camp near El Fasher, 10 March 2026 (AFP)",
        (
            "The Rapid Support Forces tightened their siege of El Fasher on Tuesday, cutting "
            "the last road used by aid convoys into the capital of North Darfur.",
            "UN humanitarian coordinator Clementine Nkweta-Salami said trucks carrying food "
            "for 200,000 people were stranded in Tawila.",
            "The Sudanese Armed Forces said their garrison in the city was holding out.",
        ),
        {"Clementine Nkweta-Salami": ("humanitarian coordinator", "")},
        frozenset({"Rapid Support Forces", "Sudanese Armed Forces", "United Nations"}),
    ),
    Story(
        "fasher",
        "Shelling Kills Dozens in Besieged El Fasher Market",
        "Smoke rises over El Fasher in North Darfur, 11 March 2026 (Reuters)",
        (
            "Shelling by the Rapid Support Forces killed at least 34 people in the main market "
            "of besieged El Fasher, a local medical group said on Wednesday.",
            "Darfur Governor Minni Minnawi accused the paramilitary of targeting civilians and "
            "called on the siege to be lifted.",
            "Residents said food prices in El Fasher had tripled since the aid convoys halted.",
        ),
        {"Minni Minnawi": ("Darfur Governor", "")},
        frozenset({"Rapid Support Forces"}),
    ),
    Story(
        "fasher",
        "UN Security Council Urges End to El Fasher Siege",
        "A woman carries water in Tawila, near El Fasher, 13 March 2026 (AFP)",
        (
            "The UN Security Council on Friday called on the Rapid Support Forces to end their "
            "siege of El Fasher and let aid convoys reach the city's starving residents.",
            "British Ambassador Barbara Woodward, whose country drafted the statement, said "
            "the shelling of the El Fasher market was an atrocity.",
        ),
        {"Barbara Woodward": ("Ambassador", "GB")},
        frozenset({"UN Security Council", "Rapid Support Forces"}),
    ),
    # -- Jordan: flash floods in Aqaba and Wadi Rum ------------------------------------
    Story(
        "aqaba-floods",
        "Flash Floods Sweep Through Aqaba After Record Rain",
        "Cars stranded by floodwater in Aqaba, 16 March 2026 (Petra)",
        (
            "Flash floods swept through the Jordanian port city of Aqaba on Monday after the "
            "heaviest rain recorded there in three decades, trapping drivers in their cars.",
            "Civil Defense teams rescued 120 people, and the government closed schools in "
            "Aqaba and Wadi Rum.",
        ),
        {},
        frozenset({"Civil Defense"}),
    ),
    Story(
        "aqaba-floods",
        "Tourists Evacuated From Wadi Rum as Aqaba Floods Spread",
        "Rescuers search a flooded wadi near Aqaba, 17 March 2026 (AFP)",
        (
            "Jordanian rescuers evacuated 300 tourists from desert camps in Wadi Rum on "
            "Tuesday as the floods that hit Aqaba spread inland.",
            "Jordanian Prime Minister Jafar Hassan visited Aqaba and promised compensation to "
            "families whose homes were flooded.",
        ),
        {"Jafar Hassan": ("Prime Minister", "JO")},
    ),
    Story(
        "aqaba-floods",
        "Aqaba Counts the Cost of Floods as Port Reopens",
        "Workers clear mud from a street in Aqaba, 19 March 2026 (Reuters)",
        (
            "The port of Aqaba reopened on Thursday, three days after flash floods inundated "
            "the city and stranded tourists in Wadi Rum.",
            "Aqaba Special Economic Zone Authority chief Shadi al-Majali said damage to roads "
            "and the port would cost about 40 million dinars.",
        ),
        {"Shadi al-Majali": ("Aqaba Special Economic Zone Authority chief", "")},
        frozenset({"Aqaba Special Economic Zone Authority"}),
    ),
    # -- Oman: a cyclone's floods, the same week ---------------------------------------
    Story(
        "oman-cyclone",
        "Cyclone Shakti Floods Coastal Towns in Oman",
        "Waves break over the corniche in Sur, Oman, 18 March 2026 (AFP)",
        (
            "Cyclone Shakti made landfall on Oman's eastern coast on Wednesday, flooding "
            "coastal towns around Sur and Ras al-Hadd with a storm surge.",
            "Oman's National Emergency Management Centre said four fishermen were missing "
            "and evacuated 5,000 residents to shelters.",
        ),
    ),
    Story(
        "oman-cyclone",
        "Oman Reopens Roads as Cyclone Shakti Weakens",
        "Omani soldiers clear debris in Sur, 20 March 2026 (Reuters)",
        (
            "Cyclone Shakti weakened into a tropical storm over the Arabian Sea on Friday, "
            "and Oman reopened coastal roads around Sur.",
            "The bodies of the four missing fishermen were recovered off Ras al-Hadd, "
            "emergency officials in Oman said.",
        ),
    ),
    # -- Lebanon: the army deploys south of the Litani ---------------------------------
    Story(
        "litani",
        "Lebanese Army Deploys Extra Brigade South of Litani River",
        "Lebanese army soldiers at a checkpoint near Marjayoun, 23 March 2026 (AFP)",
        (
            "The Lebanese army deployed an additional brigade south of the Litani River on "
            "Monday under the ceasefire arrangements with Israel.",
            "Army Commander General Rodolphe Haykal said 10,000 troops would be stationed "
            "between the Litani and the border by the end of the month.",
            "Hezbollah did not comment on the deployment.",
        ),
        {"Rodolphe Haykal": ("Army Commander General", "")},
        frozenset({"Hezbollah", "Armed Forces (Lebanon)"}),
    ),
    Story(
        "litani",
        "UNIFIL Backs Lebanese Troop Buildup Near Border",
        "UNIFIL vehicles patrol near Naqoura, 24 March 2026 (Reuters)",
        (
            "UNIFIL said on Tuesday it was supporting the Lebanese army's deployment south of "
            "the Litani River with joint patrols and engineering teams.",
            "The peacekeepers' head, Major General Diodato Abagnara, met Lebanese "
            "commanders in Naqoura to coordinate the troop buildup along the border.",
        ),
        {"Diodato Abagnara": ("Major General", "")},
        frozenset({"UNIFIL"}),
    ),
    Story(
        "litani",
        "Aoun Visits Troops South of the Litani",
        "President Joseph Aoun speaks to soldiers in Tyre, 26 March 2026 (Lebanese Presidency)",
        (
            "Lebanese President Joseph Aoun visited army positions south of the Litani River "
            "on Thursday, days after an extra brigade deployed to the border area.",
            "Aoun said the army alone would carry weapons in the south, and thanked UNIFIL "
            "for its support of the deployment.",
        ),
        {"Joseph Aoun": ("President", "LB")},
        frozenset({"UNIFIL"}),
    ),
    # -- Lebanon: depositors and the banks, the same week ------------------------------
    Story(
        "lebanon-banks",
        "Lebanese Parliament Debates Law to Repay Bank Depositors",
        "Depositors protest outside a bank in Beirut, 24 March 2026 (AFP)",
        (
            "Lebanon's parliament began debating on Tuesday a law to repay depositors whose "
            "savings have been frozen in the banks since the 2019 financial collapse.",
            "Finance Minister Yassine Jaber told lawmakers that deposits under $100,000 would "
            "be returned over ten years.",
        ),
        {"Yassine Jaber": ("Finance Minister", "")},
        frozenset({"Parliament (Lebanon)"}),
    ),
    Story(
        "lebanon-banks",
        "Banks Association Rejects Lebanon's Deposit Repayment Plan",
        "The Central Bank of Lebanon headquarters in Beirut, 25 March 2026 (Reuters)",
        (
            "The Association of Banks in Lebanon rejected on Wednesday the government's plan "
            "to repay frozen deposits, saying it would push banks into bankruptcy.",
            "Depositors' groups said the banks were trying to delay the repayment law that "
            "parliament is debating.",
        ),
        {},
        frozenset({"Association of Banks in Lebanon", "Central Bank (Lebanon)"}),
    ),
    # -- Iraq: parliament elects a speaker ---------------------------------------------
    Story(
        "iraq-speaker",
        "Iraqi Parliament Fails to Elect Speaker in First Round",
        "Iraqi lawmakers attend a session in Baghdad, 2 March 2026 (AFP)",
        (
            "Iraq's parliament failed on Monday to elect a speaker in a first round of voting, "
            "as Sunni blocs split between two candidates.",
            "Candidate Mahmoud al-Mashhadani won 140 votes, short of the absolute majority "
            "of 165 needed, lawmakers said.",
        ),
        {"Mahmoud al-Mashhadani": ("Candidate", "")},
        frozenset({"Parliament (Iraq)"}),
    ),
    Story(
        "iraq-speaker",
        "Iraq Elects Mashhadani Parliament Speaker After Second Vote",
        "Mahmoud al-Mashhadani takes the oath in Baghdad, 4 March 2026 (Reuters)",
        (
            "Iraq's parliament elected Mahmoud al-Mashhadani as speaker on Wednesday in a "
            "second round of voting, ending months of deadlock among Sunni blocs.",
            "Prime Minister Mohammed Shia al-Sudani congratulated Mashhadani and said the "
            "parliament could now pass the budget.",
        ),
        {
            "Mahmoud al-Mashhadani": ("", ""),
            "Mohammed Shia al-Sudani": ("Prime Minister", ""),
        },
        frozenset({"Parliament (Iraq)"}),
    ),
    Story(
        "iraq-speaker",
        "New Iraqi Speaker Promises Quick Vote on Budget",
        "Iraq's parliament building in Baghdad, 5 March 2026 (AFP)",
        (
            "Iraq's new parliament speaker Mahmoud al-Mashhadani promised on Thursday a vote "
            "on the delayed budget within two weeks of his election.",
            "Mashhadani said the speaker's office would work with all blocs in parliament.",
        ),
        {"Mahmoud al-Mashhadani": ("parliament speaker", "IQ")},
        frozenset({"Parliament (Iraq)"}),
    ),
    # -- Egypt and the IMF: a review in April, another in June -------------------------
    Story(
        "imf-april",
        "IMF Mission Begins Fifth Review of Egypt's Loan Program",
        "The Central Bank of Egypt in Cairo, 6 April 2026 (Reuters)",
        (
            "An International Monetary Fund mission began on Monday its fifth review of "
            "Egypt's $8 billion loan program, focusing on the sale of state companies.",
            "Egyptian Finance Minister Ahmed Kouchouk said Cairo expected the review to "
            "unlock a tranche of $1.2 billion.",
        ),
        {"Ahmed Kouchouk": ("Finance Minister", "EG")},
        frozenset({"International Monetary Fund", "Central Bank (Egypt)"}),
    ),
    Story(
        "imf-april",
        "IMF Reaches Staff-Level Agreement With Egypt on Fifth Review",
        "Pedestrians walk past an exchange office in Cairo, 9 April 2026 (AFP)",
        (
            "The IMF said on Thursday it had reached a staff-level agreement with Egypt on "
            "the fifth review of its loan program, clearing the way for $1.2 billion.",
            "Mission chief Vladimir Klyuev said Egypt had made progress on selling state "
            "companies but must speed up.",
        ),
        {"Vladimir Klyuev": ("Mission chief", "")},
        frozenset({"International Monetary Fund"}),
    ),
    Story(
        "imf-june",
        "IMF Mission Returns to Cairo for Sixth Loan Review",
        "The Nile corniche in Cairo, 8 June 2026 (Reuters)",
        (
            "An International Monetary Fund mission returned to Cairo on Monday for the sixth "
            "review of Egypt's loan program, two months after the fifth was completed.",
            "Egyptian Finance Minister Ahmed Kouchouk said the review would look at energy "
            "subsidies.",
        ),
        {"Ahmed Kouchouk": ("Finance Minister", "EG")},
        frozenset({"International Monetary Fund"}),
    ),
    Story(
        "imf-june",
        "Egypt Raises Fuel Prices During IMF Sixth Review",
        "A fuel station in Giza, 11 June 2026 (AFP)",
        (
            "Egypt raised fuel prices by up to 15 percent on Thursday, as the IMF mission in "
            "Cairo carried out the sixth review of its loan program.",
            "The petroleum ministry said the increase would cut energy subsidies the IMF "
            "review had asked it to reduce.",
        ),
        {},
        frozenset({"International Monetary Fund"}),
    ),
    # -- Yemen: the Houthis detain UN staff --------------------------------------------
    Story(
        "houthi-detentions",
        "Houthis Detain Eight More UN Staff in Sanaa",
        "The UN compound in Sanaa, 14 April 2026 (AFP)",
        (
            "The Houthis detained eight more United Nations staff in Sanaa on Tuesday, "
            "bringing to 59 the number of UN employees they hold.",
            "UN Secretary-General Antonio Guterres demanded their immediate release.",
        ),
        {"Antonio Guterres": ("Secretary-General", "")},
        frozenset({"Houthis", "United Nations"}),
    ),
    Story(
        "houthi-detentions",
        "UN Suspends Work in Houthi Stronghold After Staff Detentions",
        "A World Food Programme warehouse in Saada, 15 April 2026 (Reuters)",
        (
            "The United Nations suspended its operations in the Houthi stronghold of Saada "
            "on Wednesday after the group detained more of its staff.",
            "UN Special Envoy for Yemen Hans Grundberg said the detentions of UN staff "
            "threatened aid for millions.",
        ),
        {"Hans Grundberg": ("Special Envoy for Yemen", "")},
        frozenset({"United Nations", "Houthis", "World Food Programme"}),
    ),
    Story(
        "houthi-detentions",
        "Houthi Court to Try Detained UN Staff, Group Says",
        "Houthi supporters rally in Sanaa, 17 April 2026 (AFP)",
        (
            "A Houthi-run court will try several of the detained UN staff on spying charges, "
            "the group's spokesman Mohammed Abdulsalam said on Friday.",
            "The United Nations said its staff in Sanaa were humanitarian workers.",
        ),
        {"Mohammed Abdulsalam": ("spokesman", "")},
        frozenset({"Houthis", "United Nations"}),
    ),
    # -- Syria: a visit to Moscow ------------------------------------------------------
    Story(
        "sharaa-moscow",
        "Syria's Sharaa Arrives in Moscow for Talks With Putin",
        "Ahmed al-Sharaa is welcomed at Vnukovo airport, 20 April 2026 (SANA)",
        (
            "Syrian President Ahmed al-Sharaa arrived in Moscow on Monday for talks with "
            "Russian President Vladimir Putin on Russia's military bases in Syria.",
            "Syrian Foreign Minister Asaad al-Shaibani accompanied Sharaa on his first visit "
            "to Moscow as president.",
        ),
        {
            "Ahmed al-Sharaa": ("President", "SY"),
            "Vladimir Putin": ("President", "RU"),
            "Asaad al-Shaibani": ("Foreign Minister", "SY"),
        },
    ),
    Story(
        "sharaa-moscow",
        "Putin and Sharaa Agree to Review Russian Bases in Syria",
        "Vladimir Putin and Ahmed al-Sharaa at the Kremlin, 21 April 2026 (AFP)",
        (
            "Vladimir Putin and Ahmed al-Sharaa agreed on Tuesday in Moscow to review the "
            "status of Russia's bases at Hmeimim and Tartus, the Kremlin said.",
            "Kremlin spokesman Dmitry Peskov said the talks were constructive.",
        ),
        {
            "Vladimir Putin": ("", ""),
            "Ahmed al-Sharaa": ("", ""),
            "Dmitry Peskov": ("Kremlin spokesman", ""),
        },
    ),
    # -- single stories that share a country or a week with a thread -------------------
    Story(
        "saudi-tourism",
        "Saudi Arabia Reports Record Tourist Numbers in First Quarter",
        "Visitors at the old town of AlUla, 12 March 2026 (SPA)",
        (
            "Saudi Arabia received 9 million foreign tourists in the first quarter, a record, "
            "Tourism Minister Ahmed al-Khateeb said on Thursday.",
            "AlUla and the Red Sea resorts drew most of the growth.",
        ),
        {"Ahmed al-Khateeb": ("Tourism Minister", "")},
    ),
    Story(
        "sudan-wheat",
        "Sudan's Gezira Farmers Return to Wheat Fields",
        "A farmer inspects wheat in Gezira state, 12 March 2026 (Reuters)",
        (
            "Farmers in Sudan's Gezira state are harvesting wheat for the first time in two "
            "years after the army retook the area, the agriculture ministry said on Thursday.",
            "The harvest is expected to cover a fifth of the country's needs.",
        ),
    ),
    Story(
        "lebanon-tourism",
        "Beirut Hotels Fill Up for Easter Holiday",
        "Tourists walk in downtown Beirut, 25 March 2026 (AFP)",
        (
            "Hotels in Beirut reported occupancy of 80 percent for the Easter holiday, the "
            "highest in six years, the hotel owners' syndicate said on Wednesday.",
            "Syndicate head Pierre Achkar said visitors from the Gulf had returned.",
        ),
        {"Pierre Achkar": ("Syndicate head", "")},
    ),
    Story(
        "iraq-oil",
        "Iraq Resumes Kurdistan Oil Exports Through Ceyhan",
        "An oil field near Kirkuk, 3 March 2026 (Reuters)",
        (
            "Iraq resumed oil exports from the Kurdistan region through the Turkish port of "
            "Ceyhan on Tuesday after a two-year halt, the oil ministry said.",
            "The pipeline will carry 185,000 barrels a day at first.",
        ),
    ),
]
