"""The words that tell an organisation's name by its shape, and how its spellings compare.
Pure data, read by newsreader/text/organisation_shapes.py.

Lower case; the code checks case. Every list is what English-language wire copy from the
region writes (AFP, Reuters, AP, The National, Arab News, Asharq Al-Awsat).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A capitalised word that makes the words before it, or the words after it joined by "of",
# "for" or "on", an organisation: "the Sovereignty Alliance", "Ministry of Health",
# "Intergovernmental Authority on Development", "Saudia Group".
HEADS = words(
    """
    party parties movement bloc front alliance coalition framework current gathering list
    council committee commission authority agency union federation confederation
    association syndicate league society chamber organization organisation foundation fund
    institute observatory ministry department directorate presidency office
    court tribunal prosecution parliament assembly senate knesset majlis university academy
    brigade brigades battalion battalions regiment corps forces force army guard guards
    militia police command mission units network rally bureau service government
    company co corp corporation inc ltd llc plc group holding holdings bank banque airways
    airlines petroleum industries exchange securities systems ratings networks charity
    """
)
# Heads that start a name and take the words after them without "of": "Bank Al-Maghrib",
# "Banque Misr".
BRAND_HEADS = words("bank banque")
# Words after a head that make the whole a place or an event, never an organisation:
# "Cairo University Hospital", "the Arab League Summit".
# Deals and instruments, never organisations: "the Jeddah Agreement", "the Extended Fund
# Facility".
DEALS = words("agreement agreements accord accords deal treaty law facility")
NOT_AFTER_HEAD = DEALS | words(
    """
    hospital hospitals stadium arena airport port headquarters building tower towers
    summit conference forum meeting session congress elections election campus school
    square street road bridge compound prison camp crossing mosque church museum park
    """
)
# A name an acronym spells out that ends in one of these names a thing, not an
# organisation: "Fixed Amount Reimbursement Agreement (FARA)", "Grand Ethiopian Renaissance
# Dam (GERD)", "Joint Comprehensive Plan of Action (JCPOA)" is a deal.
NOT_SPELLED_ORGANISATIONS = DEALS | words(
    "act dam pipeline bridge canal resolution plan action project corridor"
)
# Names with a head that are places, or news outlets (sources, not organisations:
# newsreader/text/outlets.py).
NOT_ORGANISATIONS = {"west bank", "east bank", "left bank", "soviet union"}
OUTLET_ENDINGS = (
    ("news", "agency"),
    ("press", "agency"),
    ("broadcasting", "corporation"),
    ("media", "network"),
)
# Acronyms in brackets that define no organisation: a news agency's credit ("(AFP)"), or
# a measure or a thing ("Gross Domestic Product (GDP)", "Purchasing Managers' Index (PMI)").
NOT_DEFINING_ACRONYMS = words(
    """
    afp ap reuters spa wam sana irna kuna qna mena wafa nna bna ona aps map tap lana aa
    dpa ani upi xinhua isna irib
    gdp gnp cpi pmi ipo mou lng lpg vat fdi bpd gmt utc pm ceo cfo ai ev ict sme smes
    """
)

# The words, joined by "and", that name a ministry's portfolio ("Egypt's health ministry",
# "Ministry of Human Resources and Social Development"); a ministry's name ends before any
# other word ("Ministry of Oil | Fahad ...").
PORTFOLIO_WORDS = words(
    """
    foreign affairs defence defense interior health public finance economy economic trade
    industry industries commerce energy oil petroleum electricity water resources
    irrigation justice education higher culture tourism antiquities transport
    transportation communications communication information agriculture environment
    housing labour labor planning investment social development solidarity endowments
    awqaf religious islamic youth sports sport displacement migration expatriates emigrants
    local administration municipal municipalities rural urban natural minerals mineral
    mines mining digital technology telecommunications family women human rights
    reconstruction intelligence security state heritage media supply national
    infrastructure international cooperation transition sustainable climate renewable
    handicrafts innovation science scientific research works roads utilities gas
    aviation civil maritime ports fisheries food prevention population welfare relations
    and the of
    """
)
# A portfolio's usual name, for the ministries written two ways ("Foreign Ministry",
# "Ministry of Foreign Affairs").
PORTFOLIOS = {
    "foreign": "Foreign Affairs",
    "defence": "Defense",
    "the interior": "Interior",
    "public health": "Health",
    "sports": "Sport",
    "youth and sports": "Youth and Sport",
    "labour": "Labor",
}

# Institutions every state has under one name, given with the state they belong to:
# "Egypt's central bank", "the Iraqi parliament", "Kuwait's Court of Cassation" ->
# "Central Bank (Egypt)"... A ministry is one too, with its portfolio. Name -> the name
# they are stored under.
INSTITUTIONS = {
    "parliament": "Parliament",
    "cabinet": "Cabinet",
    "council of ministers": "Cabinet",
    "central bank": "Central Bank",
    "supreme court": "Supreme Court",
    "constitutional court": "Constitutional Court",
    "court of cassation": "Court of Cassation",
    "high court": "High Court",
    "court of appeal": "Court of Appeal",
    "army": "Armed Forces",
    "military": "Armed Forces",
    "armed forces": "Armed Forces",
    "navy": "Navy",
    "air force": "Air Force",
    "police": "Police",
    "civil defense": "Civil Defense",
    "civil defence": "Civil Defense",
    "civil protection": "Civil Protection",
    "public prosecution": "Public Prosecution",
    "house of representatives": "House of Representatives",
    "council of representatives": "Council of Representatives",
    "national assembly": "National Assembly",
    "shura council": "Shura Council",
    "senate": "Senate",
    "general intelligence service": "General Intelligence Service",
    "general intelligence directorate": "General Intelligence Directorate",
    "general intelligence": "General Intelligence Service",
}
# Of those, the ones a story may name in lower case ("Iraq's parliament"): the others are
# names only in capitals.
LOWER_CASE_INSTITUTIONS = words("parliament cabinet army military navy police")
# "military" is an institution before a verb ("the Israeli military said"), a description
# before a noun ("Russia's military bases"): the verbs, besides those that end in "-ed".
VERBS = words(
    """
    said says say told adds added has had have is was were will would could can may might
    struck strikes hit hits took takes began begins carries launches issues denies orders
    opens closes fires shot raids confirms announces publishes releases says warns claims
    """
)
LOWER_CASE_PAIRS = {
    ("central", "bank"),
    ("air", "force"),
    ("armed", "forces"),
    ("supreme", "court"),
    ("constitutional", "court"),
    ("civil", "defence"),
    ("civil", "defense"),
}

# Places that are not states but own institutions ("Gaza's Health Ministry"), and the
# states' names where the country list's differ. Key: name_key of the words.
QUALIFIERS = {
    "gaza": "Gaza",
    "hamas run": "Gaza",
    "palestinian authority": "Palestine",
    "kurdistan": "Kurdistan Region",
    "kurdistan region": "Kurdistan Region",
}
COUNTRY_NAMES = {"GB": "United Kingdom"}

# British spellings, stored in the American form so both give one name.
SPELLINGS = {
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "centre": "center",
    "labour": "labor",
    "programme": "program",
}

# Capitalised words that start a sentence, a date or a clause, never an organisation's
# name: "Meanwhile the ...", "On Tuesday the ...".
# Days and months: they end a name ("Al Mamlakah TV | on Sunday") and never start one.
TIME_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """
)
NOT_FIRST = TIME_WORDS | words(
    """
    the a an in on at by for and but or its his her their our this that these those
    meanwhile however also earlier later separately yesterday today tonight elsewhere
    instead still now then since while when after before although though despite during
    under over with without from to as if both all some many most several each every
    another other no not such one two three four five six seven eight nine ten
    shares analysts officials sources residents witnesses members supporters critics
    according last next new former ex interim acting rival rebel opposition deputy assistant
    neither either whose which what where
    """
)
# Words of a title, which end an organisation's name before a person's: "Health Ministry
# Spokesman Ashraf al-Qudra", "Central Bank Governor Karim Souaid".
TITLES = words(
    """
    minister president vice-president king queen emir prince princess sultan speaker envoy
    ambassador spokesman spokeswoman spokesperson commander chief leader secretary
    secretary-general director director-general governor mayor judge chairman chairwoman
    chair ceo cfo founder coordinator representative mediator rapporteur
    commissioner mp lawmaker sheikh sheikha mr mrs ms dr gen lt col maj brig capt adm
    """
)
# Hyphenated words before a name that say it is an organisation's: "Abu Dhabi-listed
# Adnoc Drilling", "Dubai-based Jasmine Shipping LLC", "Iran-backed ...".
ORGANISATION_MODIFIERS = (
    "-based",
    "-backed",
    "-led",
    "-listed",
    "-owned",
    "-funded",
    "-linked",
    "-aligned",
    "-affiliated",
    "-allied",
    "-headquartered",
)
# Words after an organisation's name and a hyphen that make it an actor the story names,
# as well as ORGANISATION_MODIFIERS ("NATO-backed"): "UN-brokered". Not "Houthi-held" nor
# "Hamas-run", which say whose a place or a ministry is (the written set's labels).
AFTER_NAME_MODIFIERS = ("-brokered", "-sponsored", "-mediated")
# Heads after which "in" and a place belong to the name ("UN Support Mission in Libya",
# "American University in Cairo"); after the others they say where it is ("the
# Government Media Office in Gaza").
IN_NAME_HEADS = words("mission university force")
# Heads that, after a state's name alone, name no organisation: "Israeli Forces", "the
# Syrian Government".
NOT_AFTER_PLACE = words("forces force government militia militias brigades troops guard")
# The kinds a known organisation's name may be followed by and still be it: "Islamic
# Jihad Movement" is Islamic Jihad, "Fatah Alliance" another organisation.
OWN_KINDS = words("movement party group militia organization organisation society")
# A state's armed forces that the reference list names.
ARMED_FORCES = {"Israel": "Israel Defense Forces", "Sudan": "Sudanese Armed Forces"}
# A possessive inside a name ("People's Protection Units", "Workers' Party"), not of a
# place or a person before it ("Egypt's ...").
POSSESSIVE_NAME_WORDS = words("people peoples women men children workers prosecutor attorney")

# Lower-case words after a name that say it is an organisation: "the Yesh Atid party",
# "the Emergency Lawyers group", "the Hasm movement".
KIND_AFTER = words(
    """
    party movement group militia faction bloc alliance coalition company airline
    organisation organization
    """
)
# Lower-case words before a name that say it is a company: "Turkish drone maker Baykar",
# "Emirati firm AD Ports Group".
KIND_BEFORE = words(
    """
    company firm firms maker carrier airline lender conglomerate insurer manufacturer giant
    startup
    """
)
# Capitalised words that describe a people or a creed, never an organisation alone:
# "the Druze party", "an Islamist group".
NOT_KIND_NAMES = words(
    """
    arab arabs muslim islamic islamist christian jewish sunni shiite shia druze alawite
    kurdish kurd kurds coptic maronite bedouin western eastern northern southern
    secular leftist nationalist socialist communist liberal conservative salafist jihadist
    opposition rebel ruling government state militant armed
    """
)
