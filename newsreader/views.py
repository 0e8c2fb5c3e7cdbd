from __future__ import annotations

import calendar
import datetime
import sys
from collections import Counter, defaultdict

from django.db import InterfaceError, OperationalError, connections, router
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import TruncMonth, TruncYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_safe

from newsreader import maps, search, sharing
from newsreader.forms import RegionFilterForm, SearchForm, SourceFilterForm, StoryFilterForm
from newsreader.frontend_cache import (
    add_keys,
    article_key,
    cache_publicly,
    organisation_key,
    person_key,
    region_key,
    source_key,
    story_keys,
    thread_key,
)
from newsreader.ingest import topics
from newsreader.models import (
    SOURCE_ROLES,
    Article,
    ArticleRegion,
    Region,
    Source,
    StoryProfile,
    source_story_counts,
)
from newsreader.paging import Cursor, Page, beyond, newest_first, paginate
from newsreader.security import rate_limited, refuse

HOME_PER_REGION = 3
HOME_SECTIONS = 10
RELATED = 5
# Stories weighed for "Related": a thread's, and its region's newest.
RELATED_CANDIDATES = 30
WORDS_PER_MINUTE = 230


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


# -- home and lists ------------------------------------------------------------------


@require_safe
@cache_publicly
def home(request: HttpRequest) -> HttpResponse:
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    page = paginate(Article.objects.published().with_listing(), **form.paging)
    paging = form.cleaned_data["after"] or form.cleaned_data["before"]
    context = {
        "page": page,
        "form": form,
        "sections": [] if paging else region_sections(shown=page.items),
        "card_heading": "h3",
    }
    return render_list(request, "newsreader/home.html", context)


def region_sections(shown: list[Article]) -> list[dict]:
    """The home page's column: the regions with the newest stories, each with its newest
    stories that the main column (``shown``) does not already show."""
    countries = list(Region.objects.countries())
    # Enough of each region's newest that those the main column shows can be left out: as
    # many more as the main column shows of the region it shows most of.
    per_region = Counter(a.primary_region.pk for a in shown if a.primary_region)
    exclude = {a.pk for a in shown}
    limit = HOME_PER_REGION + max(per_region.values(), default=0)
    newest = {
        region: [pk for pk in ids if pk not in exclude][:HOME_PER_REGION]
        for region, ids in newest_per_region(countries, limit).items()
    }
    # A region's section shows titles and dates only.
    articles = (
        Article.objects.published()
        .only("id", "title", "slug", "published_on")
        .in_bulk({pk for ids in newest.values() for pk in ids})
    )
    sections = []
    for country in countries:
        shown = [articles[pk] for pk in newest.get(country.pk, []) if pk in articles]
        if shown:
            sections.append({"region": country, "articles": shown})
    # Regions with the most recent news first; undated-only regions last.
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
        " ORDER BY published_on DESC NULLS LAST, article_id DESC LIMIT %s) AS r{n}"
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
    return (first.published_on is not None, first.published_on or datetime.date.min, first.pk)


