"""Which stories link (newsreader/text/thread_links.py), on plain values: no database.

The stories are written for these tests. Threads are the connected groups of linked
stories, and the site only ever joins them as stories arrive (newsreader/threads.py), so
the same set of stories must make the same threads whatever the order they came in: a
link between two stories may depend on those two alone, never on which others are there
(docs/threads.md says why the density-aware rules measured are not shipped).
"""

from __future__ import annotations

import datetime
import itertools
import random

import pytest

from newsreader.text import topics
from newsreader.text.thread_links import Groups, Story, links

MONDAY = datetime.date(2026, 9, 7)


def story(pk: int, day: int, title: str, text: str, people=(), organisations=(), places=()):
    terms = topics.profile(title, text.split("\n"), people, organisations, places)
    return Story(pk, MONDAY + datetime.timedelta(days=day), None, False, terms)


# (event, day, title, paragraphs, people, organisations, places)
EVENTS = [
    (
        "desalination",
        0,
        "Jordan Signs Aqaba Desalination Plant Contract",
        "Jordan signed a contract on Monday for the Aqaba-Amman desalination plant, which "
        "will pump 300 million cubic metres of seawater a year north to the capital.\n"
        "Water Minister Rania Odeibat said the pipeline would cross 450 kilometres of desert.",
        ["Rania Odeibat"],
        [],
        ["jordan", "aqaba", "amman"],
    ),
    (
        "desalination",
        2,
        "Aqaba-Amman Desalination Pipeline Route Approved",
        "The route of the Aqaba-Amman desalination pipeline was approved on Wednesday, two "
        "days after the plant's contract was signed.\n"
        "Rania Odeibat, the water minister, said seawater pumping would start in 2029.",
        ["Rania Odeibat"],
        [],
        ["jordan", "aqaba", "amman"],
    ),
    (
        "desalination",
        5,
        "Lenders Back Aqaba Desalination Plant",
        "Lenders pledged loans for the Aqaba-Amman desalination plant and its pipeline, the "
        "water ministry said on Saturday.\n"
        "The plant will turn seawater into drinking water for Amman.",
        [],
        [],
        ["jordan", "aqaba", "amman"],
    ),
    (
        "bus-strike",
        1,
        "Amman Bus Drivers Strike Over Fuel Surcharge",
        "Bus drivers in Amman struck on Tuesday against a fuel surcharge, leaving commuters "
        "stranded at the Abdali and Raghadan terminals.\n"
        "The drivers' union said the surcharge halved their takings.",
        [],
        ["Public Transport Drivers Union"],
        ["jordan", "amman"],
    ),
    (
        "bus-strike",
        3,
        "Bus Strike Ends as Amman Drops Fuel Surcharge",
        "Amman's bus drivers ended their strike on Thursday after the fuel surcharge was "
        "dropped; buses ran again from Abdali and Raghadan terminals.\n"
        "The drivers' union called the surcharge's end a victory for commuters.",
        [],
        ["Public Transport Drivers Union"],
        ["jordan", "amman"],
    ),
]
# The same country and week, each its own event: parliament, phosphate, football, a fire,
# tourism, a flood, a cabinet change, a court case, an olive harvest, a heat record, a
# festival and a border crossing. They share places, the prime minister and news words.
DISTRACTORS = [
    (
        "Jordan's Parliament Passes Election Law Amendments",
        "Parliament passed amendments to the election law on Monday, raising the share of "
        "seats for party lists, Prime Minister Khalil Nabulsi's office said.",
        ["Khalil Nabulsi"],
        ["jordan", "amman"],
    ),
    (
        "Phosphate Exports From Aqaba Hit Record",
        "Phosphate shipments through Aqaba port reached a record in August, the mining "
        "company said, as fertiliser prices in Asia rose.",
        [],
        ["jordan", "aqaba"],
    ),
    (
        "Al-Faisaly Beat Al-Wehdat in Amman Derby",
        "Al-Faisaly beat Al-Wehdat 2-1 in the Amman derby on Friday, a stoppage-time header "
        "deciding the match before a crowd of 17,000.",
        [],
        ["jordan", "amman"],
    ),
    (
        "Fire Destroys Warehouse in Amman Industrial Zone",
        "A fire destroyed a furniture warehouse in the Sahab industrial zone south of Amman; "
        "civil defence crews fought the blaze for six hours.",
        [],
        ["jordan", "amman"],
    ),
    (
        "Petra Visitor Numbers Recover",
        "Visitor numbers at Petra recovered to their pre-pandemic level this summer, "
        "tourism officials said, with European tour groups returning.",
        [],
        ["jordan", "petra"],
    ),
    (
        "Flash Flood Cuts Dead Sea Highway",
        "A flash flood cut the Dead Sea highway on Wednesday after a cloudburst over the "
        "hills; motorists were turned back at Sweimeh.",
        [],
        ["jordan"],
    ),
    (
        "Nabulsi Reshuffles Cabinet, Names New Finance Minister",
        "Prime Minister Khalil Nabulsi reshuffled his cabinet on Thursday, naming a central "
        "bank economist as finance minister.",
        ["Khalil Nabulsi"],
        ["jordan", "amman"],
    ),
    (
        "Court Jails Amman Property Fraudsters",
        "A court in Amman jailed four men for selling forged land deeds to expatriates, "
        "judicial sources said.",
        [],
        ["jordan", "amman"],
    ),
    (
        "Olive Harvest in Ajloun Expected to Fall",
        "Farmers in Ajloun expect a smaller olive harvest after a dry spring, the "
        "agriculture ministry said, pushing up olive oil prices.",
        [],
        ["jordan", "ajloun"],
    ),
    (
        "Aqaba Records Hottest September Day",
        "Aqaba recorded its hottest September day on Tuesday at 46 degrees, the meteorology "
        "department said, and urged outdoor workers to rest at noon.",
        [],
        ["jordan", "aqaba"],
    ),
    (
        "Jerash Festival Opens With Record Ticket Sales",
        "The Jerash festival opened its stages in the Roman theatre on Saturday with record "
        "ticket sales and a concert by a Lebanese singer.",
        [],
        ["jordan", "jerash"],
    ),
    (
        "Jaber Crossing Hours Extended for Trucks",
        "The Jaber crossing on the Syrian border will open to trucks around the clock from "
        "Sunday, the interior ministry said, to ease queues of lorries.",
        [],
        ["jordan"],
    ),
]


