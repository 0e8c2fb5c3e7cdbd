"""The regions: the map of every region with its counts, and a region's stories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsreader import maps
from newsreader.forms import RegionFilterForm
from newsreader.frontend_cache import (
    add_keys,
    cache_publicly,
    region_key,
    story_keys,
)
from newsreader.models import (
    Article,
    ArticleRegion,
    Region,
)
from newsreader.paging import Page, paginate
from newsreader.rendering import (
    STORY_FRAGMENTS,
    fragment_for,
    refuse_form,
    render_list,
)


@dataclass
class OtherCountries:
    """The countries in no subregion, listed under a heading of their own."""

    name: str = "Other countries"
    slug: str = "other"
    countries: list = field(default_factory=list)

    @property
    def story_count(self) -> int:
        return sum(country.story_count for country in self.countries)

    def get_absolute_url(self) -> str:
        return ""


@require_safe
@cache_publicly
def region_index(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.with_story_counts()
    places_by_country = defaultdict(list)
    for place in regions.places().filter(story_count__gt=0).order_by("name"):
        places_by_country[place.parent_id].append(place)
    groups, countries = {}, []
    for region in regions.exclude(kind=Region.Kind.PLACE).order_by("id"):
        region.places_with_stories = places_by_country.get(region.pk, [])
        if region.kind == Region.Kind.SUBREGION:
            region.countries = []
            groups[region.pk] = region
        else:
            countries.append(region)
    # An editor may move a country into a subregion made after it, or out of any.
    unfiled = OtherCountries()
    for country in countries:
        groups.get(country.parent_id, unfiled).countries.append(country)
    subregions = [*groups.values(), *([unfiled] if unfiled.countries else [])]
    for subregion in subregions:
        subregion.countries.sort(key=lambda c: c.name)
    countries = [country for subregion in subregions for country in subregion.countries]
    bands = maps.bands(country.story_count for country in countries)
    for country in countries:
        country.outline = maps.outline(country.code, country.name)
        country.shade = maps.shade(country.story_count, bands)
    # Dots (countries too small to outline) are drawn last, so that they sit on top.
    countries.sort(key=lambda country: bool(country.outline and country.outline.dot))
    context = {
        "subregions": subregions,
        "countries": countries,
        "map": {"width": maps.WIDTH, "height": maps.HEIGHT, "dot": maps.DOT_RADIUS},
        "bands": bands,
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
    # The chart follows the filters: drawn with the page, and sent with the results an
    # htmx filter asks for (which swap it in place); "Older stories" leaves it be.
    if fragment_for(request, STORY_FRAGMENTS) != STORY_FRAGMENTS["load-more"]:
        context["week_chart"] = stories_per_week(region, form, place)
    response = render_list(
        request, "newsreader/region_detail.html", context, partials="newsreader/region_detail.html"
    )
    return add_keys(response, {region_key(region.pk), *story_keys(page.items)})


def region_links(region: Region) -> QuerySet[ArticleRegion]:
    return ArticleRegion.objects.filter(region=region, is_published=True)


def stories_per_week(
    region: Region, form: RegionFilterForm, place: Region | None
) -> maps.WeekChart | None:
    """The chart on a region's page: the stories its list has per week, within the
    reader's dates (``from``, ``to``) and place, in the weeks to the newest of them."""
    if place:
        links = region_links(place)
    elif region.kind == Region.Kind.SUBREGION:
        links = ArticleRegion.objects.filter(region__parent=region, is_published=True)
    else:
        links = region_links(region)
    # Dated stories only: a story is never counted on a day it was only seen. (A dated
    # story is placed on its date, and ``placed_on`` is what the region index holds.)
    links = form.filter(links.filter(published_on__isnull=False))
    newest = links.order_by("-placed_on").values_list("published_on", flat=True).first()
    if not newest:
        return None
    first_day = maps.chart_start(newest, form.cleaned_data.get("date_from"))
    counts = dict(
        links.filter(placed_on__range=(first_day, newest))
        .order_by()
        .values_list("published_on")
        .annotate(n=Count("article_id", distinct=True))
    )
    return maps.weekly(counts, newest, first_day)
