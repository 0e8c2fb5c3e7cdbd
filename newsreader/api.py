"""The JSON API: published articles by region, date and words, one article, the regions,
and the OpenAPI document that describes them (newsreader/openapi.json, checked against the
answers by tests/test_api_contract.py)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsreader import search
from newsreader.forms import StoryFilterForm
from newsreader.frontend_cache import (
    add_keys,
    cache_publicly,
    whole_story_keys,
)
from newsreader.models import Article, ArticleRegion, Region
from newsreader.paging import BadCursor, paginate
from newsreader.security import rate_limited
from newsreader.serializers import article_json, articles_for_json

OPENAPI = Path(__file__).with_name("openapi.json")

API_PAGE_SIZE = 20
# Ids have at most 18 digits (see IdConverter in urls.py).
MAX_ID = 10**18 - 1


class ScriptSafeEncoder(DjangoJSONEncoder):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, as ``json_script`` does:
    scraped markup in a story can never be read as HTML, whatever a client sniffs."""

    ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

    def encode(self, o: Any) -> str:
        return super().encode(o).translate(self.ESCAPES)


def api_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    # ensure_ascii off: Arabic names stay readable, and the body is smaller.
    return JsonResponse(
        data, status=status, encoder=ScriptSafeEncoder, json_dumps_params={"ensure_ascii": False}
    )


def _error(message: str, status: int = 400) -> JsonResponse:
    return api_response({"error": message}, status=status)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _find_region(value: str) -> Region | None:
    if len(value) == 2 and value.isalpha():
        return Region.objects.filter(code=value.upper()).first()
    return Region.objects.filter(slug=value).first()


class BadParameter(Exception):
    """A parameter the API refuses; the message says which and why."""


def _stories(params: QueryDict) -> QuerySet[Article]:
    """The published stories the parameters ask for; BadParameter if one is wrong."""
    unknown = set(params) - {"region", "from", "to", "q", "cursor"}
    if unknown:
        raise BadParameter(f"Unknown parameter: {', '.join(sorted(unknown))}.")
    for name in ("from", "to"):
        if params.get(name) == "":
            raise BadParameter(f"{name}: empty; give a date as YYYY-MM-DD or leave it out.")
    form = StoryFilterForm({k: params[k] for k in ("from", "to") if k in params})
    if not form.is_valid():
        raise BadParameter(form.error_message())
    stories = form.filter(Article.objects.published())
    if region_value := params.get("region", "")[:100]:
        region = _find_region(region_value)
        if region is None:
            raise BadParameter(f"region: no region has the code or slug “{region_value}”.")
        links = ArticleRegion.objects.filter(region=region)
        if region.kind == Region.Kind.SUBREGION:
            # Stories link to countries and places, never to a subregion: its stories are
            # its countries', as its page lists them.
            links = ArticleRegion.objects.filter(region__parent=region)
        stories = stories.filter(id__in=links.values("article_id"))
    q = params.get("q", "")
    if len(q) > search.MAX_QUERY_LENGTH:
        raise BadParameter(f"q: at most {search.MAX_QUERY_LENGTH} characters.")
    return search.matching(stories, search.parse_query(q)) if q else stories


@require_safe
@rate_limited("search")
@cache_publicly
def api_articles(request: HttpRequest) -> JsonResponse:
    """``{"results": [...], "next": url-or-null}``, newest first, paged by cursor."""
    params = request.GET
    try:
        stories = _stories(params)
        page = paginate(
            articles_for_json(stories), after=params.get("cursor") or None, size=API_PAGE_SIZE
        )
    except BadParameter as error:
        return _error(str(error))
    except BadCursor:
        return _error("cursor: not a cursor this API gave out; start again without it.")
    base = _base_url(request)
    next_url = None
    if page.older:
        query_params = {k: params[k] for k in ("region", "from", "to", "q") if params.get(k)}
        query_params["cursor"] = str(page.older)
        next_url = f"{base}{reverse('api-articles')}?{urlencode(query_params)}"
    return api_response({"results": [article_json(a, base) for a in page.items], "next": next_url})


@require_safe
@cache_publicly
def api_article(request: HttpRequest, pk: int) -> JsonResponse:
    article = articles_for_json(Article.objects.published().filter(pk=pk)).first()
    if article is None:
        return _error("No published article has that id.", status=404)
    response = api_response(article_json(article, _base_url(request)))
    return add_keys(response, whole_story_keys(article))


@require_safe
@cache_publicly
def api_regions(request: HttpRequest) -> JsonResponse:
    """Subregions and countries, and the places that have stories, with their counts."""
    regions = (
        Region.objects.with_story_counts()
        .filter(Q(kind__in=[Region.Kind.SUBREGION, Region.Kind.COUNTRY]) | Q(story_count__gt=0))
        .select_related("parent")
        .order_by("id")
    )
    base = _base_url(request)
    results = [
        {
            "code": region.code,
            "name": region.name,
            "slug": region.slug,
            "kind": region.kind,
            "parent": region.parent.slug if region.parent else None,
            "url": base + region.get_absolute_url(),
            "article_count": region.story_count,
        }
        for region in regions
    ]
    return api_response({"results": results})


@require_safe
@cache_publicly
def api_openapi(request: HttpRequest) -> JsonResponse:
    return api_response({**openapi_document(), "servers": [{"url": _base_url(request)}]})


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI 3.1 description, without its server (the one asked)."""
    return json.loads(OPENAPI.read_text(encoding="utf-8"))
