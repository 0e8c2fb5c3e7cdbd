"""Drills through a real Varnish (deploy/varnish.vcl) in front of a real gunicorn with
production settings: attacks on the cache itself.

- Cache-busting: a flood of requests that each make a new address (a new Host port, a
  made-up path) must neither make Varnish refuse readers nor fill it with objects.
- A health probe that fails because the app is busy, not dead, refuses no reader: it
  decides only how stale a cached page may be served.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading

import pytest

from bench.drill import prepare_database
from bench.serving import Gunicorn, Varnish, production_env
from tests.conftest import eventually
from tests.test_varnish_purge import Backend

pytestmark = pytest.mark.thorough

# Half the requests ask for the regions index with a Host port of their own, half for a
# made-up region (a 404, which always reaches the app).
BUSTING_SCRIPT = """
math.randomseed(os.time())
n = 0
request = function()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("GET", "/regions/", {["Host"] = "127.0.0.1:" .. math.random(1, 65535)})
  end
  return wrk.format("GET", "/regions/made-up-" .. math.random(1, 1000000000) .. "/")
end
"""


@pytest.fixture
def site(tmp_path, require_service):
    for tool, package in (("varnishd", "varnish and varnish-modules"), ("wrk", "wrk")):
        if not shutil.which(tool):
            require_service(f"{tool} (apt-get install {package})")
    env = production_env(f"sqlite:///{tmp_path}/drill.sqlite3")
    prepare_database(env)
    # One sync worker: the app is easily saturated, as five are by a bigger flood.
    server = Gunicorn(env, workers=1)
    varnish = Varnish(server.base, tmp_path)
    try:
        varnish.start()
        yield varnish
    finally:
        varnish.stop()
        server.stop()


def bust(varnish: Varnish, seconds: int, connections: int) -> subprocess.Popen:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(BUSTING_SCRIPT)
    return subprocess.Popen(
        [
            *("wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s"),
            *("-s", script.name, "--timeout", "30s", varnish.url),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_cache_busting_neither_refuses_readers_nor_fills_the_cache(site):
    load = bust(site, seconds=20, connections=48)
    answers = []
    done = threading.Event()
    try:
        # A reader asks for pages nobody has asked for (each a miss) while the flood lasts.
        n = 0
        while load.poll() is None:
            n += 1
            answers.append(site.get(f"/search/?q=beirut+{n}").status)
            done.wait(0.2)  # a reader's pace, not a wait for anything
    finally:
        out, _ = load.communicate()
    print(out)
    assert "requests in" in out, out
    assert len(answers) > 20
    refused = [status for status in answers if status != 200]
    assert not refused, f"{len(refused)} of {len(answers)} readers' pages refused: {refused}"
    # Every Host port shared one copy of the regions index, and the made-up addresses were
    # kept briefly, in bounded storage, crowding no page out.
    assert site.get("/regions/", headers={"Host": "127.0.0.1:4242"}).hit
    assert site.stat("MAIN.n_lru_nuked") == 0
    assert site.stat("SMA.Transient.c_fail") == 0


@pytest.fixture
def busy_app(tmp_path, require_service):
    if not shutil.which("varnishd"):
        require_service("Varnish (varnishd, from the varnish and varnish-modules packages)")
    backend = Backend()
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    varnish = Varnish(backend.url, tmp_path)
    try:
        varnish.start()
        yield backend, varnish
    finally:
        varnish.stop()
        backend.shutdown()


def test_a_probe_that_times_out_under_load_refuses_no_reader(busy_app):
    backend, varnish = busy_app
    assert varnish.get("/before").status == 200
    backend.busy = True
    # The last three probes failed: Varnish holds the app sick.
    assert eventually(lambda: varnish.stat("VBE.boot.app_probed.happy") & 0b111 == 0, 20)
    assert varnish.get("/before").hit  # cached pages as before
    fresh = varnish.get("/never-asked-for")
    assert (fresh.status, fresh.text) == (200, "old")
