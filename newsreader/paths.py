"""Addresses of the pages lists print by the dozen, without a reverse() for each."""

from __future__ import annotations

import functools
import re

from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=4096)
def _reverse(prefix: str, urlconf: str | None, viewname: str, args: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


# Measured (bench/pages.py, 5,000 stories, cold): with reverse() instead of these two, the
# home page took 15% more CPU and a region's page 11% more.
def reverse_few(viewname: str, *args: object) -> str:
    """``reverse()``, remembered, for URLs of which there are few (a region's, a source's).

    Lists print a region link per story and ``reverse()`` is not cheap; the script prefix
    and URLconf are part of the key, so what it returns is what ``reverse()`` would.
    """
    return _reverse(get_script_prefix(), get_urlconf(), viewname, args)


# Stand-ins that article_path() reverses once and then replaces.
_PK, _SLUG = 987654321, "slug-stand-in"
_SLUG_CHARS = re.compile(r"[-a-zA-Z0-9_]+")  # what Django's <slug:> converter matches


def article_path(pk: int, slug: str) -> str:
    """``reverse("newsreader:article-detail", args=[pk, slug])``, made from one reversed
    URL by putting the id and slug in: a list page prints dozens of article links (see
    reverse_few for what it saves). A slug the URL pattern would refuse goes through
    ``reverse()`` itself, which says so."""
    if not (isinstance(pk, int) and 0 <= pk < 10**18 and _SLUG_CHARS.fullmatch(slug or "")):
        return reverse("newsreader:article-detail", args=[pk, slug])
    head, _, tail = reverse_few("newsreader:article-detail", _PK, _SLUG).rpartition(str(_PK))
    middle, _, end = tail.partition(_SLUG)
    return f"{head}{pk}{middle}{slug}{end}"
