"""HTTP security: headers, methods, hosts, error pages, rate limits and the deploy check."""

import os
import secrets
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.core.cache import cache, caches
from django.db import OperationalError, transaction
from django.http import HttpResponse
from django.test import Client

from newsreader.models import Article
from tests.conftest import ROOT, SEEDS, ingest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/regions/",
    "/regions/palestine/",
    "/archive/",
    "/archive/2026/",
    "/archive/2026/2/",
    "/archive/2026/2/2/",
    "/archive/undated/",
    "/sources/",
    "/sources/afp/",
    "/search/?q=gaza",
    "/feeds/latest/",
    "/feeds/regions/palestine/",
    "/feeds/sources/afp/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/robots.txt",
    "/healthz",
    "/api/articles/",
    "/api/regions/",
    "/api/openapi.json",
    "the first article",
    "the first article in the API",
]


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The seed stories, ingested once for the module: each test runs inside this and rolls
    back its own changes, as Django's TestCase.setUpTestData does (a hundred tests here)."""
    with django_db_blocker.unblock(), transaction.atomic():
        ingest(SEEDS)
        yield Article.objects.order_by("pk").first().pk
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return Article.objects.get(pk=seeded_once)


def resolve(url: str, article: Article) -> str:
    if url == "the first article":
        return article.get_absolute_url()
    if url == "the first article in the API":
        return f"/api/articles/{article.pk}/"
    return url


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_responses_carry_the_security_headers(client, seeded, url):
    response = client.get(resolve(url, seeded), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_policy_is_what_django_csp_builds_and_follows_the_settings(client, settings):
    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["https:"]}}
    response = client.get("/")
    assert response["Content-Security-Policy"] == "default-src 'self'"
    assert response["Content-Security-Policy-Report-Only"] == build_policy(report_only=True)
    assert "img-src https:" in response["Content-Security-Policy-Report-Only"]


def test_a_response_with_its_own_policy_keeps_it(rf):
    @csp_update({"img-src": ["https://maps.example"]})
    def view(request):
        return HttpResponse("map")

    response = CSPMiddleware(view)(rf.get("/"))
    assert "img-src 'self' https://maps.example" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_secure_and_http_only(client, django_user_model):
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a long passphrase")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "chief", "password": "a long passphrase"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_refuse_writes_with_405(seeded, url, method):
    # With CSRF checks on, as a browser meets them: 405, not a CSRF failure.
    client = Client(enforce_csrf_checks=True)
    response = client.generic(method, resolve(url, seeded), data="title=x")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert Article.objects.count() == 4


def test_unknown_api_addresses_answer_json_404(client):
    response = client.get("/api/articles/-1/")
    assert response.status_code == 404
    assert response.json() == {"error": "There is nothing at this address."}
    assert "We could not find that page" in client.get("/no-such-page/").content.decode()


