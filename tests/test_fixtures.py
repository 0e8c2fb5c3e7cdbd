"""Fixtures: reference data from the migration, seed articles from loaddata."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from newsreader.models import (
    Article,
    ArticleRegion,
    IngestedFile,
    Organisation,
    Person,
    Region,
    Source,
    Thread,
)
from tests.conftest import SEEDS, export, ingest
from tests.test_ingest import without_ids

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_migrated_database_has_the_region_and_source_reference_data():
    assert Region.objects.subregions().count() == 5
    assert set(Region.objects.countries().values_list("code", flat=True)) >= {
        "PS",
        "LB",
        "EG",
        "MA",
        "IL",
        "SY",
        "SA",
        "AE",
        "IQ",
        "IR",
        "TR",
        "DZ",
        "TN",
        "LY",
    }
    palestine = Region.objects.get(code="PS")
    assert palestine.parent.name == "Levant"
    assert Region.objects.get(slug="khan-yunis").parent == palestine
    assert Source.objects.get(short_name="AFP").name == "Agence France-Presse"
    assert Source.objects.get(short_name="SPA").name == "Saudi Press Agency"


def test_seed_fixture_gives_the_same_export_as_ingesting_the_seeds():
    ingest(SEEDS)
    ingested = export()
    for model in (Article, IngestedFile, Thread, Person, Organisation):
        model.objects.all().delete()
    call_command("loaddata", "seed_articles", verbosity=0)
    loaded = export()
    assert len(loaded) == 4
    assert without_ids(loaded) == without_ids(ingested)


def test_loading_every_fixture_twice_duplicates_nothing():
    for _ in range(2):
        call_command("loaddata", "regions", "sources", "seed_articles", verbosity=0)
    assert Article.objects.count() == 4
    assert Region.objects.countries().count() == 22


def test_ingesting_after_loaddata_merges_rather_than_duplicates():
    call_command("loaddata", "seed_articles", verbosity=0)
    out, _ = ingest(SEEDS)
    assert "0 articles created" in out
    assert Article.objects.count() == 4


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_database_migrated_before_the_new_sources_gains_them_and_keeps_its_own(
    reference_data,
):
    call_command("migrate", "newsreader", "0010", verbosity=0)
    assert not Source.objects.filter(name="Al-Ahram").exists()
    # An ingest of the time stored a source of the same name under its own slug.
    made = Source.objects.create(name="Al-Manar", short_name="Al-Manar TV", slug="al-manar-tv")
    call_command("migrate", "newsreader", verbosity=0)
    assert Source.objects.get(name="Al-Ahram").kind == Source.Kind.NEWSPAPER
    assert Source.objects.get(name="Al-Manar") == made
    assert Source.objects.filter(short_name="Al-Manar").count() == 0


def test_a_fixture_that_lists_region_links_before_their_stories_loads(tmp_path, client):
    """loaddata writes rows in the file's order, and a hand-written fixture need not
    follow dumpdata's (stories before the rows that point at them)."""
    rows = json.loads((FIXTURES / "seed_articles.json").read_text())
    links = [row for row in rows if row["model"] == "newsreader.articleregion"]
    for link in links:  # what a hand-written fixture leaves out: the database copies them
        for copied in ("published_on", "placed_on", "is_published"):
            del link["fields"][copied]
    fixture = tmp_path / "links_first.json"
    fixture.write_text(json.dumps(links + [r for r in rows if r not in links]))
    call_command("loaddata", fixture, verbosity=0)
    primary = ArticleRegion.objects.filter(is_primary=True).select_related("article", "region")
    assert Article.objects.count() == primary.count() == 4
    for link in primary:
        story = link.article
        assert (link.published_on, link.placed_on) == (story.published_on, story.placed_on)
        page = client.get(f"/regions/{link.region.slug}/").content.decode()
        assert (f'id="story-{story.pk}"' in page) == (story.status == Article.Status.PUBLISHED)
