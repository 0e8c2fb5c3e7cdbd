"""Reference data: the regions (subregions, countries by ISO code, places in them) and
the sources (agencies and outlets) stories are filed under and credited to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from newsreader.paths import reverse_few

# The PostgreSQL advisory lock held while a region's parent is checked and saved ("rgtr").
REGION_TREE_LOCK = 0x72677472


def lock_region_tree(database: str) -> None:
    """Wait for any other save of a region to end. SQLite's IMMEDIATE transactions already
    run one at a time."""
    if connections[database].vendor == "postgresql":
        with connections[database].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REGION_TREE_LOCK])


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
        # The link model by its relation: models.py imports this module, not the reverse.
        link_model = self.model._meta.get_field("article_links").related_model
        links = link_model.objects.filter(is_published=True).order_by().values("is_published")

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
        # Regions are walked up to their parents; a loop would walk forever. Two saves at
        # once could each find no loop and together make one: the check and the write
        # hold the tree's lock, one save at a time.
        database = kwargs.get("using") or router.db_for_write(Region, instance=self)
        with transaction.atomic(using=database):
            lock_region_tree(database)
            if error := self.loop_error(database):
                raise ValidationError(error)
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_few("newsreader:region-detail", self.slug)

    def clean(self) -> None:
        super().clean()
        if self.loop_error():
            raise ValidationError({"parent": self.loop_error()})

    def loop_error(self, database: str | None = None) -> str:
        """One sentence if this region's parent is the region itself or one of its own
        subregions, countries or places; empty otherwise. ``database``: where the save
        writes, read for the parents (a replica may be behind)."""
        if self.pk is None or self.parent_id is None:
            return ""
        regions = Region.objects.using(database) if database else Region.objects
        seen, current = set(), self.parent_id
        while current is not None and current not in seen:
            if current == self.pk:
                return (
                    f"Parent: “{self.name}” cannot be inside itself; choose a region that is "
                    "not this one or one of the regions within it."
                )
            seen.add(current)
            current = regions.filter(pk=current).values_list("parent_id", flat=True).first()
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