def test_head_is_answered_like_get_without_a_body(client, seeded):
    response = client.head("/regions/palestine/")
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000@evil.example", "a" * 300])
def test_a_host_the_site_does_not_serve_gets_400(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400


def test_a_server_error_shows_no_traceback_or_settings(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("newsreader.views.newest_per_region", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    for leak in ["Traceback", "secret internals", "SECRET_KEY", "settings.py", "DATABASES"]:
        assert leak not in page


def test_a_database_that_cannot_be_reached_gets_a_friendly_503(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("newsreader.views.newest_per_region", unreachable)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "back in a moment" in page
    assert "connection refused" not in page and "Traceback" not in page


@pytest.fixture
def search_limit(settings):
    # A day's window: django-ratelimit's windows are fixed, and a count that straddles the
    # end of one starts again.
    settings.NEWSREADER_SEARCH_RATE = "3/d"
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", ["/search/?q=gaza", "/api/articles/?q=gaza"])
def test_searches_beyond_the_per_client_limit_get_429(client, seeded, search_limit, url):
    statuses = [client.get(url, REMOTE_ADDR="198.51.100.7").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get(url, REMOTE_ADDR="198.51.100.7")
    assert 1 <= int(refused["Retry-After"]) <= 86400
    assert "Too many searches" in refused.content.decode()
    # Another reader is not affected, and browsing without a query is never limited.
    assert client.get(url, REMOTE_ADDR="198.51.100.8").status_code == 200
    assert client.get("/search/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(
    client, seeded, search_limit, settings
):
    settings.NEWSREADER_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.NEWSREADER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # A client cannot escape the limit by inventing the first X-Forwarded-For address.
    statuses = [
        client.get(
            "/search/?q=gaza",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.9",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_a_client_that_reaches_the_app_directly_cannot_choose_its_address(
    client, seeded, search_limit, settings
):
    settings.NEWSREADER_CLIENT_IP_HEADER = "X-Forwarded-For"
    # Not from a trusted proxy: whatever X-Forwarded-For says, the address is the peer's.
    statuses = [
        client.get(
            "/search/?q=gaza", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("198.51.100.1", "203.0.113.5", "198.51.100.1"),  # not a proxy: header ignored
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),  # one proxy
        ("10.0.0.2", "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the client's own prefix
        ("10.0.0.2", "203.0.113.5, 10.0.0.9", "203.0.113.5"),  # balancer, then Varnish
        ("10.0.0.2", "junk, 10.0.0.9", "10.0.0.9"),  # nothing but proxies that can be read
        ("10.0.0.2", "", "10.0.0.2"),
        # Sent straight to the app, a chain that ends at a trusted proxy is still the
        # client's own writing (ipware's trusted proxies alone would take 203.0.113.5).
        ("198.51.100.1", "203.0.113.5, 10.0.0.9", "198.51.100.1"),
    ],
)
def test_the_client_address_is_the_one_the_nearest_trusted_proxy_saw(
    rf, settings, remote, forwarded, expected
):
    from newsreader.security import client_address

    settings.NEWSREADER_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.NEWSREADER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def limited_views(*scopes: str) -> dict:
    """A throwaway view for each scope, limited as the site's searches are."""
    from newsreader.security import rate_limited

    def answer(request):
        return HttpResponse("answered")

    return {scope: rate_limited(scope)(answer) for scope in scopes}


def test_each_scope_is_counted_apart(rf, search_limit):
    views = limited_views("search", "export")
    statuses = {
        scope: [view(rf.get("/?q=gaza", REMOTE_ADDR="198.51.100.7")).status_code for _ in range(4)]
        for scope, view in views.items()
    }
    assert statuses == {"search": [200, 200, 200, 429], "export": [200, 200, 200, 429]}


def test_the_limit_reads_django_ratelimits_units(rf, settings, search_limit):
    settings.NEWSREADER_SEARCH_RATE = "2/h"
    view = limited_views("search")["search"]
    statuses = [view(rf.get("/?q=gaza", REMOTE_ADDR="198.51.100.7")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_rate_of_zero_turns_the_limit_off(rf, settings, search_limit):
    settings.NEWSREADER_SEARCH_RATE = "0/60"
    view = limited_views("search")["search"]
    statuses = {view(rf.get("/?q=gaza", REMOTE_ADDR="198.51.100.7")).status_code for _ in range(5)}
    assert statuses == {200}


def test_the_count_is_shared_by_every_worker(rf, search_limit):
    """Each thread has its own cache connection (with Redis, its own connection pool): the
    count still reaches the limit, as it must across gunicorn workers and servers."""
    view = limited_views("search")["search"]

    def search() -> int:
        return view(rf.get("/?q=gaza", REMOTE_ADDR="198.51.100.7")).status_code

    with ThreadPoolExecutor(max_workers=1) as other_worker:
        statuses = [search(), other_worker.submit(search).result(), search()]
        statuses.append(other_worker.submit(search).result())
    assert statuses == [200, 200, 200, 429]


@pytest.mark.parametrize("url", ["/search/?q=gaza", "/api/articles/?q=gaza"])
def test_with_the_cache_unreachable_searches_go_through_and_say_so(
    client, seeded, settings, caplog, url
):
    settings.NEWSREADER_SEARCH_RATE = "3/60"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    statuses = [client.get(url, REMOTE_ADDR="198.51.100.7").status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert "The search limit is off: the shared cache cannot be reached" in caplog.text


def test_a_search_the_cache_cannot_count_goes_through(rf, search_limit, monkeypatch):
    """The count's key expired between django-ratelimit's add and its incr: the search is
    not refused for it (RATELIMIT_FAIL_OPEN)."""

    def vanished(*args, **kwargs):
        raise ValueError("Key not found")

    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(caches["default"], "incr", vanished)
    view = limited_views("search")["search"]
    assert view(rf.get("/?q=gaza", REMOTE_ADDR="198.51.100.7")).status_code == 200


def test_login_lockout_counts_the_same_client_address(client, settings, django_user_model):
    """Behind a balancer every login arrives from its address: the lockout must count the
    client it names, or five failures from one reader would lock the editor out for all."""
    settings.NEWSREADER_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.NEWSREADER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    django_user_model.objects.create_user("eda", password="a long editor passphrase", is_staff=True)

    def login(address: str, password: str) -> int:
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "eda", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=address,
        ).status_code

    assert [login("203.0.113.66", "wrong") for _ in range(5)][-1] == 429
    assert login("203.0.113.66", "a long editor passphrase") == 429
    assert login("198.51.100.4", "a long editor passphrase") == 302


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_passes_with_the_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSREADER_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
    )
    result = deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

    # Purging Varnish without the secret it asks for would fail at every edit.
    result = deploy_check({**env, "NEWSREADER_VARNISH_URLS": "http://127.0.0.1:6081"})
    assert result.returncode == 1
    assert "NEWSREADER_PURGE_SECRET is not" in result.stderr


def test_a_command_without_its_settings_says_which_one_in_a_sentence():
    """Not a traceback: a newcomer who runs manage.py without DJANGO_DEBUG is told what to set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSREADER_", "PYTEST"))
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "manage.py: DJANGO_SECRET_KEY is not set; set it to a long random string, "
        "or set DJANGO_DEBUG=1 for local development."
    ]
