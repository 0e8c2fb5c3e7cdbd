"""How a list page answers: the whole page, or for htmx only the part it asked for, and a
refusal in a sentence. The list views (views.py, archive_views.py, region_views.py,
coverage_views.py) share these."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from newsreader.security import refuse

STORY_RESULTS = "newsreader/_story_results.html"
# The element an htmx request targets -> the partial that answers it.
STORY_FRAGMENTS = {"load-more": "items", "results": "results"}


def fragment_for(request: HttpRequest, fragments: dict[str, str]) -> str | None:
    """The partial an htmx request asked for, or None for the whole page: a request that
    is not htmx's, that targets nothing this page has, or that restores history (Back and
    Forward ask for the page they return to, and must get all of it)."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return None
    return fragments.get(htmx.target or "")


def render_list(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    partials: str = STORY_RESULTS,
    fragments: dict[str, str] = STORY_FRAGMENTS,
    status: int = 200,
) -> HttpResponse:
    """Render a page, or for htmx only the part it asked for, from ``partials``.

    "Load more" targets ``#load-more`` and gets the next items; a filter or search form
    targets ``#results`` and gets the whole result block. Otherwise: the full page.
    """
    fragment = fragment_for(request, fragments)
    context = {**context, "fragment": fragment}
    if fragment:
        response = render(request, f"{partials}#{fragment}", context, status=status)
    else:
        response = render(request, template, context, status=status)
    # Each htmx target gets its own fragment, so caches keep one copy per target.
    patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
    return response


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return refuse(request, 400, message)


def refuse_form(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Filters the reader got wrong (a bad date, "from" after "to"): the page again, with
    each error beside its field and no stories, as a 400; to htmx, the results block says
    it (security.refuse)."""
    form = context["form"]
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return bad_request(request, form.error_message())
    response = render(request, template, {**context, "fragment": None}, status=400)
    add_never_cache_headers(response)
    return response
