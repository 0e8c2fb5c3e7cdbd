from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict

from django.db import connections, router
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from newsreader import search, sharing
from newsreader.forms import HomeForm, SearchForm, SourceFilterForm
from newsreader.front import add_coverage
from newsreader.frontend_cache import (
    FRONT,
    View,
    add_keys,
    article_key,
    cache_publicly,
    source_key,
    story_keys,
    thread_key,
    whole_story_keys,
)
from newsreader.models import (
    COMPACT_FIELDS,
    SOURCE_ROLES,
    Article,
    ArticleRegion,
    Region,
    Source,
    StoryProfile,
    publishers_of,
)
from newsreader.outlet_coverage import blind_spots
from newsreader.paging import Cursor, beyond, newest_first, paginate
from newsreader.rendering import (
    STORY_FRAGMENTS,
    bad_request,
    fragment_for,
    refuse_form,
    render_list,
)
from newsreader.security import rate_limited
from newsreader.source_counts import source_story_counts
from newsreader.text import topics

HOME_PER_REGION = 3
HOME_SECTIONS = 10
RELATED = 5
# Stories weighed for "Related": a thread's, and its region's newest.
RELATED_CANDIDATES = 30
WORDS_PER_MINUTE = 230


# -- home and lists ------------------------------------------------------------------


@require_safe
@cache_publicly
def home(request: HttpRequest) -> HttpResponse:
    form = HomeForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    # Grouped by developing story: each thread once, by its newest story (front.py).
    page = paginate(Article.objects.published().thread_leads().with_listing(), **form.paging)
    threads = add_coverage(page.items)
    # The headlines the developing stories show under their newest.
    grouped = {o.pk for a in page.items if hasattr(a, "coverage") for o in a.coverage.others}
    paging = form.cleaned_data["after"] or form.cleaned_data["before"]
    context = {
        "page": page,
        "form": form,
        "sections": [] if paging else region_sections(shown=page.items, grouped=grouped),
        # Beside the latest on every page, so that a young archive, whose stories the main
        # column all shows, and an older page still have a side column to read on.
        "countries": Region.objects.countries()
        .with_story_counts()
        .filter(story_count__gt=0)
        .order_by("-story_count", "name"),
        "card_heading": "h3",
    }
    response = render_list(request, "newsreader/home.html", context)
    return add_keys(response, {FRONT, *map(thread_key, threads)})


def region_sections(shown: list[Article], grouped: set[int] = frozenset()) -> list[dict]:
    """The home page's column: the regions with the newest stories, each with its newest
    stories that the main column does not already show, as a card (``shown``) or under a
    developing story's newest (``grouped``)."""
    countries = list(Region.objects.countries())
    # Enough of each region's newest that those the main column shows can be left out: as
    # many more as the main column shows of the region it shows most of.
    per_region = Counter(a.primary_region.pk for a in shown if a.primary_region)
    exclude = {a.pk for a in shown} | grouped
    limit = HOME_PER_REGION + max(per_region.values(), default=0) + len(grouped)
    newest = {
        region: [pk for pk in ids if pk not in exclude][:HOME_PER_REGION]
        for region, ids in newest_per_region(countries, limit).items()
    }
    # A region's section shows titles and dates only.
    articles = (
        Article.objects.published()
        .only(*COMPACT_FIELDS)
        .in_bulk({pk for ids in newest.values() for pk in ids})
    )
    sections = []
    for country in countries:
        shown = [articles[pk] for pk in newest.get(country.pk, []) if pk in articles]
        if shown:
            sections.append({"region": country, "articles": shown})
    # Regions with the most recent news first.
    sections.sort(key=lambda section: _newest_key(section["articles"]), reverse=True)
    return sections[:HOME_SECTIONS]


def newest_per_region(regions: list[Region], count: int) -> dict[int, list[int]]:
    """The ids of each region's newest stories it is the primary region of, in one query:
    one index range per region, however many stories the archive holds."""
    if not regions:
        return {}
    one = (
        "SELECT * FROM (SELECT region_id, article_id FROM newsreader_articleregion"
        " WHERE region_id = %s AND is_published AND is_primary"
        " ORDER BY placed_on DESC NULLS LAST, article_id DESC LIMIT %s) AS r{n}"
    )
    sql = " UNION ALL ".join(one.format(n=n) for n in range(len(regions)))
    params = [value for region in regions for value in (region.pk, count)]
    newest: dict[int, list[int]] = defaultdict(list)
    with connections[router.db_for_read(ArticleRegion)].cursor() as cursor:
        cursor.execute(sql, params)
        for region_id, article_id in cursor.fetchall():
            newest[region_id].append(article_id)
    return newest


