"""Atom feeds: the latest stories, and the latest per region, source, thread, person and
organisation; and the page that explains and lists them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from newsreader.coverage_views import follows_merges
from newsreader.frontend_cache import cache_publicly, organisation_key, person_key, thread_key
from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Organisation,
    Person,
    Region,
    Source,
    Thread,
)
from newsreader.paging import newest_first
from newsreader.source_counts import source_story_counts

FEED_SIZE = 30


@require_safe
@cache_publicly
def feed_index(request: HttpRequest) -> HttpResponse:
    """What a feed is, and the feeds a reader can follow: every story, each region's with
    stories, each source's; threads, people and organisations have theirs on their pages."""
    regions = (
        Region.objects.with_story_counts()
        .exclude(kind=Region.Kind.PLACE)
        .filter(story_count__gt=0)
        .order_by("name")
    )
    sources = Source.objects.filter(pk__in=source_story_counts()).order_by("name")
    context = {"regions": regions, "sources": sources, "feed_size": FEED_SIZE}
    return render(request, "newsreader/feed_index.html", context)


class StoriesAtomFeed(Atom1Feed):
    def latest_post_date(self) -> datetime.datetime:
        """The feed's <updated>: its newest story's own date, not the moment an ingest
        last touched one of its entries (which would make every feed new after any
        ingest); the entries' own <updated> still follows edits."""
        dates = [item["pubdate"] for item in self.items if item["pubdate"]]
        return max(dates) if dates else super().latest_post_date()


class LatestStoriesFeed(Feed):
    feed_type = StoriesAtomFeed
    title = "newsreader: latest stories"
    subtitle = "The latest Middle East and North Africa stories."
    link = "/"
    # RFC 4287 wants an author for every entry: the feed's, unless an entry names its own.
    author_name = "newsreader"

    def stories(self, obj=None):
        return Article.objects.published().order_by(*newest_first())

    def items(self, obj=None):
        stories = self.stories(obj).select_related("publisher")
        return list(stories.prefetch_related("article_regions__region")[:FEED_SIZE])

    def item_author_name(self, item: Article) -> str | None:
        return item.publisher.name if item.publisher else None

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Atom marks the summary as HTML: escape the text, or a feed reader would run
        # markup that came in with a scraped story.
        paragraphs = item.paragraphs
        return escape(Truncator(paragraphs[0] if paragraphs else "").words(60))

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        """The story's date; none for an undated story (not the day it was ingested, which
        a feed reader would show as its date and sort it first by)."""
        if item.published_on:
            return datetime.datetime.combine(
                item.published_on, datetime.time(), tzinfo=datetime.UTC
            )
        return None

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [
            link.region.name for link in item.article_regions.all() if link.region.kind == "country"
        ]

    def item_guid(self, item: Article) -> str:
        return f"tag:newsreader,2026:article:{item.pk}"

    item_guid_is_permalink = False


class RegionFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Region:
        return get_object_or_404(Region, slug=slug)

    def title(self, obj: Region) -> str:
        return f"newsreader: {obj.name}"

    def subtitle(self, obj: Region) -> str:
        return f"The latest stories from {obj.name}."

    def link(self, obj: Region) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Region):
        region_ids = [obj.pk]
        if obj.kind == Region.Kind.SUBREGION:
            region_ids = list(obj.children.values_list("id", flat=True))
        return (
            super()
            .stories()
            .filter(
                id__in=ArticleRegion.objects.filter(region_id__in=region_ids).values("article_id")
            )
        )


class SourceFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Source:
        source = get_object_or_404(Source, slug=slug)
        if not source_story_counts(source):
            raise Http404("No published story names this source.")  # as its page
        return source

    def title(self, obj: Source) -> str:
        return f"newsreader: stories from {obj.name}"

    def subtitle(self, obj: Source) -> str:
        return f"The latest stories credited to or citing {obj.name}."

    def link(self, obj: Source) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Source):
        return (
            super()
            .stories()
            .filter(id__in=ArticleSource.objects.filter(source=obj).values("article_id"))
        )


class FollowsMerges:
    """A feed of a thread, person or organisation: where an editor merged it into another,
    its address answers 301 to the survivor's feed, as its page does."""

    merges: tuple[type[Thread | Person | Organisation], Callable[[int], str]]

    def __call__(self, request, **kwargs):
        return follows_merges(*self.merges)(super().__call__)(request, **kwargs)


class ThreadFeed(FollowsMerges, LatestStoriesFeed):
    merges = (Thread, thread_key)

    def get_object(self, request, pk: int) -> Thread:
        return get_object_or_404(Thread.objects.public(), pk=pk)

    def title(self, obj: Thread) -> str:
        return f"newsreader: {obj.display_title}"

    def subtitle(self, obj: Thread) -> str:
        return f"Every story in the developing story “{obj.display_title}”."

    def link(self, obj: Thread) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Thread):
        return super().stories().filter(thread=obj)


class PersonFeed(FollowsMerges, LatestStoriesFeed):
    merges = (Person, person_key)

    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person.objects.public(), slug=slug)

    def title(self, obj: Person) -> str:
        return f"newsreader: {obj.name}"

    def subtitle(self, obj: Person) -> str:
        return f"The latest stories naming {obj.name}."

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Person):
        return super().stories().filter(article_people__person=obj)


class OrganisationFeed(PersonFeed):
    merges = (Organisation, organisation_key)

    def get_object(self, request, slug: str) -> Organisation:
        return get_object_or_404(Organisation.objects.public(), slug=slug)

    def stories(self, obj: Organisation):
        return LatestStoriesFeed.stories(self).filter(article_organisations__organisation=obj)
