"""Fuzz the served site, straight from gunicorn and through Varnish: no answer is a 5xx.

    python bench/fuzz.py [--requests 10000] [--seed 1] [--concurrency 8] [--stories 300]

It serves a production-like site (bench/serving.py: a fresh PostgreSQL database with the
seeds and a synthetic corpus, gunicorn, Varnish with deploy/varnish.vcl) and generates
requests, reproducibly from ``--seed``, from the site's real surface: every URL pattern
(newsreader/urls.py and the admin's) with valid, edge and hostile values in its path
converters, the forms' and the API's parameters, odd methods, headers, bodies and
encodings, and malformed request lines. Each request goes straight to gunicorn, and then
the same one through Varnish. It prints the answers by status and every 5xx with the
request that caused it; a 5xx from Varnish is the app's when the same request straight to
gunicorn failed too, the app's own error page came through, Varnish's log shows the app's
5xx, or gunicorn's log has a server error for its path; otherwise it is Varnish's, with the
reason Varnish logged. Tracebacks in gunicorn's log are counted and the server errors among
them shown. Exits 1 on any 5xx, server error or worker timeout.

tests/test_serving_fuzz.py runs a smaller version with a fixed seed.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import http.client
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import COMMON, MEDIUM, RARE, write_corpus  # noqa: E402
from bench.drill import prepare_database  # noqa: E402
from bench.serving import (  # noqa: E402
    PG_ADMIN,
    PYTHON,
    Gunicorn,
    Varnish,
    postgres_database,
    production_env,
)

# -- the site's surface, read where it is defined ------------------------------------------

# A regex pattern's named group (the admin has a few), and a route's converter.
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
# The word that says what a converter names: "articles" in api/articles/<id:pk>/.
NOUN = re.compile(r"^(?:(?:feeds|api)/)?([a-z-]+)")


def as_route(pattern: str, choices: dict[str, list[str]]) -> str:
    """A URL pattern as a route: a regex's named groups become ``<name>``, and a group of
    plain alternatives (the admin's app labels) keeps them as its real values."""

    def group(match: re.Match) -> str:
        name, inner = match.groups()
        if re.fullmatch(r"[\w|]+", inner):
            choices.setdefault(name, inner.split("|"))
        return f"<{name}>"

    route = REGEX_GROUP.sub(group, pattern)
    return route.removeprefix("^").removesuffix("$").removesuffix(r"\Z").replace("\\", "")


def url_routes(choices: dict[str, list[str]]) -> list[str]:
    """Every URL pattern the site answers, as a route. Needs Django set up."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns: list, prefix: str) -> Iterator[str]:
        for entry in patterns:
            route = prefix + as_route(str(entry.pattern), choices)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            else:
                yield route

    return sorted(set(walk(get_resolver().url_patterns, "")))


def form_parameters() -> list[str]:
    """The URL parameters the readers' forms and the API take, by their public names."""
    from newsreader import forms

    names = {"p"}  # the sitemaps' page, read by Django's sitemap view
    for form in (
        forms.StoryFilterForm(),
        forms.RegionFilterForm(places=[]),
        forms.SourceFilterForm(),
        forms.SearchForm(countries=[]),
    ):
        names |= {form.add_prefix(name) for name in form.fields}
    openapi = json.loads((ROOT / "newsreader" / "openapi.json").read_text())
    for operations in openapi["paths"].values():
        for operation in operations.values():
            names |= {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    return sorted(names)


def real_values() -> dict[str, list[str]]:
    """Values that exist, for each "noun:converter" of the routes and each parameter;
    lists under one noun line up (an article's id and its slug share an index)."""
    from newsreader.models import (
        SOURCE_ROLES,
        Article,
        Organisation,
        Person,
        Region,
        Source,
        Thread,
    )
    from newsreader.sitemaps import SITEMAPS

    articles = list(Article.objects.order_by("-pk").values_list("pk", "slug")[:40])
    days = list(Article.objects.dates("published_on", "day")[:40])
    regions = list(Region.objects.order_by("pk").values_list("slug", "code")[:80])
    slugs = [slug for slug, _ in regions]
    return {
        "articles:pk": [str(pk) for pk, _ in articles],
        "articles:slug": [slug for _, slug in articles],
        "regions:slug": slugs,
        "sources:slug": list(Source.objects.order_by("pk").values_list("slug", flat=True)[:40]),
        "threads:pk": [
            str(pk) for pk in Thread.objects.order_by("pk").values_list("pk", flat=True)[:40]
        ],
        "people:slug": list(Person.objects.order_by("pk").values_list("slug", flat=True)[:40]),
        "organisations:slug": list(
            Organisation.objects.order_by("pk").values_list("slug", flat=True)[:40]
        ),
        "archive:year": [str(day.year) for day in days],
        "archive:month": [str(day.month) for day in days],
        "archive:day": [str(day.day) for day in days],
        "sitemap-:section": list(SITEMAPS),
        "admin:object_id": [str(pk) for pk, _ in articles[:5]],
        "admin:content_type_id": [str(n) for n in range(1, 12)],
        "region": slugs + [code for _, code in regions if code],
        "place": slugs,
        "role": list(SOURCE_ROLES),
    }


def surface() -> dict:
    """The routes, the parameters and real values: what the generator draws from. Needs
    Django set up on the site's database (see ``read_surface``)."""
    choices: dict[str, list[str]] = {}
    routes = url_routes(choices)
    values = real_values()
    for name, alternatives in choices.items():
        values.setdefault(f"admin:{name}", alternatives)
    return {"routes": routes, "parameters": form_parameters(), "values": values}


def read_surface(env: dict[str, str]) -> dict:
    """``surface()``, asked of a process set up like the server."""
    script = (
        "import json, django; django.setup(); from bench.fuzz import surface; "
        "print(json.dumps(surface()))"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def live_values(base: str) -> dict[str, list[str]]:
    """Values only the served pages give: paging cursors, an ETag, a static file, and the
    admin login form's CSRF cookie and token."""
    found: dict[str, list[str]] = collections.defaultdict(list)
    for path in ("/", "/regions/", "/search/?q=government", "/api/articles/"):
        reply = send(Probe("live", target=path, headers=(("Host", "127.0.0.1"),)), base)
        text = reply.text.replace("&amp;", "&").replace("\\u0026", "&")
        for name, value in re.findall(r"[?&](after|before|cursor)=([^&\"'\s<]+)", text):
            found[name].append(unquote(value))
        found["static"] += re.findall(r"(/static/[^\"'\s?]+)", reply.text)
        if reply.headers.get("etag"):
            found["etag"].append(reply.headers["etag"])
    login = send(Probe("live", target="/admin/login/", headers=(("Host", "127.0.0.1"),)), base)
    cookie = re.search(r"csrftoken=([^;]+)", login.headers.get("set-cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    if cookie and token:
        found["csrf"] = [cookie.group(1), token.group(1)]
    return dict(found)


# -- requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request as it is sent; ``{port}`` in a header stands for the port it goes to."""

    kind: str
    method: str = "GET"
    target: str = "/"
    headers: tuple[tuple[str, str | bytes], ...] = ()
    body: bytes | None = None
    raw: bytes | None = None  # a whole request, sent as it is (the malformed ones)

    def describe(self, width: int = 300) -> str:
        if self.raw is not None:
            return f"raw {self.raw[:width]!r}"
        headers = "; ".join(f"{n}: {_short(v)}" for n, v in self.headers if n != "Host")
        host = next((_short(v) for n, v in self.headers if n == "Host"), "(none)")
        body = f" body={_short(self.body)}" if self.body else ""
        return f"{self.method} {_short(self.target, width)} Host={host} [{headers}]{body}"


def _short(value: str | bytes, width: int = 80) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= width else f"{text[:width]}…({len(text)} chars)"


@dataclass
class Reply:
    status: int  # 0: no answer
    error: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""


def send(probe: Probe, base: str, timeout: float = 60) -> Reply:
    """Send ``probe`` to ``base`` (http://host:port), headers and framing exactly as given."""
    address = urlsplit(base)
    if probe.raw is not None:
        return exchange_raw(probe.raw, address.hostname, address.port, timeout)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.putrequest(probe.method, probe.target, skip_host=True, skip_accept_encoding=True)
        for name, value in probe.headers:
            if isinstance(value, str):
                value = value.replace("{port}", str(address.port))
            connection.putheader(name, value)
        # A server may answer, and close, before it has read all of a refused request.
        with contextlib.suppress(ConnectionError):
            connection.endheaders(probe.body)
        return read_reply(connection.getresponse())
    except (OSError, ValueError, http.client.HTTPException) as error:
        return Reply(0, error=f"{type(error).__name__}: {error}"[:200])
    finally:
        connection.close()


def exchange_raw(request: bytes, host: str, port: int, timeout: float) -> Reply:
    method = request.split(b" ", 1)[0].decode("latin-1")
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            with contextlib.suppress(ConnectionError):
                sock.sendall(request)
                # The end of what is sent: an incomplete request is not waited on.
                sock.shutdown(socket.SHUT_WR)
            response = http.client.HTTPResponse(sock, method=method)
            response.begin()
            return read_reply(response)
    except (OSError, ValueError, http.client.HTTPException) as error:
        return Reply(0, error=f"{type(error).__name__}: {error}"[:200])


def read_reply(response: http.client.HTTPResponse) -> Reply:
    body = response.read()
    headers = {name.lower(): value for name, value in response.getheaders()}
    return Reply(response.status, headers=headers, text=body.decode("utf-8", "replace"))


def run(probes: list[Probe], base: str, concurrency: int, label: str = "") -> list[Reply]:
    """Every probe sent to ``base`` by ``concurrency`` clients; replies in the probes' order."""
    replies = []
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for n, reply in enumerate(pool.map(lambda p: send(p, base), probes), 1):
            # Only what a report needs: failures keep their page, the rest their status.
            if reply.status < 500:
                reply.text = ""
            replies.append(reply)
            if label and n % 1000 == 0:
                print(f"  {label}: {n:,} of {len(probes):,}", file=sys.stderr, flush=True)
    return replies


# -- what to send -----------------------------------------------------------------------

# Values no form should choke on (the idea of tests/test_fuzz_urls.py's NASTY, for the wire).
HOSTILE = [
    *("", " ", "0", "-1", "1.5", "1e9", str(2**63), str(-(2**63) - 1), "9" * 40, "NaN"),
    *("\x00", "a\x00b", "\x1b[31m", "\x7f", "a" * 5000, "' OR 1=1 --", '" OR ""="'),
    *("1; DROP TABLE newsreader_article; --", "*", "%", "_", "\\", '"', "NEAR(", "(", ")"),
    *("OR", "AND NOT", "-", "{{7*7}}", "{% debug %}", "<script>alert(1)</script>", "%s%n"),
    *("../../etc/passwd", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31"),
    *("-2026-01-01", "2026-2-3", "٢٠٢٦-٠٢-٠٣", "\ud800", "😀" * 100, "\u202e", "\ufeff"),
    *("null", "[]", "{}", "\r\nSet-Cookie: x=1", "Ａ", "İ", "ß", "ﷺ"),
]
# Percent escapes sent as they are: bad hex, overlong and surrogate UTF-8, encoded slashes.
RAW_ESCAPES = [
    *("%", "%%", "%ZZ", "%0", "%00", "%0a", "%0d%0a", "%C0%AF", "%C0%AE%C0%AE", "%ED%A0%80"),
    *("%FF%FE", "%E2%82", "%2F", "%2f..%2f", "%2e%2e", "%252F", "%u0041", "%F0%9F%98%80"),
    *("%7F", "+", "%20", "%C3%A9", "%EF%BB%BF"),
]
# Path converters' edge values (newsreader/urls.py: id, number, slug; Django's path, int, str).
EDGE = {
    "id": ["0", "1", "007", "9" * 18, "1" + "0" * 17],
    "number": [*("0", "00", "1", "2", "12", "13", "28", "29", "30", "31", "32", "0000"), "9999"],
    "int": ["0", "1", "2147483648", "9" * 30],
    "slug": ["a", "-", "_", "--", "0", "a" * 100, "a" * 3000, "Lebanon", "LEBANON", "x-y_z"],
    "path": ["1", "1/change", "a/b/c", "..", "1/../2", "%2F"],
    "str": ["x", "newsreader", "auth", "article", "a" * 300],
}
GOOD = {
    "from": ["2023-01-01", "2024-06-30", "2025-03-01"],
    "to": ["2024-12-31", "2025-12-31", "2026-06-30"],
    "q": [*COMMON, *MEDIUM, *RARE, '"ceasefire talks"', "talks -lebanon", "gaza OR beirut"],
    "shown": ["20", "40", "200"],
    "page": ["1", "2", "50"],
    "p": ["1", "2"],
}
EDGES = {
    "from": [*("1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "2024-02-29"), "20240101"],
    "to": ["2023-02-29", "2024-1-1", "2024/01/01", "2024-01-01T00:00", " 2024-01-01"],
    "q": ["a" * 300, "a" * 301, '"', "-x", "OR", "*", "a OR", '"unclosed', "the", "x" * 40],
    "shown": ["0", "1", "201", "-1", "1.0", "1e2", "٣"],
    "page": ["0", "51", "-1", "1.0", "٣"],
    "p": ["0", "-1", "999999", "1.5"],
    "region": ["LB", "lb", "Lb", "XX", "lebanon ", "LEBANON", "a" * 100],
    "place": ["LB", "x", "lebanon/"],
    "role": ["PUBLISHED", "published ", "x"],
}
CURSORS = ("after", "before", "cursor")
JUNK_NAMES = ["utm_source", "fbclid", "next", "format", "callback", "", "q[]", "a[b]", "Q", "q "]
HOSTS = [
    *("localhost:{port}", "127.0.0.1", "localhost", "LOCALHOST:{port}", "[::1]:{port}"),
    *("127.0.0.1:1", "127.0.0.1:65536", "127.0.0.1:" + "9" * 30, "127.0.0.1:", "127.0.0.1:abc"),
    *("evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "127.0.0.1@evil.example"),
    *("127.0.0.1/admin", "127.0.0.1 evil", "", " ", "a" * 300, "localhost.", "2130706433"),
    *("[::1", "]:80", "bücher.example", "127.0.0.1:{port}, evil.example", "127.0.0.1\x00x"),
]
DATES = [
    *("Sun, 06 Nov 1994 08:49:37 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "yesterday", "0", "-1"),
    *("Thu, 01 Jan 1970 00:00:00 GMT", "Sun, 32 Foo 99999 25:61:61 GMT", "9" * 30),
    *("Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"),
]
ETAGS = ['"abc"', "*", 'W/"abc"', '"', "W/", "x" * 500, '"a", "b", W/"c"', ","]
HEADER_VALUES: dict[str, list[str | bytes]] = {
    "Range": [
        *("bytes=0-0", "bytes=0-99", "bytes=-1", "bytes=100-", "bytes=0-", "bytes=99999999-"),
        *("bytes=5-1", "bytes=0-1,3-4", "bytes=a-b", "bytes=", "bytes", "items=0-5", "bytes=-0"),
        *("bytes=0-18446744073709551616", "bytes = 0-1"),
    ],
    "Accept": [
        *("text/html", "application/json", "*/*", "application/atom+xml", "text/html;q=0"),
        *("*/*;q=0", "x/y;q=abc", "a" * 2000, ";;;", "text/*, application/*;level=1"),
    ],
    "Accept-Encoding": [
        *("gzip", "br", "deflate", "zstd", "identity", "gzip;q=0", "identity;q=0, *;q=0"),
        *("*", "gzip, gzip, gzip", "x" * 1000, "gzip;q=1.5", ","),
    ],
    "If-None-Match": ETAGS,
    "If-Match": ETAGS,
    "If-Modified-Since": DATES,
    "If-Unmodified-Since": DATES,
    "If-Range": [*DATES[:3], *ETAGS[:3]],
    "Cookie": [
        *("sessionid=garbage", "csrftoken=" + "a" * 32, "csrftoken=x", '"";;;=;', "=; =;"),
        *("a=b; a=c", "sessionid=\x7f", "messages=garbage", "django_language=xx"),
        "sessionid=é".encode(),
        "é=é".encode("latin-1"),
    ],
    "X-Forwarded-For": [
        *("1.2.3.4", "garbage", "::1", "1.2.3.4, 5.6.7.8", "999.999.999.999", ", , ,"),
        *("unknown", "1.2.3.4:80", "[::1]:443", "1.2.3.4, " * 300, "'; DROP TABLE x; --"),
    ],
    "X-Forwarded-Proto": ["https", "http", "HTTPS", "https, http", "ftp", "", "javascript"],
    "X-Forwarded-Host": ["evil.example", "127.0.0.1:1", "a" * 300],
    "X-Forwarded-Port": ["abc", "443", "-1"],
    "Forwarded": ["for=1.2.3.4;proto=https", "garbage", 'for="[::1]";host=evil.example'],
    "X-Real-IP": ["garbage", "1.2.3.4"],
    "User-Agent": [
        "",
        "() { :; }; echo vulnerable",
        "Mozilla/5.0",
        "\x7f",
        "<script>",
        "é".encode(),
    ],
    "Referer": ["http://evil.example/", "javascript:alert(1)", "%", "http://127.0.0.1:{port}/"],
    "Origin": ["null", "http://evil.example", "http://127.0.0.1:{port}"],
    "Authorization": ["Basic !!!", "Basic YTpi", "Bearer x", "Digest", "Basic " + "A" * 3000],
    "Content-Type": ["application/json", "multipart/form-data", "text/plain; charset=x-nope"],
    "Accept-Language": ["xx", "*", "ar", "en;q=abc", "a" * 1000, "zh-Hant-TW-x-private"],
    "Expect": ["100-continue", "garbage"],
    "Connection": ["close", "keep-alive", "Upgrade", "garbage, close", "TE"],
    "Upgrade": ["h2c", "websocket"],
    "TE": ["trailers", "gzip"],
    "X-HTTP-Method-Override": ["DELETE", "PURGE"],
    "X-Purge-Secret": ["wrong", ""],
    "xkey-purge": ["article-1", "*"],
    "Max-Forwards": ["0", "-1"],
    "Cache-Control": [
        "no-cache",
        "max-age=0",
        "no-store",
        "only-if-cached",
        "max-stale=" + "9" * 20,
    ],
    "Pragma": ["no-cache"],
    "X-Requested-With": ["XMLHttpRequest"],
    "Content-Length": ["0", "-1", "abc", "+0", "0, 0", " 0"],
}
HX_TARGETS = ["results", "load-more", "main", "", "x" * 200, "#results", "results ", "items"]
HX_OTHERS = ["true", "false", "http://evil.example/", "javascript:alert(1)", "x" * 500]
LONG = [1000, 4000, 8000, 8190, 8192, 12000, 40000, 70000]
METHODS = {
    **{"GET": 62, "HEAD": 10, "POST": 8, "PUT": 2, "DELETE": 2, "PATCH": 1, "OPTIONS": 3},
    **{"PURGE": 5, "TRACE": 1, "PROPFIND": 1, "FOO": 1, "get": 1, "BAN": 1},
}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"}
CONTENT_TYPES = [
    *("application/x-www-form-urlencoded", "application/json", "text/plain", "a/b"),
    *("multipart/form-data; boundary=xyz", "multipart/form-data", "application/xml", ""),
]
BODIES = [
    ("application/x-www-form-urlencoded", b"a=1&b=2&csrfmiddlewaretoken=x"),
    ("application/x-www-form-urlencoded", b"%ZZ=%C0%AF&" * 50),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(1500))),
    ("application/json", b'{"q": "x", "region": [1, 2]}'),
    ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="a"'),
    ("multipart/form-data; boundary=xyz", b"--xyz--\r\n"),
    ("multipart/form-data", b"no boundary"),
    ("multipart/form-data; boundary=" + "x" * 300, b"--x\r\n\r\n"),
]
# Chunked bodies a server can refuse at once (none leaves it waiting for more).
BAD_CHUNKS = [b"zz\r\nabc\r\n0\r\n\r\n", b"-1\r\n\r\n", b"0x10\r\n\r\n", b"0;ext=\x01\r\n\r\n"]
# Admin logins come from the login form's real CSRF pair (live_values), with odd fields.
LOGIN_NEXT = ["/admin/", "http://evil.example/", "//evil.example", "javascript:alert(1)", "%"]

HOST = b"Host: 127.0.0.1\r\n"
RAW_REQUESTS = [
    ("HTTP/1.0 without Host", b"GET / HTTP/1.0\r\n\r\n"),
    ("HTTP/0.9", b"GET /\r\n\r\n"),
    ("HTTP/2.0 line", b"GET / HTTP/2.0\r\n" + HOST + b"\r\n"),
    ("HTTP/9.9", b"GET / HTTP/9.9\r\n" + HOST + b"\r\n"),
    ("bare LF", b"GET /regions/ HTTP/1.1\nHost: 127.0.0.1\n\n"),
    ("raw UTF-8 path", "GET /régions/بيروت/ HTTP/1.1\r\n".encode() + HOST + b"\r\n"),
    ("raw latin-1 path", b"GET /\xff\xfe/ HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("raw UTF-8 query", "GET /search/?q=بيروت HTTP/1.1\r\n".encode() + HOST + b"\r\n"),
    ("space in path", b"GET /regions/ lebanon/ HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("NUL in path", b"GET /\x00 HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("NUL in query", b"GET /search/?q=\x00 HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("tab separator", b"GET\t/ HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("double space", b"GET  / HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("NUL in method", b"G\x00T / HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("leading space", b" GET / HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("leading CRLF", b"\r\n\r\nGET / HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("folded header", b"GET / HTTP/1.1\r\n" + HOST + b"X-A: a\r\n folded\r\n\r\n"),
    ("space before colon", b"GET / HTTP/1.1\r\n" + HOST + b"X-A : b\r\n\r\n"),
    ("header without colon", b"GET / HTTP/1.1\r\n" + HOST + b"NoColon\r\n\r\n"),
    ("NUL in header", b"GET / HTTP/1.1\r\n" + HOST + b"X-A: \x00\r\n\r\n"),
    ("UTF-8 header", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: بيروت\r\n\r\n".encode()),
    ("UTF-8 Host", "GET / HTTP/1.1\r\nHost: بيروت\r\n\r\n".encode()),
    ("two lengths", b"POST / HTTP/1.1\r\n" + HOST + b"Content-Length: 5\r\n" * 2 + b"\r\nhello"),
    (
        "length and chunked",
        b"POST / HTTP/1.1\r\n"
        + HOST
        + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ),
    (
        "chunked twice",
        b"POST / HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked, chunked\r\n\r\n",
    ),
    ("unknown coding", b"POST / HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: gzip\r\n\r\n"),
    ("absolute form", b"GET http://evil.example/regions/ HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("CONNECT", b"CONNECT 127.0.0.1:80 HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("OPTIONS *", b"OPTIONS * HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("incomplete", b"GET / HTTP/1.1\r\n" + HOST),
    ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    ("TLS hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 32),
    ("lower-case version", b"GET / http/1.1\r\n" + HOST + b"\r\n"),
    ("long method", b"G" * 5000 + b" / HTTP/1.1\r\n" + HOST + b"\r\n"),
    ("long line", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n" + HOST + b"\r\n"),
]


def encode(value: str) -> str:
    """A value percent-encoded as a browser would, lone surrogates included."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def chunked(data: bytes) -> bytes:
    head = b"%x\r\n%s\r\n" % (len(data), data) if data else b""
    return head + b"0\r\n\r\n"


def special_paths() -> list[str]:
    """Addresses that are not a route filled in: traversal, encodings, odd forms, sizes."""
    return [
        *("//", "///regions/", "/./", "/regions/./", "/regions/../admin/", "/.env", "/.git/config"),
        *("/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/static/../manage.py"),
        *("/static/%2e%2e/manage.py", "/static/", "/static/nope.css", "/media/", "/regions"),
        *("/REGIONS/", "/Regions/Lebanon/", "/index.php", "/wp-login.php", "/admin", "/api"),
        *("/api/articles", "/api/articles/1", "/feeds", "/sitemap.xml/", "/robots.txt/"),
        *("*", "http://127.0.0.1/regions/", "http://evil.example/", "https://127.0.0.1/"),
        *("/?", "/??", "/?&", "/?=", "/#frag", "/%23", "/%3F", "/;a=b", "/regions;/", "/%09"),
        *("/%0a", "/%0d%0aSet-Cookie:%20x=1", "/" + "a" * 2000, "/" + "a" * 9000, "/a" * 2000),
        *("/regions/" + "%C3%A9" * 1500, "/search/?q=" + "a" * 9000),
        "/?" + "&".join(f"f{n}=1" for n in range(1200)),
        "/search/?" + "&".join(["q=a"] * 500),
    ]


class Generator:
    """Requests drawn from a site's surface (``surface()`` and ``live_values()``): the same
    surface and seed give the same requests."""

    def __init__(self, site: dict, seed: int) -> None:
        self.rng = random.Random(seed)
        self.values = site["values"]
        self.parameters = site["parameters"]
        self.admin = [route for route in site["routes"] if route.startswith("admin/")]
        self.reader = [route for route in site["routes"] if not route.startswith("admin/")]
        self.special = special_paths() + sorted(set(self.values.get("static", [])))[:5]
        # The pages' own ETags as well: a conditional request that matches gets 304.
        self.header_values = {**HEADER_VALUES, "If-None-Match": ETAGS + self.values.get("etag", [])}
        # A real cursor, damaged: cut short, lengthened, reversed, its case swapped.
        self.edges = {name: list(values) for name, values in EDGES.items()}
        for name in CURSORS:
            real = self.values.get(name, [])
            self.edges[name] = [c for v in real for c in (v[:-1], v + "A", v[::-1], v.swapcase())]

    def probes(self, count: int) -> list[Probe]:
        return [self.probe() for _ in range(count)]

    def probe(self) -> Probe:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            name, raw = rng.choice(RAW_REQUESTS)
            return Probe(f"raw: {name}", raw=raw)
        # Few: each costs the password hasher a second.
        if roll < 0.055 and "csrf" in self.values:
            return self.login()
        if roll < 0.17:
            kind, target = "special path", rng.choice(self.special)
        else:
            kind, target = self.route()
        method = rng.choices(list(METHODS), weights=list(METHODS.values()))[0]
        headers = [*self.host(), *self.extra_headers(method)]
        body = None
        if method in BODY_METHODS or rng.random() < 0.02:
            framing, body = self.body()
            headers += framing
        return Probe(kind, method, target, tuple(headers), body)

    def route(self) -> tuple[str, str]:
        """A URL pattern, its converters filled with real, edge or hostile values."""
        rng = self.rng
        route = rng.choice(self.admin if rng.random() < 0.15 else self.reader)
        noun = NOUN.match(route)
        noun = noun.group(1) if noun else ""
        index = rng.randrange(1 << 30)  # one index for all: an article's id with its slug

        def fill(match: re.Match) -> str:
            return self.segment(noun, match.group(1) or "str", match.group(2), index)

        target = "/" + CONVERTER.sub(fill, route)
        if rng.random() < 0.5:
            target += "?" + self.query()
        return f"route {route or '(home)'}", target

    def segment(self, noun: str, converter: str, name: str, index: int) -> str:
        roll = self.rng.random()
        real = self.values.get(f"{noun}:{name}")
        if real and roll < 0.6:
            return quote(real[index % len(real)], safe="")
        if roll < 0.8:
            return quote(self.rng.choice(EDGE.get(converter, EDGE["str"])), safe="/")
        return self.hostile()

    def hostile(self) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(RAW_ESCAPES)
        return encode(self.rng.choice(HOSTILE))

    def query(self) -> str:
        rng = self.rng
        pairs = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            name = rng.choice(self.parameters) if rng.random() < 0.85 else rng.choice(JUNK_NAMES)
            pairs.append(f"{encode(name)}={self.parameter(name)}")
        if rng.random() < 0.05:
            pairs.append(rng.choice(["", "&", "=", "q", "=x", "q=a=b", ";", "q[]=1", "%"]))
        return "&".join(pairs)

    def parameter(self, name: str) -> str:
        rng = self.rng
        roll = rng.random()
        good = self.values.get(name) or GOOD.get(name)
        if good and roll < 0.55:
            return encode(rng.choice(good))
        edges = self.edges.get(name)
        if edges and roll < 0.75:
            return encode(rng.choice(edges))
        return self.hostile()

    def host(self) -> list[tuple[str, str]]:
        roll = self.rng.random()
        if roll < 0.75:
            return [("Host", "127.0.0.1:{port}")]
        if roll < 0.95:
            return [("Host", self.rng.choice(HOSTS))]
        if roll < 0.98:
            return [("Host", "127.0.0.1:{port}"), ("Host", self.rng.choice(HOSTS))]
        return []

    def extra_headers(self, method: str) -> list[tuple[str, str | bytes]]:
        rng = self.rng
        headers: list[tuple[str, str | bytes]] = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            roll = rng.random()
            if roll < 0.15:
                headers += self.htmx()
            elif roll < 0.22:
                headers += self.long()
            elif roll < 0.3:
                # Any hostile value in a header the app reads (CR and LF end a header).
                value = rng.choice(HOSTILE).replace("\r", "").replace("\n", "")
                name = rng.choice([*self.header_values, "HX-Target", "HX-Request"])
                headers.append((name, value.encode("utf-8", "surrogatepass")))
            else:
                name = rng.choice(list(self.header_values))
                headers.append((name, rng.choice(self.header_values[name])))
        if method == "PURGE":
            headers += [("xkey-purge", "article-1"), ("X-Purge-Secret", "wrong")][
                : rng.randint(0, 2)
            ]
        return headers

    def htmx(self) -> list[tuple[str, str]]:
        rng = self.rng
        headers = [("HX-Request", rng.choice(["true", "true", "true", "false", "TRUE", "1", ""]))]
        if rng.random() < 0.8:
            headers.append(("HX-Target", rng.choice(HX_TARGETS)))
        for name in ("HX-History-Restore-Request", "HX-Trigger", "HX-Current-URL", "HX-Boosted"):
            if rng.random() < 0.15:
                headers.append((name, rng.choice(HX_OTHERS)))
        return headers

    def long(self) -> list[tuple[str, str]]:
        """A header past the servers' limits, or near them; many headers; a long name."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            name = rng.choice(["Cookie", "X-Long", "User-Agent", "Referer", "HX-Target", "Accept"])
            return [(name, "a" * rng.choice(LONG))]
        if roll < 0.8:
            return [(f"X-Many-{n}", "x") for n in range(rng.choice([50, 95, 101, 200]))]
        return [("X-" + "a" * rng.choice([100, 1000, 9000]), "x")]

    def body(self) -> tuple[list[tuple[str, str]], bytes | None]:
        """A body and the headers that frame it; every one complete, so no server waits."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return [], None
        if roll < 0.2:
            return [("Transfer-Encoding", "chunked")], chunked(rng.randbytes(rng.randint(0, 3000)))
        if roll < 0.25:
            return [("Transfer-Encoding", "chunked")], rng.choice(BAD_CHUNKS)
        if roll < 0.5:
            content_type, data = rng.choice(CONTENT_TYPES), rng.randbytes(rng.randint(0, 5000))
        else:
            content_type, data = rng.choice(BODIES)
        return [("Content-Type", content_type), ("Content-Length", str(len(data)))], data

    def login(self) -> Probe:
        """The admin's login form posted with its real CSRF pair and odd fields."""
        rng = self.rng
        cookie, token = self.values["csrf"]
        fields = {
            "csrfmiddlewaretoken": token if rng.random() < 0.8 else rng.choice(HOSTILE),
            "username": rng.choice([*HOSTILE, "editor", "admin"]),
            "password": rng.choice(HOSTILE),
        }
        data = "&".join(f"{name}={encode(value)}" for name, value in fields.items()).encode()
        content_type = "application/x-www-form-urlencoded"
        if rng.random() < 0.2:
            content_type, data = rng.choice(BODIES)
        headers = [
            ("Host", "127.0.0.1:{port}"),
            ("Cookie", f"csrftoken={cookie}"),
            ("Content-Type", content_type),
            ("Content-Length", str(len(data))),
        ]
        if rng.random() < 0.3:
            headers.append(("Origin", rng.choice(["http://127.0.0.1:{port}", "null", "http://x"])))
        if rng.random() < 0.3:
            headers += self.extra_headers("POST")
        target = "/admin/login/?next=" + encode(rng.choice(LOGIN_NEXT))
        return Probe("admin login form", "POST", target, tuple(headers), data)


# -- what came back ---------------------------------------------------------------------

TRACEBACK = "Traceback (most recent call last):"
CHAINED = ("During handling of the above exception", "The above exception was the direct")
WORKER_TROUBLE = re.compile(r"WORKER TIMEOUT|was sent SIG|exited with code|Worker failed|Reason:")


@dataclass
class Traceback:
    message: str  # the line before it: "Internal Server Error: /path" from django.request
    exception: str  # its last line: "ValueError: ..."
    frames: list[str]

    @property
    def server_error(self) -> bool:
        """A 5xx logged by Django, or an error gunicorn itself logged."""
        return self.message.startswith("Internal Server Error") or bool(
            re.search(r"\[(ERROR|CRITICAL)\]", self.message)
        )

    @property
    def path(self) -> str:
        return self.message.split(": ", 1)[-1] if self.server_error else ""

    @property
    def where(self) -> str:
        """The deepest frame in the project's own code, else in a library that is neither
        Django nor the database driver (django-axes, say), else the deepest of all."""
        own = [frame for frame in self.frames if f"{ROOT}/newsreader/" in frame]
        others = [f for f in self.frames if not re.search(r"/(django|psycopg)/", f)]
        return (own or others or self.frames or ["(no frames)"])[-1]


def tracebacks(log: str) -> list[Traceback]:
    """The tracebacks in a log, a chain of them as one (its last exception, its first
    message)."""
    lines = log.splitlines()
    found: list[Traceback] = []
    for i, line in enumerate(lines):
        if line != TRACEBACK:
            continue
        end = i + 1
        while end < len(lines) and lines[end][:1].isspace():
            end += 1
        frames = [f.strip() for f in lines[i + 1 : end] if f.strip().startswith('File "')]
        exception = lines[end] if end < len(lines) else ""
        if i >= 2 and lines[i - 2].startswith(CHAINED) and found:
            found[-1] = Traceback(found[-1].message, exception, frames)
        else:
            found.append(Traceback(lines[i - 1] if i else "", exception, frames))
    return found


def varnish_failures(varnish: Varnish) -> dict[str, dict[str, str]]:
    """What Varnish logged of each request it answered with a 5xx, by the request's id (the
    first number in X-Varnish): its FetchError, the app's status, its reason."""
    out = subprocess.run(
        [
            "varnishlog",
            "-d",
            "-n",
            str(varnish.workdir),
            "-g",
            "request",
            "-q",
            "RespStatus >= 500",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found: dict[str, dict[str, str]] = {}
    for block in re.split(r"^\*\s+<< Request\s+>> ", out, flags=re.M)[1:]:
        entry = found.setdefault(block.split(None, 1)[0], {})
        for tag, value in re.findall(
            r"^-+\s+(FetchError|BerespStatus|RespReason|Error)\s+(.*)$", block, re.M
        ):
            entry.setdefault(tag, value.strip())
    return found


@dataclass
class Report:
    probes: list[Probe]
    direct: list[Reply]
    varnish: list[Reply]
    log: str  # gunicorn's, with its workers' output
    varnish_log: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tracebacks = tracebacks(self.log)
        self.server_errors = [t for t in self.tracebacks if t.server_error]
        self.worker_trouble = [
            line for line in self.log.splitlines() if WORKER_TROUBLE.search(line)
        ]

    def blame(self, index: int) -> tuple[str, str]:
        """Who made a 5xx that Varnish answered, and how that is known: ("app", why) or
        ("varnish", the reason Varnish logged)."""
        reply, direct, probe = self.varnish[index], self.direct[index], self.probes[index]
        logged = self.varnish_log.get(reply.headers.get("x-varnish", "").split(" ")[0], {})
        if direct.status >= 500:
            return "app", f"straight to gunicorn it got {direct.status} too"
        if "cross-origin-resource-policy" in reply.headers:
            return "app", "the app's own error page came through"
        reason = logged.get("FetchError") or logged.get("Error")
        if reason and "read error" in reason and self.worker_trouble:
            return "app", f"{reason}: a gunicorn worker died (see its log)"
        if reason:
            return "varnish", reason
        # Varnish logs a BerespStatus for the error it makes itself too, after a FetchError.
        if logged.get("BerespStatus", "").startswith("5"):
            return "app", f"Varnish logged the app's {logged['BerespStatus']}"
        path = unquote(urlsplit(probe.target).path)
        if path and any(error.path == path for error in self.server_errors):
            return "app", "gunicorn logged a server error for this path"
        return "varnish", logged.get("RespReason", "no reason logged")

    def five_hundreds(self) -> list[dict]:
        """Every 5xx, with the request that caused it and, through Varnish, whose it was."""
        found = []
        for way, replies in (("direct", self.direct), ("varnish", self.varnish)):
            for index, reply in enumerate(replies):
                if reply.status < 500:
                    continue
                probe, direct = self.probes[index], self.direct[index]
                who, why = self.blame(index) if way == "varnish" else ("app", "see gunicorn's log")
                found.append(
                    {
                        **{"way": way, "status": reply.status, "who": who, "why": why},
                        "direct": direct.status or direct.error,
                        "kind": probe.kind,
                        "request": probe.describe(),
                        "answer": " ".join(reply.text.split())[:160],
                    }
                )
        return found

    def failed(self) -> bool:
        return bool(self.five_hundreds() or self.server_errors or self.worker_trouble)

    def statuses(self) -> dict[str, collections.Counter]:
        return {
            "straight to gunicorn": collections.Counter(r.status for r in self.direct),
            "through Varnish": collections.Counter(r.status for r in self.varnish),
        }

    def table(self) -> str:
        counts = self.statuses()
        ways = list(counts)
        rows = [f"{'status':<14}" + "".join(f"{way:>22}" for way in ways)]
        for status in sorted(set().union(*counts.values())):
            label = "no answer" if status == 0 else str(status)
            rows.append(f"{label:<14}" + "".join(f"{counts[w][status]:>22,}" for w in ways))
        for label, test in (("total", lambda s: True), ("5xx", lambda s: s >= 500)):
            sums = [sum(n for s, n in counts[w].items() if test(s)) for w in ways]
            rows.append(f"{label:<14}" + "".join(f"{n:>22,}" for n in sums))
        return "\n".join(rows)

    def summary(self) -> str:
        """The table, every 5xx (by cause, then one by one), and what gunicorn's log says."""
        failures = self.five_hundreds()
        causes = collections.defaultdict(list)
        for failure in failures:
            causes[tuple(failure[key] for key in ("way", "status", "who", "why"))].append(failure)
        blamed = collections.Counter(f["who"] for f in failures if f["way"] == "varnish")
        parts = [
            self.table(),
            "",
            f"5xx: {len(failures)} ({sum(f['way'] == 'direct' for f in failures)} straight from "
            f"gunicorn; through Varnish {blamed['app']} the app's, {blamed['varnish']} Varnish's)",
        ]
        for (way, status, who, why), group in causes.items():
            parts.append(f"  {len(group)} × {way} {status}, {who}'s: {why}")
            parts.append(f"      such as {group[0]['kind']}: {group[0]['request'][:240]}")
        if failures:
            parts.append("every 5xx:")
        parts += [
            f"  {f['way']} {f['status']} ({f['who']}: {f['why']}; straight to gunicorn: "
            f"{f['direct']}) {f['kind']}: {f['request']}"
            + (f"\n      answer: {f['answer']}" if f["answer"] else "")
            for f in failures
        ]
        parts.append(self.unanswered())
        parts.append(self.log_summary())
        return "\n".join(parts)

    def unanswered(self) -> str:
        """Requests a server closed the connection on without answering (a request too large
        or too malformed to answer), by way and error, with examples."""
        groups = collections.defaultdict(list)
        for way, replies in (("direct", self.direct), ("varnish", self.varnish)):
            for probe, reply in zip(self.probes, replies, strict=True):
                if reply.status == 0:
                    groups[(way, reply.error.split(":")[0])].append(probe)
        lines = [f"no answer: {sum(map(len, groups.values()))}"]
        for (way, error), probes in sorted(groups.items()):
            lines.append(f"  {way} × {len(probes)} {error}, such as:")
            lines += [f"    {probe.kind}: {probe.describe(60)[:200]}" for probe in probes[:3]]
        return "\n".join(lines)

    def log_summary(self) -> str:
        others = collections.Counter(
            re.sub(r"[:(].*", "", t.message) or "(no message)"
            for t in self.tracebacks
            if not t.server_error
        )
        lines = [
            f"gunicorn's log: {len(self.tracebacks)} tracebacks, {len(self.server_errors)} of "
            f"them server errors; {len(self.worker_trouble)} worker timeouts or exits"
        ]
        lines += [f"  {n} × {message} (answered 4xx)" for message, n in others.most_common()]
        causes = collections.defaultdict(list)
        for error in self.server_errors:
            causes[(error.exception, error.where)].append(error.message)
        for (exception, where), messages in causes.items():
            lines.append(f"  server error × {len(messages)}: {exception}\n    at {where}")
            lines.append(f"    first: {messages[0]}")
        lines += [f"  {line}" for line in self.worker_trouble[:20]]
        return "\n".join(lines)


# -- the site, and the run --------------------------------------------------------------


@dataclass
class Site:
    server: Gunicorn
    varnish: Varnish
    surface: dict


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def serving(workdir: Path, database: str, stories: int = 300, workers: int = 4) -> Iterator[Site]:
    """A production-like site (docs/deploy.md): a fresh PostgreSQL database with the seeds
    and ``stories`` synthetic ones, gunicorn with its workers' output in its log, and Varnish
    in front. The database is dropped afterwards."""
    env = production_env(
        postgres_database(database),
        DJANGO_SETTINGS_MODULE="newsreader.settings",
        NEWSREADER_CLIENT_IP_HEADER="X-Forwarded-For",
    )
    try:
        prepare_database(env)
        if stories:
            write_corpus(workdir / "corpus", stories)
            subprocess.run(
                [PYTHON, "manage.py", "ingest", str(workdir / "corpus")],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        found = read_surface(env)
        server = Gunicorn(
            # Workers' tracebacks go to the log (--capture-output); the statement timeout is
            # the web servers' own, as deployed.
            {**env, "GUNICORN_CMD_ARGS": "--capture-output", "DJANGO_DB_STATEMENT_TIMEOUT": "5"},
            workers=workers,
            log=workdir / "gunicorn.log",
        )
        varnish = Varnish(server.base, workdir)
        try:
            varnish.start()
            found["values"].update(live_values(server.base))
            yield Site(server, varnish, found)
        finally:
            varnish.stop()
            server.stop()
    finally:
        drop_database(database)


def fuzz(
    site: Site, requests: int, seed: int, concurrency: int = 8, progress: bool = False
) -> Report:
    """``requests`` generated requests straight to gunicorn, then the same through Varnish."""
    probes = Generator(site.surface, seed).probes(requests)
    direct = run(probes, site.server.base, concurrency, "straight to gunicorn" if progress else "")
    through = run(probes, site.varnish.url, concurrency, "through Varnish" if progress else "")
    failed = any(reply.status >= 500 for reply in through)
    return Report(
        probes,
        direct,
        through,
        site.server.log.read_text(errors="replace"),
        varnish_failures(site.varnish) if failed else {},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="requests each way")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--stories", type=int, default=300, help="synthetic stories to ingest")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsreader-fuzz-"))
    print(f"Serving the site from {workdir}", file=sys.stderr, flush=True)
    with serving(workdir, "newsreader_fuzz", args.stories, args.workers) as site:
        report = fuzz(site, args.requests, args.seed, args.concurrency, progress=True)
    print(
        f"newsreader fuzz: {args.requests:,} requests each way, seed {args.seed}, "
        f"{args.concurrency} clients, {args.workers} gunicorn workers\n"
    )
    print(report.summary())
    if report.failed():
        print(f"\ngunicorn's log: {workdir / 'gunicorn.log'}")
        sys.exit(1)
    shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
