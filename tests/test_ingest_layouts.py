"""The layouts through the whole ingest: what a file of several layouts stores, and what
its summary line says. Test stories from tests/test_layouts.py."""

import pytest

from tests.conftest import export, ingest
from tests.test_layouts import DATELINED, PAGES, TEASER, WRITER_PAGE

pytestmark = pytest.mark.django_db


def test_a_file_of_every_layout_stores_each_story_once_with_no_junk(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("\n\n".join([WRITER_PAGE, *(page + TEASER for page in PAGES.values())]))
    out, _ = ingest(path)
    assert f"{len(PAGES)} articles created" in out
    assert sorted(article["title"] for article in export()) == sorted(PAGES)


def test_a_printed_dateline_is_the_published_date(tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(DATELINED)
    ingest(path)
    (article,) = export()
    assert article["published"] == "2019-11-07"
    assert "Thursday, 7 November" not in article["body"]


def test_the_summary_names_a_doubtful_boundary(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(
        PAGES["Oman Opens Port Expansion at Duqm"]
        + "\n\n\n\nEgypt Raises Bread Subsidy for Poorest Families\n\n"
        "Egypt raised the bread subsidy for its poorest families on Thursday.\n\n"
        "The ministry said ten million households would benefit.\n"
    )
    out, _ = ingest(path)
    assert "2 articles created" in out
    assert (
        "1 story began at a doubtful boundary and was kept apart from the story before "
        "(two.txt story 2)." in out
    )
