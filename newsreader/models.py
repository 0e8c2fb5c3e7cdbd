from __future__ import annotations

import datetime
import functools
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify


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


class RegionQuerySet(models.QuerySet):
    def countries(self) -> RegionQuerySet:
        return self.filter(kind=Region.Kind.COUNTRY)

    def subregions(self) -> RegionQuerySet:
        return self.filter(kind=Region.Kind.SUBREGION)

    def places(self) -> RegionQuerySet:
        return self.filter(kind=Region.Kind.PLACE)

    def with_story_counts(self) -> RegionQuerySet:
        """Each region with ``story_count``: the published stories its page lists, each
        once. A subregion lists its countries' stories, and one about Lebanon and Syria
        is one story there."""
        links = ArticleRegion.objects.filter(is_published=True).order_by().values("is_published")

        def count(links: models.QuerySet) -> Coalesce:
            distinct = links.annotate(n=Count("article_id", distinct=True)).values("n")
            return Coalesce(Subquery(distinct), 0)

        return self.annotate(
            story_count=Case(
                When(
                    kind=Region.Kind.SUBREGION,
                    then=count(links.filter(region__parent=OuterRef("pk"))),
                ),
                default=count(links.filter(region=OuterRef("pk"))),
            )
        )


class Region(models.Model):
    """A subregion (Levant, ...), a country (by ISO 3166-1 code) or a place inside one."""

    class Kind(models.TextChoices):
        SUBREGION = "subregion", "Subregion"
        COUNTRY = "country", "Country"
        PLACE = "place", "Place"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    code = models.CharField(
        max_length=2,
        unique=True,
        null=True,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code; countries only.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    geonames_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    population = models.PositiveBigIntegerField(default=0)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names and adjectives the text may use (e.g. “Lebanese”, “Khan Younis”).",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="region_code_only_on_countries",
                condition=Q(code__isnull=True) | Q(kind="country"),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.PLACE and self.parent_id:
            return f"{self.name}, {self.parent.name}"
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Regions are walked up to their parents; a loop would walk forever.
        if error := self.loop_error():
            raise ValidationError(error)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_few("newsreader:region-detail", self.slug)

    def clean(self) -> None:
        super().clean()
        if self.loop_error():
            raise ValidationError({"parent": self.loop_error()})

    def loop_error(self) -> str:
        """One sentence if this region's parent is the region itself or one of its own
        subregions, countries or places; empty otherwise."""
        if self.pk is None or self.parent_id is None:
            return ""
        seen, current = set(), self.parent_id
        while current is not None and current not in seen:
            if current == self.pk:
                return (
                    f"Parent: “{self.name}” cannot be inside itself; choose a region that is "
                    "not this one or one of the regions within it."
                )
            seen.add(current)
            current = Region.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        return ""

    @property
    def country(self) -> Region | None:
        if self.kind == self.Kind.COUNTRY:
            return self
        if self.kind == self.Kind.PLACE:
            return self.parent
        return None


class Source(models.Model):
    """A news organisation that is credited for a photo or cited in a story."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        STATE_AGENCY = "state_agency", "State news agency"
        PHOTO_AGENCY = "photo_agency", "Photo agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other spellings that name this source."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse_few("newsreader:source-detail", self.slug)

    @property
    def names(self) -> list[str]:
        return [name for name in [self.name, self.short_name, *self.aliases] if name]


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

    def in_region(self, region: Region) -> ArticleQuerySet:
        return self.filter(article_regions__region=region)

    def of_source(self, source: Source, role: str) -> ArticleQuerySet:
        """The stories ``source`` published, cites or carries the photos of (SOURCE_ROLES)."""
        if role == "published":
            return self.filter(publisher=source)
        return self.filter(
            id__in=ArticleSource.objects.filter(source=source, role=role).values("article_id")
        )

    def undated(self) -> ArticleQuerySet:
        return self.filter(published_on__isnull=True)

    def with_primary_region(self) -> ArticleQuerySet:
        """Each story's primary region, joined into the same query (``primary_region``)."""
        return self.annotate(
            primary_link=models.FilteredRelation(
                "article_regions", condition=Q(article_regions__is_primary=True)
            )
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
        sources it cites, its publisher, the people and organisations it names."""
        return (
            self.with_primary_region()
            .with_regions()
            .select_related("publisher")
            .prefetch_related(
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


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class DateSource(models.TextChoices):
        NONE = "", "Unknown"
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
        ordering = [models.F("published_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                name="article_date_source_matches_date",
                condition=(Q(published_on__isnull=True) & Q(date_source=""))
                | (Q(published_on__isnull=False) & ~Q(date_source="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "published_on", "id"])]

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
        return [p for p in self.body.split("\n\n") if p.strip()]

    def is_edited(self, field: str) -> bool:
        return field in self.edited_fields

    def mark_edited(self, *fields: str) -> None:
        self.edited_fields = sorted(set(self.edited_fields) | set(fields))

    @property
    def primary_region(self) -> Region | None:
        if "primary_link" in self.__dict__:  # with_primary_region() joined it in
            return self.primary_link.region if self.primary_link else None
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
    # Copies of the article's date and status, so that a region's stories are read newest
    # first straight from one index, however many the region has. The database keeps them
    # (triggers, migration 0015), whatever writes the article or the link.
    published_on = models.DateField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(default=False, editable=False)

    class Meta:
        # The index region pages read, newest first, is made by migration 0007: SQLite and
        # PostgreSQL need different words for "dates descending, undated last".
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


def source_story_counts(source: Source | None = None) -> dict[int, dict[str, int]]:
    """Source id -> {role: published stories}, for every source or one; a role with no
    stories is left out. Three grouped queries, whatever the archive's size."""
    published = Article.objects.published().order_by()
    links = ArticleSource.objects.filter(article__status=Article.Status.PUBLISHED).order_by()
    if source:
        published = published.filter(publisher=source)
        links = links.filter(source=source)
    counts: dict[int, dict[str, int]] = {}
    rows = (
        published.filter(publisher__isnull=False)
        .values_list("publisher_id")
        .annotate(n=Count("id"))
    )
    for source_id, n in rows:
        counts.setdefault(source_id, {})["published"] = n
    rows = links.values_list("source_id", "role").annotate(n=Count("article_id", distinct=True))
    for source_id, role, n in rows:
        counts.setdefault(source_id, {})[role] = n
    return counts


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


class IngestedFile(models.Model):
    """One scraped file as it arrived; its content hash makes re-ingest a no-op."""

    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    ingested_at = models.DateTimeField(auto_now_add=True)
    # Where the file came from, when the ingest was told (--publisher, --url, a manifest).
    url = models.URLField("address", max_length=2000, blank=True)
    publisher = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="published_files"
    )
    fetched_at = models.DateTimeField("fetched", null=True, blank=True)
    articles = models.ManyToManyField(Article, through="Provenance", related_name="files")

    class Meta:
        ordering = ["-ingested_at", "name"]

    def __str__(self) -> str:
        return self.name


class Provenance(models.Model):
    """Which file a story came from, and the body as that file had it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="provenance")
    file = models.ForeignKey(
        IngestedFile, on_delete=models.CASCADE, related_name="provenance", db_index=False
    )
    story_index = models.PositiveSmallIntegerField(default=0)
    body_fingerprint = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["file__name", "story_index"]
        constraints = [
            models.UniqueConstraint(fields=["file", "story_index"], name="unique_story_per_file"),
        ]

    def __str__(self) -> str:
        return f"{self.file.name} #{self.story_index}"


class Upload(models.Model):
    """A scraped file an editor uploaded, ingested in the background (newsreader.tasks):
    where it has got to, and what it did."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        READING = "reading", "Reading the stories"
        WRITING = "writing", "Storing the stories"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    # The file until it has been ingested; emptied after, to keep the table small.
    content = models.BinaryField(editable=False)
    draft = models.BooleanField(default=False, help_text="New articles are kept as drafts.")
    publisher = models.CharField(max_length=120, blank=True)
    url = models.URLField("address", max_length=2000, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stories = models.PositiveIntegerField(null=True, blank=True, help_text="Stories found.")
    created = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def seconds_taken(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


# Threads, people and organisations: what a story is part of and who is in it.
from newsreader.coverage import (  # noqa: E402, F401
    ArticleOrganisation,
    ArticlePerson,
    Organisation,
    Person,
    StoryProfile,
    Thread,
)
