"""The files crawlers and load balancers ask for, and the error pages."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsreader.security import refuse

# -- crawler files -------------------------------------------------------------------


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real one."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app answers. Touches no database (see docs/deploy.md)."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def ready(request: HttpRequest) -> HttpResponse:
    """For Varnish's health probe: the app answers and reaches its database. While it
    does not, Varnish serves readers what it has cached (deploy/varnish.vcl)."""
    try:
        connections["default"].ensure_connection()
    except (OperationalError, InterfaceError):
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 handler: JSON under /api/, the site's page elsewhere."""
    return refuse(request, 404, "There is nothing at this address.")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler; when the database cannot be reached, a 503 that asks to come back.

    Django calls it while handling the exception, so ``sys.exc_info()`` is the error. The
    pages are static: rendering them must not need the database that just failed.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "500.html", status=500)