def stories() -> dict[int, Story]:
    found = {}
    for pk, (_, day, title, text, people, organisations, places) in enumerate(EVENTS, 1):
        found[pk] = story(pk, day, title, text, people, organisations, places)
    for number, (title, text, people, places) in enumerate(DISTRACTORS):
        pk = 100 + number
        found[pk] = story(pk, number % 7, title, text, people, (), places)
    return found


def event_of(pk: int) -> str:
    return EVENTS[pk - 1][0] if pk < 100 else f"alone-{pk}"


def threads(groups: Groups, pks) -> set[frozenset[int]]:
    for pk in pks:
        groups.root(("story", pk))
    return {frozenset(n[1] for n in group) for group in groups.groups()}


def all_at_once(every: dict[int, Story]) -> set[frozenset[int]]:
    groups = Groups()
    for a, b in links(every, every, every):
        groups.join(("story", a), ("story", b))
    return threads(groups, every)


def arriving(every: dict[int, Story], order: list[int], batch: int) -> set[frozenset[int]]:
    """As the site threads them: each batch's stories linked to those already there, and
    groups only ever joined."""
    groups, there = Groups(), {}
    for start in range(0, len(order), batch):
        new = order[start : start + batch]
        there |= {pk: every[pk] for pk in new}
        for a, b in links(there, new, there):
            groups.join(("story", a), ("story", b))
    return threads(groups, every)


def test_each_event_is_one_thread_and_each_distractor_stands_alone():
    found = all_at_once(stories())
    assert found == {
        frozenset(pk for pk in stories() if event_of(pk) == event)
        for event in {event_of(pk) for pk in stories()}
    }


@pytest.mark.parametrize(("seed", "batch"), [(0, 1), (1, 1), (2, 3), (3, 5), (4, 17)])
def test_the_threads_are_the_same_in_any_order_of_arrival(seed, batch):
    every = stories()
    order = random.Random(seed).sample(sorted(every), len(every))
    assert arriving(every, order, batch) == all_at_once(every)


def test_whether_two_stories_link_depends_on_those_two_alone():
    """What makes the order of arrival not matter: each pair is linked, or not, the same
    with only the two stories indexed as with the whole week."""
    every = stories()
    together = {frozenset(pair) for pair in links(every, every, every)}
    for a, b in itertools.combinations(sorted(every), 2):
        two = {a: every[a], b: every[b]}
        alone = {frozenset(pair) for pair in links(two, two, two)}
        assert (frozenset((a, b)) in alone) == (frozenset((a, b)) in together), (a, b)


def test_a_dense_day_of_one_country_does_not_chain():
    """A country's other news all on one day, beside its two developing stories: no thread
    holds two events, however many stories share the country, the capital, the prime
    minister and the words of news."""
    every = stories()
    for pk in every:
        if pk >= 100:
            every[pk].published_on = MONDAY + datetime.timedelta(days=2)
    for thread in all_at_once(every):
        assert len({event_of(pk) for pk in thread}) == 1, thread
