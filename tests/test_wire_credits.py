"""Caption credits in the wire services' own formats, through the whole ingest: the agency
is the photo credit, the photographer a name beside it, never a news organisation."""

import pytest

from newsreader.models import Source
from tests.conftest import export, ingest

pytestmark = pytest.mark.django_db

PAGE = """\
Sudan Talks Resume in Jeddah
Delegates arrive at the venue in Jeddah. REUTERS/Hamad I Mohammed
TT
Sudan Talks Resume in Jeddah
Delegates arrive at the venue in Jeddah. REUTERS/Hamad I Mohammed
Delegations of Sudan's army and the Rapid Support Forces resumed talks in Jeddah on Monday.
The talks had stalled for months, mediators said.
Jordan Opens a New Crossing With Iraq
A lorry waits at the Karameh crossing (AP Photo/Raad Adayleh)
Jordan Opens a New Crossing With Iraq
A lorry waits at the Karameh crossing (AP Photo/Raad Adayleh)
Jordan opened a second border crossing with Iraq on Sunday to speed up trade.
Officials in Amman said lorries would cross day and night.
Kuwait Hosts Gulf Finance Ministers
Ministers pose before the meeting in Kuwait City (KUNA)
Kuwait Hosts Gulf Finance Ministers
Ministers pose before the meeting in Kuwait City (KUNA)
Gulf finance ministers met in Kuwait City on Tuesday to discuss a customs union.
"""


def test_wire_credits_give_the_agency_and_the_photographer(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(PAGE)
    ingest(path)
    stories = {story["title"]: story for story in export()}
    assert len(stories) == 3  # every caption's block is its own story
    jeddah = stories["Sudan Talks Resume in Jeddah"]
    assert jeddah["captions"] == [
        {
            "text": "Delegates arrive at the venue in Jeddah.",
            "credit": "Reuters",
            "photographer": "Hamad I Mohammed",
        }
    ]
    crossing = stories["Jordan Opens a New Crossing With Iraq"]["captions"][0]
    assert (crossing["credit"], crossing["photographer"]) == ("AP", "Raad Adayleh")
    kuwait = stories["Kuwait Hosts Gulf Finance Ministers"]
    assert kuwait["captions"][0]["credit"] == "KUNA"
    assert [s["role"] for s in kuwait["sources"]] == ["photo_credit"]
    # A photographer is never a news organisation.
    names = set(Source.objects.values_list("name", flat=True))
    assert not names & {"Hamad I Mohammed", "Raad Adayleh", "AP Photo"}
