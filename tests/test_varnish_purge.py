"""deploy/varnish.vcl against a purge that races a page being made.

A reader asks for a page; while the app is making it from the database as it was, an
editor's change commits and its purge reaches Varnish. The purge finds nothing stored yet,
and the page, once made, shows what the change replaced. Varnish must not keep it.

The app's timing cannot be held still from outside, so here Varnish runs the project's VCL
in front of a stand-in backend that makes its page only when the test lets it.
"""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.serving import PURGE_SECRET, Answer, Varnish
from tests.conftest import eventually

pytestmark = pytest.mark.varnish


class Backend(ThreadingHTTPServer):
    """Serves any page: the text it holds when the request arrives, cacheable by a shared
    cache and keyed ``front``. While ``holding``, a request waits for ``release``; while
    ``busy``, its health check answers 503, as one stuck behind readers times out."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.text = "old"
        self.holding = False
        self.busy = False
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.requests = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Backend

    def do_GET(self) -> None:
        if self.path == "/healthz/ready":
            self.send_response(503 if self.server.busy else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.server.requests += 1
        text = self.server.text  # read as the app reads the database: first
        if self.server.holding:
            self.server.arrived.set()
            self.server.release.wait(timeout=20)
        headers = {"Cache-Control": "public, max-age=0, s-maxage=300", "xkey": "front"}
        self.answer(text.encode(), headers)

    def answer(self, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def backend():
    server = Backend()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()


@pytest.fixture
def varnish(backend, tmp_path, require_service):
    if not shutil.which("varnishd"):
        require_service("Varnish (varnishd, from the varnish and varnish-modules packages)")
    proxy = Varnish(backend.url, tmp_path)
    proxy.start()
    yield proxy
    proxy.stop()


def purge(varnish: Varnish) -> None:
    headers = {"xkey-purge": "front", "X-Purge-Secret": PURGE_SECRET}
    assert varnish.request("PURGE", "/", headers=headers).status == 200


def waiting(varnish: Varnish) -> int:
    """How many requests Varnish has put to wait for a page another request is fetching."""
    return varnish.stat("MAIN.busy_sleep")


def read_in_background(varnish: Varnish, answers: list[Answer]) -> threading.Thread:
    reader = threading.Thread(target=lambda: answers.append(varnish.get("/page")))
    reader.start()
    return reader


def change_while_the_old_page_is_made(
    backend: Backend, varnish: Varnish
) -> tuple[threading.Thread, list[Answer]]:
    """A reader asks for the page; while the backend makes it from the old text, the
    change commits and its purge arrives. The reader, and its answer once let go."""
    backend.holding = True
    answers: list[Answer] = []
    reader = read_in_background(varnish, answers)
    assert backend.arrived.wait(timeout=10), "the page was never asked of the backend"
    backend.text = "new"
    purge(varnish)
    return reader, answers


def let_go(backend: Backend, *readers: threading.Thread) -> None:
    backend.holding = False
    backend.release.set()
    for reader in readers:
        reader.join(timeout=20)


def test_a_page_made_while_a_purge_came_is_not_kept(backend, varnish):
    reader, first = change_while_the_old_page_is_made(backend, varnish)
    let_go(backend, reader)
    assert first[0].text == "old"  # the reader who asked before the change
    assert varnish.get("/page").text == "new"
    assert backend.requests == 2


def test_readers_who_waited_on_that_page_after_the_purge_get_the_new_one(backend, varnish):
    reader, first = change_while_the_old_page_is_made(backend, varnish)
    # Asked after the purge, while the old page is still being made: Varnish queues them
    # behind that fetch rather than asking the backend again for each.
    later: list[Answer] = []
    readers = [read_in_background(varnish, later) for _ in range(3)]
    assert eventually(lambda: waiting(varnish) == 3, seconds=10)
    let_go(backend, reader, *readers)
    assert first[0].text == "old"
    assert [answer.text for answer in later] == ["new"] * 3
    assert backend.requests == 2  # the new page is made once for the three of them


def test_pages_made_after_a_purge_are_kept_as_before(backend, varnish):
    purge(varnish)
    assert varnish.get("/page").text == "old"
    backend.text = "new"
    again = varnish.get("/page")
    assert (again.text, again.hit) == ("old", True)
    purge(varnish)
    assert varnish.get("/page").text == "new"
    assert backend.requests == 2
