"""Copies of one story that differ by a word or a line are one article, whichever arrives
first; stories that only share background paragraphs stay apart. Test stories written for
these tests."""

import pytest

from newsreader.models import Article, IngestedFile
from tests.conftest import export, ingest

pytestmark = pytest.mark.django_db

TITLE = "Sudan's Army Retakes Bridge Over the Blue Nile"
PARAGRAPHS = [
    "Sudan's army said on Sunday it had retaken a bridge over the Blue Nile south of "
    "Khartoum after two days of fighting with the Rapid Support Forces.",
    "Residents of the nearby villages said the shelling had stopped by the evening, and "
    "that families who had fled were starting to return to their homes.",
    "The bridge carries the main road to the farming region of Gezira, where aid agencies "
    "say hunger has spread since the war began in April 2023.",
    "The Rapid Support Forces did not comment on the army's statement, and the claim "
    "could not be checked independently.",
]
BACKGROUND = [
    "The war between the army and the Rapid Support Forces has killed tens of thousands "
    "of people and driven more than twelve million from their homes, the UN says.",
    "Talks hosted by Saudi Arabia and the United States in Jeddah have failed to end the "
    "fighting, and both sides have been accused of abuses against civilians.",
]


def page(title: str, paragraphs: list[str]) -> str:
    """The current layout, with its caption and widget."""
    caption = "Soldiers stand guard on a bridge near Khartoum (AFP)"
    head = f"{title}\n\n{caption}\n{caption}\n"
    return f"{head}TT\n\n{head}\n" + "\n\n".join(paragraphs) + "\n"


def body_only(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs) + "\n"


CORRECTED = [PARAGRAPHS[0].replace("two days", "three days"), *PARAGRAPHS[1:]]


def ingest_in_order(tmp_path, texts: list[str]) -> list[dict]:
    for number, text in enumerate(texts):
        path = tmp_path / f"{number}.txt"
        path.write_text(text)
        ingest(path)
    return export()


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    "copy",
    [
        # the body alone, with one word corrected
        body_only(CORRECTED),
        # a header line the scrape left at the top of the body
        page(TITLE, ["Exclusive", *PARAGRAPHS]),
        # a corrected word in the title and one in the body
        page(TITLE.replace("Retakes", "Recaptures"), CORRECTED),
    ],
    ids=["body-only, a word corrected", "a header line kept", "title and body corrected"],
)
def test_copies_that_differ_by_a_word_or_a_line_are_one_story(tmp_path, copy, reverse):
    texts = [page(TITLE, PARAGRAPHS), copy]
    (article,) = ingest_in_order(tmp_path, texts[::-1] if reverse else texts)
    assert len(article["captions"]) == 1


@pytest.mark.parametrize(
    "copy",
    [
        body_only(CORRECTED),
        page(TITLE, ["Exclusive", *PARAGRAPHS]),
        page(TITLE.replace("Retakes", "Recaptures"), CORRECTED),
    ],
)
def test_a_merged_copy_is_the_same_whichever_came_first(tmp_path, copy):
    first = ingest_in_order(tmp_path / "a", [page(TITLE, PARAGRAPHS), copy])
    Article.objects.all().delete()
    IngestedFile.objects.all().delete()
    second = ingest_in_order(tmp_path / "b", [copy, page(TITLE, PARAGRAPHS)])
    keys = ("title", "body", "captions", "regions", "published")
    assert [{k: a[k] for k in keys} for a in first] == [{k: a[k] for k in keys} for a in second]


def test_stories_that_share_only_their_background_stay_apart(tmp_path):
    other = [
        "The Rapid Support Forces said on Monday they had shot down an army drone over "
        "Nyala, the largest city in Darfur, and posted pictures of the wreckage.",
        "The army said it had lost no aircraft, and accused the paramilitary force of "
        "staging the pictures to lift the morale of its fighters.",
    ]
    first = page(TITLE, [*PARAGRAPHS[:2], *BACKGROUND])
    second = page("RSF Says It Downed Army Drone Over Nyala", [*other, *BACKGROUND])
    articles = ingest_in_order(tmp_path, [first, second])
    assert len(articles) == 2


@pytest.fixture(autouse=True)
def _folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
