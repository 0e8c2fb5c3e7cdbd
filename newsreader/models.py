from __future__ import annotations

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils.text import slugify

# Threads, people and organisations (what a story is part of and who is in it), the files
# stories came from and editors' uploads: their own modules, which import nothing from this
# one (they name Article by string), re-exported here as the app's models.
from newsreader.coverage import (  # noqa: F401
    ArticleOrganisation,
    ArticlePerson,
    MergedAddress,
    Organisation,
    Person,
    StoryProfile,
    Thread,
)
from newsreader.paths import article_path, reverse_few  # noqa: F401 (re-exported)
from newsreader.records import (  # noqa: F401
    Author,
    IngestedFile,
    Provenance,
    Upload,
    publishers_of,
)
from newsreader.reference import Region, Source
from newsreader.text.parse import body_paragraphs


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)

    def count_per(self, period: str) -> list[dict]:
        """Dated stories counted per "year" or "month": ``[{period: date, "count": n}]``,
        oldest first, the date the period's first day."""
        trunc = {"year": TruncYear, "month": TruncMonth}[period]
        return list(
            self.filter(published_on__isnull=False)
            .annotate(**{period: trunc("published_on")})
            .values(period)
            .annotate(count=Count("id"))
            .order_by(period)
        )

    def dates_around(
        self, first: datetime.date, last: datetime.date | None = None
    ) -> tuple[datetime.date | None, datetime.date | None]:
        """The nearest publication dates before ``first`` and after ``last`` (``first``
        if not given): an archive page's previous and next links. Each is one probe of the
        newest-first index."""
        dated = self.filter(published_on__isnull=False).values_list("published_on", flat=True)
        return (
            dated.filter(published_on__lt=first).order_by("-published_on").first(),
            dated.filter(published_on__gt=last or first).order_by("published_on").first(),
        )

    def published_within(self, first: datetime.date, last: datetime.date) -> ArticleQuerySet:
        """The stories published from ``first`` to ``last``. (A dated story is placed on its
        date: the range on ``placed_on`` is what the newest-first index reads.)"""
        return self.filter(published_on__range=(first, last), placed_on__range=(first, last))

    def thread_leads(self) -> ArticleQuerySet:
        """Each thread's newest published story, and every story in no thread: what a list
        grouped by developing story shows (newsreader/front.py). A threaded row costs one
        probe of its thread's stories."""
        newest = (
            Article.objects.published()
            .filter(thread=models.OuterRef("thread"))
            .order_by(models.F("placed_on").desc(nulls_last=True), "-id")
            .values("pk")[:1]
        )
        return self.filter(Q(thread__isnull=True) | Q(pk=models.Subquery(newest)))

    def in_region(self, region: Region) -> ArticleQuerySet:
        return self.filter(article_regions__region=region)

    def of_source(self, source: Source, role: str) -> ArticleQuerySet:
        """The stories ``source`` published, cites or carries the photos of (SOURCE_ROLES)."""
        if role == "published":  # first, or as one of the outlets that republished it
            copies = Provenance.objects.filter(file__publisher=source).values("article_id")
            return self.filter(Q(publisher=source) | Q(id__in=copies))
        return self.filter(
            id__in=ArticleSource.objects.filter(source=source, role=role).values("article_id")
        )

    def undated(self) -> ArticleQuerySet:
        return self.filter(published_on__isnull=True)

    def with_primary_region(self) -> ArticleQuerySet:
        """Each story's primary region, joined into the same query (``primary_region``)."""
        # ``primary_region_pk`` is set on every story, None when it has no primary region
        # (the joined link is then left unset: without it, each such story was read again).
        return self.annotate(
            primary_link=models.FilteredRelation(
                "article_regions", condition=Q(article_regions__is_primary=True)
            ),
            primary_region_pk=F("primary_link__region"),
        ).select_related("primary_link__region")

    def with_regions(self) -> ArticleQuerySet:
        """All of each story's regions, primary first, with a place's country (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "article_regions",
                queryset=ArticleRegion.objects.select_related("region__parent").order_by(
                    "-is_primary", "region__kind", "region__name"
                ),
            )
        )

    def for_reading(self) -> ArticleQuerySet:
        """What an article's page shows: its regions, captions with their credits, the
        sources it cites, its publishers and writers, the people and organisations it names."""
        return (
            self.with_primary_region()
            .with_regions()
            .select_related("publisher")
            .prefetch_related(
                "authors",
                models.Prefetch(
                    "provenance", queryset=Provenance.objects.select_related("file__publisher")
                ),
                models.Prefetch(
                    "captions", queryset=Caption.objects.select_related("photo_credit")
                ),
                "article_sources__source",
                models.Prefetch(
                    "article_people",
                    queryset=ArticlePerson.objects.filter(person__hidden=False)
                    .select_related("person")
                    .order_by("person__name"),
                ),
                models.Prefetch(
                    "article_organisations",
                    queryset=ArticleOrganisation.objects.filter(organisation__hidden=False)
                    .select_related("organisation")
                    .order_by("organisation__name"),
                ),
            )
        )

    def with_listing(self) -> ArticleQuerySet:
        """What a list of stories shows, and no more, in one query: a list shows the
        title, date, primary region, publisher and opening words, never captions or the
        other regions.
        """
        return self.with_primary_region().select_related("publisher").defer(*UNLISTED_FIELDS)

    def in_order(self, ids: list[int]) -> list[Article]:
        """These stories, in the order of ``ids``; an id the queryset doesn't hold is left
        out. For a page whose order an index or a ranking decided on ids alone."""
        found = self.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


# What a list of stories leaves unread.
UNLISTED_FIELDS = [
    "title_key",
    "title_is_provisional",
    "body_fingerprint",
    "date_source",
    "search_vector",
    "edited_fields",
    "created_at",
    "updated_at",
]
# What a short list of stories (titles and dates) reads.
COMPACT_FIELDS = ["id", "title", "slug", "published_on", "placed_on", "first_seen"]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class DateSource(models.TextChoices):
        NONE = "", "Unknown"
        DATELINE = "dateline", "Printed dateline"
        MANIFEST = "manifest", "Manifest (the scraper's record of the page)"
        URL = "url", "The page's address"
        CAPTION = "caption", "Photo caption"
        BODY = "body", "Body text"
        EDITOR = "editor", "Editor"

    title = models.CharField(max_length=300)
    # URLs find an article by its id; the slug is only compared after, so not indexed.
    slug = models.SlugField(max_length=120, allow_unicode=False, db_index=False)
    title_key = models.CharField(
        max_length=300,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Normalised title used to recognise the same story; empty for untitled.",
    )
    title_is_provisional = models.BooleanField(
        default=False, help_text="The title was made from the body because the file had none."
    )
    body = models.TextField(help_text="Paragraphs separated by a blank line.")
    body_fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    # When the story was first seen: its page's fetched time from the manifest, else when
    # its file was first ingested; the earliest of its copies'. What places a story that
    # states no date (threads, and lists), never shown as its publication.
    first_seen = models.DateTimeField(null=True, blank=True)
    # The day lists place the story by: its publication date, else the day it was first
    # seen. Kept by the database (migration 0022), whatever writes the dates.
    placed_on = models.DateField(null=True, blank=True, editable=False)
    # When its page says it was last changed ("Last Update: …"); never its publication.
    page_updated_on = models.DateField("updated, as its page says", null=True, blank=True)
    date_source = models.CharField(
        max_length=10, choices=DateSource.choices, default=DateSource.NONE, blank=True
    )
    # Not indexed alone: both story-list indexes start with the status (migration 0010).
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    # Kept current by database triggers (see migration 0003) on PostgreSQL; SQLite keeps
    # its FTS5 index in a table of its own and leaves this empty.
    search_vector = SearchVectorField(null=True, editable=False)
    regions = models.ManyToManyField(Region, through="ArticleRegion", related_name="articles")
    sources = models.ManyToManyField(Source, through="ArticleSource", related_name="articles")
    # Who published the story and where: from the files it came from (see IngestedFile),
    # or an editor.
    publisher = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
        help_text="The news organisation that published the story.",
    )
    # The developing story it belongs to (see newsreader/threads.py); none for a story
    # that nothing else tells, and for an undated one.
    thread = models.ForeignKey(
        "Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    original_url = models.URLField(
        "original address",
        max_length=2000,
        blank=True,
        help_text="The address of the story on the publisher's site.",
    )
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="What editors have changed (title, body, published_on, publisher, "
        "original_url, captions, regions, sources, thread, people, organisations); "
        "ingesting the story again leaves these alone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("placed_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                name="article_date_source_matches_date",
                condition=(Q(published_on__isnull=True) & Q(date_source=""))
                | (Q(published_on__isnull=False) & ~Q(date_source="")),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_on", "id"]),
            # Undated stories near a day (threads.py): on its own, so that SQLite adds and
            # drops it without rebuilding the table (and its search triggers).
            models.Index(
                fields=["first_seen"],
                name="undated_by_first_seen",
                condition=models.Q(published_on=None),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:100].strip("-") or "article"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return article_path(self.pk, self.slug)

    @property
    def paragraphs(self) -> list[str]:
        return body_paragraphs(self.body)

    def is_edited(self, field: str) -> bool:
        return field in self.edited_fields

    def mark_edited(self, *fields: str) -> None:
        self.edited_fields = sorted(set(self.edited_fields) | set(fields))

    @property
    def primary_region(self) -> Region | None:
        if hasattr(self, "primary_region_pk"):  # with_primary_region() joined it in
            return self.primary_link.region if self.primary_region_pk is not None else None
        for link in self.article_regions.all():
            if link.is_primary:
                return link.region
        return None


class ArticleRegion(models.Model):
    # The unique (article, region) index serves lookups by article (migration 0010).
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="article_regions", db_index=False
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="article_links")
    is_primary = models.BooleanField(default=False)
    # Copies of the article's dates and status, so that a region's stories are read newest
    # first straight from one index, however many the region has. The database keeps them
    # (triggers, migrations 0015 and 0022), whatever writes the article or the link.
    published_on = models.DateField(null=True, blank=True, editable=False)
    placed_on = models.DateField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(default=False, editable=False)

    class Meta:
        # The index region pages read, newest first, is made by migrations (0007, now 0022):
        # SQLite and PostgreSQL need different words for "days descending, none last".
        constraints = [
            models.UniqueConstraint(fields=["article", "region"], name="unique_article_region"),
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(is_primary=True),
                name="one_primary_region_per_article",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}{' (primary)' if self.is_primary else ''}"


# How a story is a source's: it published it, cites it, or carries its photos.
SOURCE_ROLES = {
    "published": "Published",
    "cited": "Citing it",
    "photo_credit": "With its photos",
}


class ArticleSource(models.Model):
    class Role(models.TextChoices):
        PHOTO_CREDIT = "photo_credit", "Photo credit"
        CITED = "cited", "Cited in the text"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="article_sources", db_index=False
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="article_links")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "source", "role"], name="unique_article_source_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_role_display()})"


class Caption(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="captions", db_index=False
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    photo_credit = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="photo_captions"
    )
    photographer = models.CharField(max_length=120, blank=True)
    ingested_text = models.TextField(
        blank=True, editable=False, help_text="The caption as ingest found it, before any edit."
    )

    class Meta:
        ordering = ["article", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "text"], name="unique_caption_per_article"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
