"""The served site fuzzed straight from gunicorn and through Varnish: bench/fuzz.py's
requests (every URL pattern, the forms' parameters, odd methods, headers, bodies and
request lines), fewer and from a fixed seed. However odd the request, no answer is a 5xx,
neither the app's nor one Varnish makes of its own, and gunicorn logs no server error."""

from __future__ import annotations

import shutil
import uuid

import pytest

from bench import fuzz
from bench.serving import PG_ADMIN

pytestmark = pytest.mark.thorough

REQUESTS = 1500  # each way: about a minute on two cores, with the site's set-up
SEED = 20260207


@pytest.fixture
def site(tmp_path, require_service):
    import psycopg

    if not shutil.which("varnishd"):
        require_service("Varnish (varnishd, from the varnish and varnish-modules packages)")
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
    except psycopg.OperationalError:
        require_service("PostgreSQL (postgres@127.0.0.1:5432)")
    database = f"newsreader_fuzz_{uuid.uuid4().hex[:10]}"
    with fuzz.serving(tmp_path, database, stories=0, workers=2) as site:
        yield site


def test_the_requests_reach_every_readers_url_pattern():
    routes = fuzz.url_routes({})
    site = {"routes": routes, "parameters": fuzz.form_parameters(), "values": {}}
    probes = fuzz.Generator(site, SEED).probes(REQUESTS)
    reached = {probe.kind.removeprefix("route ") for probe in probes}
    readers = {route or "(home)" for route in routes if not route.startswith("admin/")}
    assert "articles/<id:pk>/<slug:slug>/" in readers
    assert readers <= reached, sorted(readers - reached)


def test_fuzzed_requests_get_no_server_error_directly_or_through_varnish(site):
    report = fuzz.fuzz(site, REQUESTS, SEED)
    summary = report.summary()
    print(summary)
    assert sum(report.statuses()["through Varnish"].values()) == REQUESTS
    assert not report.five_hundreds(), summary
    assert not report.server_errors, summary
    assert not report.worker_trouble, summary
