"""Request hygiene that Django does not do by itself: a resource policy header, a public
site that only reads, no NUL in URL parameters, knowing the client's address behind a
proxy, and a per-client limit on searches."""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render


class CSPMiddleware(LibraryCSPMiddleware):
    """django-csp's middleware, with the site's policy built once instead of per response.

    newsreader's policy comes from settings alone: no nonces, no per-view decorators. Yet
    django-csp builds the same header from the settings for every response, which was a
    quarter of the time of a page served from the cache (0.13 of 0.51 ms in-process). A
    request that asked for a nonce, or a response that carries CSP settings of its own,
    still goes through django-csp's code.
    """

    PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self.PER_RESPONSE)
        ):
            return super().process_response(request, response)
        for header, policy, exempt, prefixes in site_policies():
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@functools.cache
def site_policies() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(header, policy, exemption attribute, excluded URL prefixes), built from settings."""
    policies = []
    for header, setting, exempt, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
    ):
        prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
        policies.append((header, build_policy(report_only=report_only), exempt, prefixes))
    return tuple(policies)


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policies.cache_clear()


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
    """The reader's address: REMOTE_ADDR, or behind a proxy the address it reports.

    ``NEWSREADER_CLIENT_IP_HEADER`` names the header the load balancer sets (for example
    ``X-Forwarded-For``). The last address in it is the one the balancer saw; earlier ones
    were sent by the client and could be anything.
    """
    header = settings.NEWSREADER_CLIENT_IP_HEADER
    if header:
        forwarded = request.headers.get(header, "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/60"`` -> 30 requests per 60 seconds."""
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


View = Callable[..., HttpResponse]


def rate_limited(scope: str) -> Callable[[View], View]:
    """Answer 429 once a client has made more than its share of requests in this scope.

    Counted in the shared cache (Redis in production), so the limit holds however many
    gunicorn workers or app servers answer the client. Only requests that search (with a
    ``q``) count: browsing the empty search form is free.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limit, window = parse_rate(settings.NEWSREADER_SEARCH_RATE)
            if limit and request.GET.get("q", "").strip():
                now = int(time.time())
                slot = now // window
                client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
                key = f"rate:{scope}:{client}:{slot}"
                try:
                    count = cache.incr(key)
                except ValueError:  # the client's first search in this window
                    # ``add`` fails when another worker added the key just now: count on it.
                    count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
                if count > limit:
                    retry_after = (slot + 1) * window - now
                    response = refuse(
                        request,
                        429,
                        f"Too many searches from your address; please wait {retry_after} seconds.",
                    )
                    response["Retry-After"] = str(max(retry_after, 1))
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """An answer to a request the site will not serve: ``{"error": message}`` under /api/,
    the site's page for the status (``400.html``, ``404.html``, ``429.html``) elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=status)
    return render(request, f"{status}.html", {"message": message}, status=status)
