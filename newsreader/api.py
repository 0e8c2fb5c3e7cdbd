"""The canonical JSON of an article: a public contract shared by the export and the API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsreader import search
from newsreader.forms import StoryFilterForm
from newsreader.frontend_cache import (
    add_keys,
    article_key,
    cache_publicly,
    organisation_key,
    person_key,
    region_key,
    source_key,
    thread_key,
)
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Caption,
    Region,
    Thread,
    published_story_counts,
)
from newsreader.paging import BadCursor, paginate
from newsreader.security import rate_limited


def articles_for_json(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Prefetch everything ``article_json`` reads, so a list costs a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "article_regions",
            queryset=ArticleRegion.objects.select_related("region").order_by(
                "-is_primary", "region__kind", "region__name", "region__id"
            ),
        ),
        Prefetch("captions", queryset=Caption.objects.select_related("photo_credit")),
        Prefetch(
            "article_sources",
            queryset=ArticleSource.objects.select_related("source").order_by(
                "role", "source__name"
            ),
        ),
        "provenance__file",
        Prefetch("thread", queryset=Thread.objects.with_headline()),
        Prefetch(
            "article_people",
            queryset=ArticlePerson.objects.filter(person__hidden=False)
            .select_related("person")
            .order_by("person__name"),
        ),
        Prefetch(
            "article_organisations",
            queryset=ArticleOrganisation.objects.filter(organisation__hidden=False)
            .select_related("organisation")
            .order_by("organisation__name"),
        ),
    ).select_related("publisher")


def region_json(region: Region, *, primary: bool) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "slug": region.slug, "primary": primary}


def article_json(article: Article, base_url: str) -> dict[str, Any]:
    """One article as ``{"id", "url", "title", "body", "published", "regions", ...}``."""
    return {
        "id": article.pk,
        "url": base_url.rstrip("/") + article.get_absolute_url(),
        "title": article.title,
        "body": "\n\n".join(article.paragraphs),
        "published": article.published_on.isoformat() if article.published_on else None,
        "regions": [
            region_json(link.region, primary=link.is_primary)
            for link in article.article_regions.all()
        ],
        "captions": [
            {
                "text": caption.text,
                "credit": str(caption.photo_credit) if caption.photo_credit else None,
                "photographer": caption.photographer or None,
            }
            for caption in article.captions.all()
        ],
        "sources": [
            {"name": link.source.name, "short_name": link.source.short_name, "role": link.role}
            for link in article.article_sources.all()
        ],
        "provenance": sorted({p.file.name for p in article.provenance.all()}),
        "publisher": publisher_json(article),
        "thread": thread_json(article, base_url),
        "people": [
            {"name": link.person.name, "role": link.role or None, "country": link.country or None}
            for link in article.article_people.all()
        ],
        "organisations": [
            {"name": link.organisation.name} for link in article.article_organisations.all()
        ],
    }


def thread_json(article: Article, base_url: str) -> dict[str, Any] | None:
    thread = article.thread
    if thread is None:
        return None
    return {
        "id": thread.pk,
        "title": thread.display_title,
        "url": base_url.rstrip("/") + thread.get_absolute_url(),
    }


def publisher_json(article: Article) -> dict[str, Any] | None:
    """``{"name", "url"}``: who published the story and the address of the original, each
    null when unknown; null when both are."""
    if article.publisher is None and not article.original_url:
        return None
    return {
        "name": article.publisher.name if article.publisher else None,
        "url": article.original_url or None,
    }


# -- the JSON API --------------------------------------------------------------------

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


@require_safe
@rate_limited("search")
@cache_publicly
def api_articles(request: HttpRequest) -> JsonResponse:
    """``{"results": [...], "next": url-or-null}``, newest first, paged by cursor."""
    params = request.GET
    unknown = set(params) - {"region", "from", "to", "q", "cursor"}
    if unknown:
        return _error(f"Unknown parameter: {', '.join(sorted(unknown))}.")
    for name in ("from", "to"):
        if params.get(name) == "":
            return _error(f"{name}: empty; give a date as YYYY-MM-DD or leave it out.")
    form = StoryFilterForm({k: params[k] for k in ("from", "to") if k in params})
    if not form.is_valid():
        return _error(form.error_message())
    stories = form.filter(Article.objects.published())
    region_value = params.get("region", "")
    if region_value:
        region = _find_region(region_value[:100])
        if region is None:
            return _error(f"region: no region has the code or slug “{region_value[:100]}”.")
        stories = stories.filter(
            id__in=ArticleRegion.objects.filter(region=region).values("article_id")
        )
    q = params.get("q", "")
    if len(q) > search.MAX_QUERY_LENGTH:
        return _error(f"q: at most {search.MAX_QUERY_LENGTH} characters.")
    if q:
        query = search.parse_query(q)
        stories = search.matching(stories, query)
    try:
        page = paginate(
            articles_for_json(stories), after=params.get("cursor") or None, size=API_PAGE_SIZE
        )
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
    return add_keys(
        api_response(article_json(article, _base_url(request))),
        {
            article_key(article.pk),
            *(region_key(link.region_id) for link in article.article_regions.all()),
            *(source_key(link.source_id) for link in article.article_sources.all()),
            *([thread_key(article.thread_id)] if article.thread_id else []),
            *(person_key(link.person_id) for link in article.article_people.all()),
            *(
                organisation_key(link.organisation_id)
                for link in article.article_organisations.all()
            ),
        },
    )


@require_safe
@cache_publicly
def api_regions(request: HttpRequest) -> JsonResponse:
    """Subregions and countries, and the places that have stories, with their counts."""
    counts = published_story_counts()
    regions = (
        Region.objects.filter(
            Q(kind__in=[Region.Kind.SUBREGION, Region.Kind.COUNTRY]) | Q(id__in=list(counts))
        )
        .select_related("parent")
        .order_by("id")
    )
    base = _base_url(request)
    results = []
    for region in regions:
        count = counts.get(region.pk, 0)
        results.append(
            {
                "code": region.code,
                "name": region.name,
                "slug": region.slug,
                "kind": region.kind,
                "parent": region.parent.slug if region.parent else None,
                "url": base + region.get_absolute_url(),
                "article_count": count,
            }
        )
    return api_response({"results": results})


@require_safe
@cache_publicly
def api_openapi(request: HttpRequest) -> JsonResponse:
    return api_response(openapi_document(_base_url(request)))


def openapi_document(base_url: str) -> dict[str, Any]:
    string = {"type": "string"}
    nullable_string = {"type": ["string", "null"]}
    region = {
        "type": "object",
        "required": ["code", "name", "slug", "primary"],
        "properties": {
            "code": nullable_string,
            "name": string,
            "slug": string,
            "primary": {"type": "boolean"},
        },
    }
    article = {
        "type": "object",
        "required": [
            "id",
            "url",
            "title",
            "body",
            "published",
            "regions",
            "captions",
            "sources",
            "provenance",
            "publisher",
            "thread",
            "people",
            "organisations",
        ],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
            "title": string,
            "body": {"type": "string", "description": "Paragraphs joined by a blank line."},
            "published": {"type": ["string", "null"], "format": "date"},
            "regions": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleRegion"}},
            "captions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "credit", "photographer"],
                    "properties": {
                        "text": string,
                        "credit": nullable_string,
                        "photographer": nullable_string,
                    },
                },
            },
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "short_name", "role"],
                    "properties": {
                        "name": string,
                        "short_name": string,
                        "role": {"type": "string", "enum": ["photo_credit", "cited"]},
                    },
                },
            },
            "provenance": {"type": "array", "items": string},
            "publisher": {
                "type": ["object", "null"],
                "description": "Who published the story and the address of the original; "
                "null when neither is known.",
                "required": ["name", "url"],
                "properties": {
                    "name": nullable_string,
                    "url": {"type": ["string", "null"], "format": "uri"},
                },
            },
            "thread": {
                "type": ["object", "null"],
                "description": "The developing story it is part of, with the stories "
                "from other days and outlets that tell the same event; null when none does.",
                "required": ["id", "title", "url"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": string,
                    "url": {"type": "string", "format": "uri"},
                },
            },
            "people": {
                "type": "array",
                "description": "The people it names, with the role and country (ISO 3166-1 "
                "alpha-2) it gives them; null when it gives none.",
                "items": {
                    "type": "object",
                    "required": ["name", "role", "country"],
                    "properties": {
                        "name": string,
                        "role": nullable_string,
                        "country": nullable_string,
                    },
                },
            },
            "organisations": {
                "type": "array",
                "description": "The organisations it names (parties, armed groups, "
                "international bodies), each once under its usual name.",
                "items": {"type": "object", "required": ["name"], "properties": {"name": string}},
            },
        },
    }
    error = {
        "description": "The request was not valid.",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": string},
                }
            }
        },
    }

    def json_response(schema: dict, description: str) -> dict:
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    date_param = {
        "type": "string",
        "format": "date",
        "pattern": r"^(19[0-9]{2}|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$",
        "description": "A date from 1900 to 2100, as YYYY-MM-DD.",
        "example": "2026-02-02",
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsreader API",
            "version": "1",
            "description": "Middle East and North Africa news articles, by region and date.",
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/api/articles/": {
                "get": {
                    "summary": "Published articles, newest first",
                    "parameters": [
                        {
                            "name": "region",
                            "in": "query",
                            "schema": string,
                            "description": "ISO 3166-1 alpha-2 code or region slug.",
                        },
                        {"name": "from", "in": "query", "schema": date_param},
                        {"name": "to", "in": "query", "schema": date_param},
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string", "maxLength": search.MAX_QUERY_LENGTH},
                        },
                        {
                            "name": "cursor",
                            "in": "query",
                            "schema": string,
                            "description": "From the previous page's `next`.",
                        },
                    ],
                    "responses": {
                        "200": json_response(
                            {
                                "type": "object",
                                "required": ["results", "next"],
                                "properties": {
                                    "results": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Article"},
                                    },
                                    "next": {"type": ["string", "null"], "format": "uri"},
                                },
                            },
                            "A page of articles.",
                        ),
                        "400": error,
                        "429": {**error, "description": "Too many searches from this client."},
                    },
                }
            },
            "/api/articles/{id}/": {
                "get": {
                    "summary": "One published article",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                        }
                    ],
                    "responses": {
                        "200": json_response(
                            {"$ref": "#/components/schemas/Article"}, "The article."
                        ),
                        "404": {**error, "description": "No published article has that id."},
                    },
                }
            },
            "/api/regions/": {
                "get": {
                    "summary": "Subregions, countries and places with stories",
                    "responses": {
                        "200": json_response(
                            {
                                "type": "object",
                                "required": ["results"],
                                "properties": {
                                    "results": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "code",
                                                "name",
                                                "slug",
                                                "url",
                                                "article_count",
                                            ],
                                            "properties": {
                                                "code": nullable_string,
                                                "name": string,
                                                "slug": string,
                                                "kind": {
                                                    "type": "string",
                                                    "enum": ["subregion", "country", "place"],
                                                },
                                                "parent": nullable_string,
                                                "url": {"type": "string", "format": "uri"},
                                                "article_count": {"type": "integer", "minimum": 0},
                                            },
                                        },
                                    }
                                },
                            },
                            "The regions.",
                        )
                    },
                }
            },
        },
        "components": {"schemas": {"Article": article, "ArticleRegion": region}},
    }