@require_safe
@cache_publicly
def region_index(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.with_story_counts()
    places_by_country = defaultdict(list)
    for place in regions.places().filter(story_count__gt=0).order_by("name"):
        places_by_country[place.parent_id].append(place)
    subregions = []
    for region in regions.exclude(kind=Region.Kind.PLACE).order_by("id"):
        region.places_with_stories = places_by_country.get(region.pk, [])
        if region.kind == Region.Kind.SUBREGION:
            region.countries = []
            subregions.append(region)
        else:
            next(s for s in subregions if s.pk == region.parent_id).countries.append(region)
    for subregion in subregions:
        subregion.countries.sort(key=lambda c: c.name)
    countries = [country for subregion in subregions for country in subregion.countries]
    most = max((country.story_count for country in countries), default=0)
    for country in countries:
        country.outline = maps.outline(country.code, country.name)
        country.shade = maps.shade(country.story_count, most)
    # Dots (countries too small to outline) are drawn last, so that they sit on top.
    countries.sort(key=lambda country: bool(country.outline and country.outline.dot))
    context = {
        "subregions": subregions,
        "countries": countries,
        "map": {"width": maps.WIDTH, "height": maps.HEIGHT, "dot": maps.DOT_RADIUS, "most": most},
    }
    return render(request, "newsreader/region_index.html", context)


@require_safe
@cache_publicly
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    if region.kind == Region.Kind.PLACE:
        places = [region]
    elif region.kind == Region.Kind.COUNTRY:
        # One index probe per place, rather than a join through every story of the country.
        places = list(
            Region.objects.places()
            .filter(parent=region)
            .filter(Exists(ArticleRegion.objects.filter(region=OuterRef("pk"), is_published=True)))
            .order_by("name")
        )
    else:
        places = []
    form = RegionFilterForm(request.GET, places=places if region.kind == "country" else [])
    context = {
        "region": region,
        "form": form,
        "page": Page(),
        "places": places,
        "feed_url": reverse("newsreader:region-feed", args=[region.slug]),
    }
    if not form.is_valid():
        return refuse_form(request, "newsreader/region_detail.html", context)
    place = form.cleaned_data.get("place")
    # A country's or place's stories come straight from the region-link index; a
    # subregion's from one range of it per country.
    if region.kind == Region.Kind.SUBREGION:
        ranges = [region_links(country) for country in region.children.all()]
    else:
        ranges = [region_links(place or region)]
    page = paginate([form.filter(links) for links in ranges], **form.paging, id_field="article_id")
    page.items = (
        Article.objects.published()
        .with_listing()
        .in_order([link.article_id for link in page.items])
    )
    context |= {"page": page, "place": place}
    if not fragment_for(request, STORY_FRAGMENTS):  # the chart is outside the results
        context |= stories_per_week(region)
    response = render_list(request, "newsreader/region_detail.html", context)
    return add_keys(response, {region_key(region.pk), *story_keys(page.items)})


def region_links(region: Region) -> QuerySet[ArticleRegion]:
    return ArticleRegion.objects.filter(region=region, is_published=True)


def stories_per_week(region: Region) -> dict:
    """The chart on a region's page: its stories per week in the weeks to its newest."""
    if region.kind == Region.Kind.SUBREGION:
        links = ArticleRegion.objects.filter(region__parent=region, is_published=True)
    else:
        links = region_links(region)
    newest = links.filter(published_on__isnull=False).order_by("-published_on").first()
    if not newest:
        return {"weeks": []}
    counts = dict(
        links.filter(
            published_on__range=(maps.chart_start(newest.published_on), newest.published_on)
        )
        .order_by()
        .values_list("published_on")
        .annotate(n=Count("article_id", distinct=True))
    )
    weeks = maps.weekly(counts, newest.published_on)
    return {
        "weeks": weeks,
        "last_day": newest.published_on,
        "chart": {"width": maps.CHART_WIDTH, "height": maps.CHART_HEIGHT, "bar": maps.BAR_WIDTH},
        "weeks_total": sum(week.count for week in weeks),
    }


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
    response = render_list(request, "newsreader/source_detail.html", context)
    return add_keys(response, {source_key(source.pk), *story_keys(page.items)})


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
    return add_keys(
        response,
        {
            *story_keys(shown, regions=False),
            *(region_key(link.region_id) for link in article.article_regions.all()),
            *(source_key(link.source_id) for link in article.article_sources.all()),
            *([source_key(article.publisher_id)] if article.publisher_id else []),
            *([thread_key(article.thread_id)] if article.thread_id else []),
            *(person_key(link.person_id) for link in article.article_people.all()),
            *(
                organisation_key(link.organisation_id)
                for link in article.article_organisations.all()
            ),
        },
    )


def article_context(article: Article) -> dict:
    """What an article's page shows: the story, its thread, its region's newer and older
    stories, and related stories. Also the editors' preview of a draft (``ArticleAdmin``)."""
    region = article.primary_region
    newer_id = older_id = None
    candidates: list[int] = []
    if region:
        # Neighbours come from the region-link index: "More from Saudi Arabia" means
        # stories about Saudi Arabia, not every story that mentions it.
        links = ArticleRegion.objects.filter(
            region=region, is_published=True, is_primary=True
        ).exclude(article_id=article.pk)
        cursor = Cursor.of(article)
        ids = links.values_list("article_id", flat=True)
        newer_id = next(iter(beyond(ids, cursor, older=False, size=1, id_field="article_id")), None)
        older_id = next(iter(beyond(ids, cursor, older=True, size=1, id_field="article_id")), None)
        candidates = list(
            links.order_by(*newest_first("article_id")).values_list("article_id", flat=True)[
                :RELATED_CANDIDATES
            ]
        )
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
        .only("id", "title", "slug", "published_on")
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
        "feed_url": reverse("newsreader:region-feed", args=[region.slug]) if region else None,
    }


def related_by_content(article: Article, candidates: list[int], exclude: set) -> list[int]:
    """Of these stories (its thread's and its region's newest), the RELATED most like
    this one by what they say (their profiles, newsreader/ingest/topics.py)."""
    ids = {pk for pk in candidates if pk not in exclude}
    profiles = dict(
        StoryProfile.objects.filter(article_id__in=[*ids, article.pk]).values_list(
            "article_id", "terms"
        )
    )
    mine = profiles.get(article.pk, {})
    ranked = sorted(ids, key=lambda pk: (-topics.similarity(mine, profiles.get(pk, {})), -pk))
    return ranked[:RELATED]


# -- date archive --------------------------------------------------------------------


def _valid_date(year: int, month: int = 1, day: int = 1) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise Http404("No such date.") from error


