"""Request hygiene that Django does not do by itself: a resource policy header, a public
site that only reads, no NUL in URL parameters, knowing the client's address behind a
proxy, and a per-client limit on searches."""

from __future__ import annotations

import functools
import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CrossOriginResourcePolicyMiddleware:
    """Other sites may link to newsreader's pages but not embed its responses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class ReadOnlyPublicSiteMiddleware:
    """Outside the admin the site only reads: any method but GET and HEAD gets 405.

    Answered before CSRF is checked, so a POST to a page is "not allowed" (405), not a
    "forbidden" CSRF failure (403) that would suggest it could be allowed with a token.
    """

    SAFE_METHODS = ("GET", "HEAD")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in self.SAFE_METHODS and not request.path.startswith("/admin/"):
            return HttpResponseNotAllowed(self.SAFE_METHODS)
        return self.get_response(request)


class NulParameterMiddleware:
    """A NUL character in a URL parameter gets 400, before any view sees it.

    PostgreSQL cannot hold NUL in text and SQLite can, so a NUL let through would make the
    same request succeed on one database and fail on the other.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return refuse(
                request, 400, "A URL parameter contains a NUL character; remove it and try again."
            )
        return self.get_response(request)


def client_address(request: HttpRequest) -> str:
    """The reader's address: ``REMOTE_ADDR``, or behind trusted proxies the address the
    nearest of them reports.

    ``NEWSREADER_CLIENT_IP_HEADER`` names the header each proxy appends the address it saw
    to (``X-Forwarded-For``). It is read only when the request came from one of
    ``NEWSREADER_TRUSTED_PROXIES``, and from the right: each address a trusted proxy added
    is passed over until one that is not a proxy, the client. What the client itself sent
    stands to the left of that and is never used. Used by the search limit
    (``RATELIMIT_IP_META_KEY``) and by django-axes (``AXES_CLIENT_IP_CALLABLE``).

    Not django-ipware: it never looks at ``REMOTE_ADDR`` when the header is there, so a
    client that reaches the app directly could write the whole chain, and it trusts a
    fixed count of proxies, not any number of hops from a set.
    """
    address = request.META.get("REMOTE_ADDR", "")
    header = settings.NEWSREADER_CLIENT_IP_HEADER
    if not header or not is_trusted_proxy(address):
        return address
    for entry in reversed(request.headers.get(header, "").split(",")):
        entry = entry.strip()
        try:
            ipaddress.ip_address(entry)
        except ValueError:
            break  # not an address a proxy wrote: the last good one stands
        address = entry
        if not is_trusted_proxy(entry):
            break
    return address


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted_networks())


@functools.cache
def trusted_networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(entry, strict=False) for entry in settings.NEWSREADER_TRUSTED_PROXIES
    )


@receiver(setting_changed)
def _forget_trusted_networks(*, setting: str, **kwargs) -> None:
    if setting == "NEWSREADER_TRUSTED_PROXIES":
        trusted_networks.cache_clear()


def search_rate(group: str, request: HttpRequest) -> str | None:
    """django-ratelimit's rate for this request: ``NEWSREADER_SEARCH_RATE`` when it searches
    (has a ``q``), None (not counted) when it only shows the empty form or the count is 0."""
    rate = settings.NEWSREADER_SEARCH_RATE
    count, _, _ = rate.partition("/")
    if int(count) == 0 or not request.GET.get("q", "").strip():
        return None
    return rate


View = Callable[..., HttpResponse]


def rate_limited(scope: str) -> Callable[[View], View]:
    """Answer 429 once a client has made more than its share of requests in this scope.

    django-ratelimit counts each scope apart (its group) in the shared cache (Redis in
    production), so the limit holds however many gunicorn workers or app servers answer the
    client. Only requests that search (with a ``q``) count: browsing the empty search form
    is free.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            usage = count_request(request, scope)
            if usage and usage["should_limit"]:
                retry_after = max(usage["time_left"], 1)
                response = refuse(
                    request,
                    429,
                    f"Too many searches from your address; please wait {retry_after} seconds.",
                )
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def count_request(request: HttpRequest, scope: str) -> dict | None:
    """django-ratelimit's count of this request in its scope; None when it is not counted.

    ``RATELIMIT_FAIL_OPEN`` lets a request through when the cache answers without a count;
    Django's Redis cache raises instead when Redis cannot be reached, and the limit fails
    open here, and says so in the log.
    """
    try:
        return get_usage(request, group=scope, key="ip", rate=search_rate, increment=True)
    except RedisError as error:
        logger.warning("The search limit is off: the shared cache cannot be reached (%s).", error)
        return None


# What a refused htmx request gets in place of the element it targets (htmx swaps 400 and
# 429 answers in: see the htmx-config in _base.html).
REFUSED_FRAGMENTS = {"results": "_refused_results.html", "load-more": "_refused_more.html"}


def refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """An answer to a request the site will not serve: ``{"error": message}`` under /api/,
    the site's page for the status (``400.html``, ``404.html``, ``429.html``) elsewhere,
    and to a form updating its results with htmx, results that say it (so that the results
    never show an older search than the box)."""
    htmx = getattr(request, "htmx", None)
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": message}, status=status)
    elif htmx and htmx.target in REFUSED_FRAGMENTS and not htmx.history_restore_request:
        template = REFUSED_FRAGMENTS[htmx.target]
        response = render(request, template, {"message": message}, status=status)
        patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
    else:
        response = render(request, f"{status}.html", {"message": message}, status=status)
    add_never_cache_headers(response)
    return response