def _newest_key(articles: list[Article]) -> tuple:
    first = articles[0]
    return (first.placed_on is not None, first.placed_on or datetime.date.min, first.pk)


@require_safe
@cache_publicly
def source_index(request: HttpRequest) -> HttpResponse:
    counts = source_story_counts()
    sources = list(Source.objects.filter(pk__in=counts).order_by("name"))
    for source in sources:
        source.roles = [(role, counts[source.pk].get(role, 0)) for role in SOURCE_ROLES]
    return render(request, "newsreader/source_index.html", {"sources": sources})


@require_safe
@cache_publicly
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A source's stories in three lists: those it published, those citing it, and those
    with its photos; the first that has stories unless the reader chose (``role``)."""
    source = get_object_or_404(Source, slug=slug)
    form = SourceFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    counts = source_story_counts(source).get(source.pk, {})
    if not counts:
        # Only published stories make a name public: a source only drafts name (or
        # none) is unknown to readers, whatever its address.
        raise Http404("No published story names this source.")
    role = form.cleaned_data["role"] or next(
        (role for role in SOURCE_ROLES if counts.get(role)), "published"
    )
    page = paginate(
        form.filter(Article.objects.published().of_source(source, role)).with_listing(),
        **form.paging,
    )
    context = {
        "source": source,
        "form": form,
        "page": page,
        "role": role,
        "roles": [(key, label, counts.get(key, 0)) for key, label in SOURCE_ROLES.items()],
        "feed_url": reverse("newsreader:source-feed", args=[source.slug]),
    }
    keys = {source_key(source.pk), *story_keys(page.items)}
    if counts.get("published") and fragment_for(request, STORY_FRAGMENTS) is None:
        # The developing stories most other outlets covered and it did not.
        context["blind_spots"] = blind_spots(source)
        keys |= {thread_key(thread.pk) for thread in context["blind_spots"]}
    response = render_list(request, "newsreader/source_detail.html", context)
    return add_keys(response, keys)


# -- articles ------------------------------------------------------------------------


@require_safe
@cache_publicly
def article_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    article = get_object_or_404(Article.objects.published().for_reading(), pk=pk)
    if slug != article.slug:
        return add_keys(redirect(article, permanent=True), {article_key(article.pk)})
    context = article_context(article)
    canonical = request.build_absolute_uri(article.get_absolute_url())
    context["canonical_url"] = canonical
    context["structured_data"] = sharing.news_article(article, canonical)
    response = render(request, "newsreader/article_detail.html", context)
    shown = [article, *context["related"], *filter(None, (context["newer"], context["older"]))]
    # The other stories are links: their titles and dates.
    return add_keys(response, {*(article_key(a.pk) for a in shown), *whole_story_keys(article)})


def article_context(article: Article) -> dict:
    """What an article's page shows: the story, its thread, its region's newer and older
    stories, and related stories. Also the editors' preview of a draft (``ArticleAdmin``)."""
    region = article.primary_region
    newer_id, older_id, candidates = region_neighbours(article, region)
    thread_ids = []
    if article.thread_id:
        thread_ids = list(
            Article.objects.published()
            .filter(thread_id=article.thread_id)
            .exclude(pk=article.pk)
            .values_list("pk", flat=True)[:RELATED_CANDIDATES]
        )
    related_ids = related_by_content(
        article, [*thread_ids, *candidates], exclude={newer_id, older_id}
    )
    found = (
        Article.objects.published()
        .only(*COMPACT_FIELDS)
        .in_bulk([i for i in (newer_id, older_id, *related_ids) if i])
    )
    words = len(article.body.split())
    return {
        "article": article,
        "region": region,
        "related": [found[i] for i in related_ids if i in found],
        "newer": found.get(newer_id),
        "older": found.get(older_id),
        "thread_more": len(thread_ids),
        "reading_minutes": max(1, round(words / WORDS_PER_MINUTE)),
        "word_count": words,
        "sources_cited": [s for s in article.article_sources.all() if s.role == "cited"],
        "publishers": publishers_of(article),
        "feed_url": reverse("newsreader:region-feed", args=[region.slug]) if region else None,
    }