@require_safe
@cache_publicly
def archive_index(request: HttpRequest) -> HttpResponse:
    years = (
        Article.objects.published()
        .filter(published_on__isnull=False)
        .annotate(year=TruncYear("published_on"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("-year")
    )
    undated = Article.objects.published().undated().count()
    return render(
        request, "newsreader/archive_index.html", {"years": list(years), "undated": undated}
    )


@require_safe
@cache_publicly
def archive_year(request: HttpRequest, year: int) -> HttpResponse:
    start = _valid_date(year)
    months = list(
        Article.objects.published()
        .filter(published_on__year=year)
        .annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )
    if not months:
        raise Http404("No stories that year.")
    previous_year, next_year = Article.objects.published().dates_around(
        start, start.replace(month=12, day=31)
    )
    context = {
        "year": start,
        "months": months,
        "previous_year": previous_year,
        "next_year": next_year,
    }
    return render(request, "newsreader/archive_year.html", context)


def _month_calendar(first: datetime.date) -> tuple[list, dict]:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    counts = dict(
        Article.objects.published()
        .filter(published_on__range=(first, last))
        .values_list("published_on")
        .annotate(n=Count("id"))
    )
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid = [
        [
            {"date": day, "in_month": day.month == first.month, "count": counts.get(day, 0)}
            for day in week
        ]
        for week in weeks
    ]
    previous, following = Article.objects.published().dates_around(first, last)
    return grid, {"counts": counts, "previous_month": previous, "next_month": following}


@require_safe
@cache_publicly
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _valid_date(year, month)
    grid, neighbours = _month_calendar(first)
    if not neighbours["counts"]:
        raise Http404("No stories that month.")
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    last = first.replace(day=calendar.monthrange(year, month)[1])
    page = paginate(
        Article.objects.published().filter(published_on__range=(first, last)).with_listing(),
        **form.paging,
    )
    context = {"month": first, "weeks": grid, "page": page, **neighbours}
    return render_list(request, "newsreader/archive_month.html", context)


@require_safe
@cache_publicly
def archive_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    date = _valid_date(year, month, day)
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    page = paginate(
        Article.objects.published().filter(published_on=date).with_listing(), **form.paging
    )
    if not page.items and not (form.cleaned_data["after"] or form.cleaned_data["before"]):
        raise Http404("No stories that day.")
    grid, neighbours = _month_calendar(date.replace(day=1))
    previous_day, next_day = Article.objects.published().dates_around(date)
    context = {
        "day": date,
        "month": date.replace(day=1),
        "weeks": grid,
        "page": page,
        "previous_day": previous_day,
        "next_day": next_day,
        **neighbours,
    }
    return render_list(request, "newsreader/archive_day.html", context)


@require_safe
@cache_publicly
def archive_undated(request: HttpRequest) -> HttpResponse:
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    page = paginate(Article.objects.published().undated().with_listing(), **form.paging)
    return render_list(request, "newsreader/archive_undated.html", {"page": page})


# -- search --------------------------------------------------------------------------


@require_safe
@rate_limited("search")
@cache_publicly
def search_view(request: HttpRequest) -> HttpResponse:
    countries = list(Region.objects.countries().order_by("name"))
    form = SearchForm(request.GET, countries=countries)
    if not form.is_valid():
        return refuse_form(request, "newsreader/search.html", {"form": form, "results": []})
    query = search.parse_query(form.cleaned_data["q"])
    page_number = form.cleaned_data["page"] or 1
    results, has_next = [], False
    if not query.is_empty:
        stories = form.filter(Article.objects.published())
        region = form.cleaned_data["region"]
        if region:
            stories = stories.filter(
                id__in=ArticleRegion.objects.filter(region=region).values("article_id")
            )
        start = (page_number - 1) * search.RESULTS_PER_PAGE
        # Rank ids alone, then read the page's stories: ranking is the costly part, and
        # on PostgreSQL a list's joins made it join every story's region to rank them.
        ids = list(
            search.ranked(stories, query).values_list("id", flat=True)[
                start : start + search.RESULTS_PER_PAGE + 1
            ]
        )
        has_next = len(ids) > search.RESULTS_PER_PAGE and page_number < search.MAX_PAGES
        results = Article.objects.with_listing().in_order(ids[: search.RESULTS_PER_PAGE])
        extracts = search.snippets(results, query)
        for article in results:
            article.snippet = extracts.get(article.pk)
    context = {
        "form": form,
        "query": form.cleaned_data["q"],
        "results": results,
        "page_number": page_number,
        "has_next": has_next,
        # Stories up to the last one shown: all of them unless there is a next page.
        "shown_to": (page_number - 1) * search.RESULTS_PER_PAGE + len(results),
        "searched": not query.is_empty,
    }
    return render_list(
        request,
        "newsreader/search.html",
        context,
        partials="newsreader/search.html",
        fragments={"results": "results"},  # its pages are links, not "load more"
    )


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
