"""Where stories came from: each scraped file ingested, which file each story came from,
who wrote it, and the files editors upload in the admin. Imported by models.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models


class IngestedFile(models.Model):
    """One scraped file as it arrived; its content hash makes re-ingest a no-op."""

    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    ingested_at = models.DateTimeField(auto_now_add=True)
    # Where the file came from, when the ingest was told (--publisher, --url, a manifest).
    url = models.URLField("address", max_length=2000, blank=True)
    publisher = models.ForeignKey(
        "Source", null=True, blank=True, on_delete=models.PROTECT, related_name="published_files"
    )
    fetched_at = models.DateTimeField("fetched", null=True, blank=True)
    # The page's publication date as the manifest gives it ("published" column).
    published_on = models.DateField("published", null=True, blank=True)
    articles = models.ManyToManyField("Article", through="Provenance", related_name="files")

    class Meta:
        ordering = ["-ingested_at", "name"]

    def __str__(self) -> str:
        return self.name


class Provenance(models.Model):
    """Which file a story came from, and the body as that file had it."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="provenance")
    file = models.ForeignKey(
        IngestedFile, on_delete=models.CASCADE, related_name="provenance", db_index=False
    )
    story_index = models.PositiveSmallIntegerField(default=0)
    body_fingerprint = models.CharField(max_length=64, db_index=True)
    # Fingerprints of the copy's first and last two paragraphs (ingest.parse.copy_keys):
    # a later copy that differs by a word or a line elsewhere is found by either.
    lead_key = models.CharField(max_length=64, blank=True, default="", db_index=True)
    tail_key = models.CharField(max_length=64, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["file__name", "story_index"]
        constraints = [
            models.UniqueConstraint(fields=["file", "story_index"], name="unique_story_per_file"),
        ]

    def __str__(self) -> str:
        return f"{self.file.name} #{self.story_index}"


class Author(models.Model):
    """A writer a story's byline names ("By Jane Doe and Sami Nasr"), in the byline's order.
    An outlet's desk or a wire agency is not one: it is the publisher, or a cited source."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name"], name="unique_author_per_article"),
        ]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PublishedCopy:
    """One outlet that published a story: the Source, and the address of its copy."""

    source: Any  # newsreader.models.Source
    url: str

    @property
    def name(self) -> str:
        return self.source.name


def publishers_of(article: Any) -> list[PublishedCopy]:
    """Every outlet that published the story (a wire story several republished): the
    article's publisher first, with its original address, then the others by name, each
    with its copy's address. Reads the prefetched ``provenance__file__publisher``."""
    copies: dict[int, PublishedCopy] = {}
    for copy in article.provenance.all():
        file = copy.file
        known = copies.get(file.publisher_id)
        if file.publisher_id and (known is None or (file.url and not known.url)):
            copies[file.publisher_id] = PublishedCopy(file.publisher, file.url)
    first = []
    if article.publisher_id:
        copies.pop(article.publisher_id, None)
        first = [PublishedCopy(article.publisher, article.original_url)]
    return first + sorted(copies.values(), key=lambda copy: (copy.name, copy.url))


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
    # The worker's lease on it (newsreader.tasks): renewed at each step; a lease left to run
    # out, its worker killed, puts the upload back in the queue for another try.
    lease_renewed_at = models.DateTimeField("lease renewed", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tries", default=0)
    # Its ingest task, closed as failed when a try's worker is found to have stopped.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def was_put_back(self) -> bool:
        """Whether a worker stopped during a try and the upload went back in the queue."""
        return self.attempts > (0 if self.status == self.Status.QUEUED else 1)

    @property
    def seconds_taken(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