def region_neighbours(
    article: Article, region: Region | None
) -> tuple[int | None, int | None, list[int]]:
    """The story just newer and just older in its primary region, and the region's newest
    (the related stories' candidates). Neighbours come from the region-link index: "More
    from Saudi Arabia" means stories about Saudi Arabia, not every story that mentions it."""
    if region is None:
        return None, None, []
    links = ArticleRegion.objects.filter(region=region, is_published=True, is_primary=True)
    links = links.exclude(article_id=article.pk)
    cursor = Cursor.of(article)
    ids = links.values_list("article_id", flat=True)
    newer_id = next(iter(beyond(ids, cursor, older=False, size=1, id_field="article_id")), None)
    older_id = next(iter(beyond(ids, cursor, older=True, size=1, id_field="article_id")), None)
    newest = links.order_by(*newest_first("article_id")).values_list("article_id", flat=True)
    return newer_id, older_id, list(newest[:RELATED_CANDIDATES])


def related_by_content(article: Article, candidates: list[int], exclude: set) -> list[int]:
    """Of these stories (its thread's and its region's newest), the RELATED most like
    this one by what they say (their profiles, newsreader/text/topics.py)."""
    ids = {pk for pk in candidates if pk not in exclude}
    profiles = dict(
        StoryProfile.objects.filter(article_id__in=[*ids, article.pk]).values_list(
            "article_id", "terms"
        )
    )
    mine = profiles.get(article.pk, {})
    ranked = sorted(ids, key=lambda pk: (-topics.similarity(mine, profiles.get(pk, {})), -pk))
    return ranked[:RELATED]


# -- search --------------------------------------------------------------------------


def without_empty_parameters(view: View) -> View:
    """Send an address with empty parameters (``?q=gaza&region=&from=&to=``, what the
    form submits without JavaScript) to the same address without them, so that the one a
    reader shares or bookmarks says only what they chose. Before the search limit, which
    would otherwise count the search twice."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in given if value]
        if len(kept) < len(given):
            query = urlencode(kept)
            return redirect(f"{request.path}?{query}" if query else request.path)
        return view(request, *args, **kwargs)

    return wrapper


@require_safe
@without_empty_parameters
@rate_limited("search")
@cache_publicly
def search_view(request: HttpRequest) -> HttpResponse:
    countries = list(Region.objects.countries().order_by("name"))
    form = SearchForm(request.GET, countries=countries)
    if not form.is_valid():
        return refuse_form(request, "newsreader/search.html", {"form": form, "results": []})
    query = search.parse_query(form.cleaned_data["q"])
    page_number = form.cleaned_data["page"] or 1
    # "More results" in place keeps in the address how many were loaded (``shown``), in
    # whole pages from this one, as the lists do.
    pages = -(-(form.cleaned_data["shown"] or 1) // search.RESULTS_PER_PAGE)
    pages = min(pages, search.MAX_PAGES - page_number + 1)
    context = {
        "form": form,
        "query": form.cleaned_data["q"],
        "results": [],
        "page_number": page_number,
        "next_page": page_number + pages,
        "has_next": False,
        "searched": not query.is_empty,
    }
    status = 200
    if not query.is_empty:
        context.update(search_results(form, query, page_number, pages))
        if not context["results"] and context["last_page"]:
            status = 404  # past the last page: the page says where the results end
    return render_list(
        request,
        "newsreader/search.html",
        context,
        partials="newsreader/search.html",
        fragments={"results": "results", "load-more": "items"},
        status=status,
    )


def search_results(form: SearchForm, query: search.ParsedQuery, page: int, pages: int) -> dict:
    """``pages`` pages of results from ``page`` on, and whether there are more; past the
    last page, none and the number of the last (0 when nothing matches at all)."""
    stories = form.filter(Article.objects.published())
    region = form.cleaned_data["region"]
    if region:
        stories = stories.filter(
            id__in=ArticleRegion.objects.filter(region=region).values("article_id")
        )
    start = (page - 1) * search.RESULTS_PER_PAGE
    size = pages * search.RESULTS_PER_PAGE
    # Rank ids alone, then read the page's stories: ranking is the costly part, and
    # on PostgreSQL a list's joins made it join every story's region to rank them.
    ids = list(search.ranked(stories, query).values_list("id", flat=True)[start : start + size + 1])
    results = Article.objects.with_listing().in_order(ids[:size])
    extracts = search.snippets(results, query)
    for article in results:
        article.snippet = extracts.get(article.pk)
    more = len(ids) > size
    last_page = None
    if not ids and page > 1:
        # Counted only here, past the end: a shared link to a page the results no longer
        # reach (fewer stories match now) or a page number typed by hand.
        matches = search.ranked(stories, query).count()
        last_page = -(-matches // search.RESULTS_PER_PAGE)
    return {
        "results": results,
        "more": more,
        "has_next": more and page + pages <= search.MAX_PAGES,
        # Stories up to the last one shown: all of them unless there are more.
        "shown_to": start + len(results),
        "last_page": last_page,
    }
