"""The API answers as newsreader/openapi.json says: every answer here is checked against the
document's schema for its path and status. (schemathesis, in the thorough tier, tries many
more requests; this is the quick check a change to the canonical JSON meets first.)"""

import jsonschema_rs
import pytest
from django.urls import reverse

from newsreader import search
from newsreader.api import MAX_ID
from tests.conftest import SEEDS, ingest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document():
    from newsreader.api import openapi_document

    return openapi_document()


def check(document, client, path, template, status, query=None):
    """Ask for ``path`` and check the answer against the document's schema for the
    ``template`` path at ``status``."""
    response = client.get(path, query or {})
    assert response.status_code == status, response.content
    operation = document["paths"][template]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.Draft202012Validator(
        {"components": document["components"], **schema}, validate_formats=True
    )
    errors = [error.message for error in validator.iter_errors(response.json())]
    assert errors == []
    return response.json()


@pytest.fixture
def seeded():
    ingest(SEEDS)


def test_articles_and_their_pages_match_the_document(client, document, seeded):
    page = check(document, client, "/api/articles/", "/api/articles/", 200)
    assert len(page["results"]) == 4
    for article in page["results"]:
        one = check(document, client, f"/api/articles/{article['id']}/", "/api/articles/{id}/", 200)
        assert one == article
    check(document, client, "/api/articles/", "/api/articles/", 200, {"q": "ceasefire"})
    check(document, client, "/api/articles/", "/api/articles/", 200, {"region": "LB"})


def test_refusals_match_the_document(client, document, seeded):
    for query in [{"region": "atlantis"}, {"from": "yesterday"}, {"cursor": "x"}, {"page": 2}]:
        check(document, client, "/api/articles/", "/api/articles/", 400, query)
    check(document, client, f"/api/articles/{MAX_ID}/", "/api/articles/{id}/", 404)


def test_regions_match_the_document_and_count_each_story_once(client, document, seeded):
    regions = check(document, client, "/api/regions/", "/api/regions/", 200)["results"]
    counts = {region["slug"]: region["article_count"] for region in regions}
    countries = {region["slug"] for region in regions if region["kind"] == "country"}
    for region in regions:
        if region["kind"] == "subregion":
            children = [r for r in regions if r["parent"] == region["slug"]]
            # At least its busiest country's stories, at most all of theirs: a story about
            # two of its countries counts once.
            assert max(counts[c["slug"]] for c in children) <= region["article_count"]
            assert region["article_count"] <= sum(counts[c["slug"]] for c in children)
    assert sum(counts[slug] for slug in countries) >= 4


def test_the_document_states_the_limits_the_code_applies(document):
    articles = document["paths"]["/api/articles/"]["get"]["parameters"]
    q = next(parameter for parameter in articles if parameter["name"] == "q")
    assert q["schema"]["maxLength"] == search.MAX_QUERY_LENGTH
    (pk,) = document["paths"]["/api/articles/{id}/"]["get"]["parameters"]
    assert pk["schema"]["maximum"] == MAX_ID
    assert reverse("api-articles") in document["paths"]
    assert reverse("api-regions") in document["paths"]
