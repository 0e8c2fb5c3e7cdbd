"""Parsed stories -> the database: one transaction per file, idempotent, merging duplicates.

It decides what is written; newsreader/ingest/bulk.py writes it in bulk, where SQLite and
PostgreSQL differ. Together they are the only part of the ingest pipeline that writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import DataError, IntegrityError, OperationalError, ProgrammingError, transaction
from django.db.models import Count
from django.utils.text import slugify

from newsreader import threads
from newsreader.frontend_cache import keys_for_articles, purge
from newsreader.ingest import bulk, history
from newsreader.ingest.create import Creating
from newsreader.ingest.merge import Merging
from newsreader.models import (
    Article,
    IngestedFile,
    Provenance,
    Region,
    Source,
    StoryProfile,
)
from newsreader.text.attribution import UNATTRIBUTED, Attribution, Manifests
from newsreader.text.outlets import Outlet, OutletDirectory
from newsreader.text.parse import (
    COPY_OVERLAP,
    IngestError,
    ParsedStory,
    shared_words,
    text_key,
)
from newsreader.text.people import NameFinder
from newsreader.text.places import Gazetteer, Place
from newsreader.text.prepare import (
    Analyser,
    Analysis,
    PreparedFile,
    StoredFile,
    prepare_files,
)
from newsreader.text.report import FileOutcome, IngestReport

logger = logging.getLogger(__name__)

# A file whose write lost a race with a concurrent ingest is tried again this often.
ATTEMPTS = 3
# A run of this many files or more prepares them in worker processes (see prepare.py);
# fewer are not worth a worker's start-up.
FILES_FOR_WORKERS = 8
MAX_WORKERS = 4


def find_text_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path as given, and the ``*.txt`` files below each directory, in name order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def stored_file(sha256: str) -> StoredFile | None:
    """What is stored of the file with this SHA-256, if it was ingested before."""
    row = (
        IngestedFile.objects.filter(sha256=sha256)
        .annotate(stories=Count("provenance"))
        .values_list("stories", "url", "publisher_id", "fetched_at")
        .first()
    )
    return StoredFile(*row) if row else None


class Ingester(Creating, Merging):
    """Holds the gazetteer and source directory for a run, and writes stories."""

    def __init__(self, *, status: str = Article.Status.PUBLISHED, dry_run: bool = False) -> None:
        self.status = status
        self.dry_run = dry_run
        # The stories written since the last refresh of their threads and people.
        self.touched: set[int] = set()
        # Inside batch(): threads and people are found for many files at once.
        self.batching = False
        self.wrote = False  # stories created or merged since the planner's statistics
        regions = list(
            Region.objects.exclude(kind=Region.Kind.SUBREGION).values(
                "id", "slug", "kind", "code", "parent__code", "population", "name", "aliases"
            )
        )
        self.region_ids = {row["slug"]: row["id"] for row in regions}
        gazetteer = Gazetteer(
            (
                Place(
                    key=row["slug"],
                    country=row["code"] or row["parent__code"] or "",
                    is_country=row["kind"] == Region.Kind.COUNTRY,
                    population=row["population"],
                ),
                [row["name"], *row["aliases"]],
            )
            for row in regions
        )
        # People and organisations are found in the parse workers, with the places and
        # outlets of now set aside; the writer's naming (threads.Namer) takes them while
        # those are the same and the story's text is the one read.
        self.found = threads.FoundNames(frozenset(threads.not_names()))
        self.analyser = Analyser(gazetteer, OutletDirectory([]), NameFinder(self.found.not_names))
        self._load_sources()

    def _load_sources(self) -> None:
        sources = list(Source.objects.all())
        self.source_ids = {source.slug: source.id for source in sources}
        self.analyser.outlets = OutletDirectory(
            Outlet(key=source.slug, names=tuple(source.names)) for source in sources
        )

    # -- files ------------------------------------------------------------------------

    def ingest_paths(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[IngestReport, int], None] | None = None,
        *,
        workers: int | None = None,
        attribution: Attribution = UNATTRIBUTED,
    ) -> IngestReport:
        """``workers``: processes preparing files ahead of the writer; 0 for none, None
        to choose by the number of files and of cores. ``progress(report, total)`` is
        called after each file with the report so far. ``attribution``: the publisher (and
        for one file, the address) the command was given; a manifest beside the files
        gives the rest (see attribution.py)."""
        files = list(find_text_files(paths))
        if workers is None:
            cores = os.cpu_count() or 1
            workers = min(MAX_WORKERS, cores - 1) if len(files) >= FILES_FOR_WORKERS else 0
        if self.dry_run:
            # One transaction around the whole run, rolled back, so that a story merged
            # across files is reported as it would be for real.
            with transaction.atomic():
                report = self._ingest_paths(files, progress, workers, Manifests(attribution))
                transaction.set_rollback(True)
            return report
        return self._ingest_paths(files, progress, workers, Manifests(attribution))

    def _ingest_paths(
        self,
        files: list[Path],
        progress: Callable[[IngestReport, int], None] | None,
        workers: int,
        manifests: Manifests,
    ) -> IngestReport:
        report = IngestReport()
        limit = settings.NEWSREADER_MAX_FILE_BYTES
        prepared = prepare_files(
            self.analyser,
            files,
            limit=limit,
            workers=workers,
            stored=stored_file,
        )
        with self.batch():
            for path, future in prepared:
                report.files_read += 1
                try:
                    prepared_file = future.result()
                    outcome = self.ingest_prepared(prepared_file, manifests.for_file(path))
                except IngestError as error:
                    report.failures.append((str(path), str(error)))
                else:
                    report.doubtful += [
                        (path.name, number)
                        for number, (story, _) in enumerate(prepared_file.stories, start=1)
                        if story.doubtful_start
                    ]
                    report.created += outcome.created
                    report.merged += outcome.merged
                    report.unchanged += outcome.unchanged
                if progress:
                    progress(report, len(files))
        return report

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Files ingested inside have the people, organisations and threads of their
        stories found once for every ``threads.REFRESH_EVERY`` stories and once at the
        end, not after each file: re-threading reads the stories near each one, and many
        files' stories share their neighbours. The end is skipped if the batch stops on an error;
        the next ingest finds what it missed (``refresh_threads``)."""
        self.batching = True
        try:
            yield
        finally:
            self.batching = False
        self.finish()

    def finish(self) -> None:
        """What follows from the stories written: their people, organisations and threads,
        and the query planner's statistics of the tables they went into."""
        self.refresh_threads()
        if self.wrote and not self.dry_run:
            bulk.refresh_planner_statistics()
        self.wrote = False

    def refresh_threads(self) -> None:
        """The people, organisations and threads of the stories written since last time,
        and of any story without a profile: one an ingest stopped before it got to (a
        killed run, a crash) is done by the next."""
        if self.dry_run:
            self.found.by_article.clear()
            return
        self.touched |= set(
            Article.objects.filter(profile__isnull=True).values_list("pk", flat=True)
        )
        if self.touched:
            threads.refresh(self.touched, self.found)
        self.touched = set()
        self.found.by_article.clear()

    def prepare(self, name: str, raw: bytes) -> PreparedFile:
        """A file's content (an upload's), as ``prepare_files`` gives a path's: one
        ingested before comes unparsed, with what is stored of it, so that its publisher
        and address are taken as on the command line. IngestError says why it can't be read."""
        limit = settings.NEWSREADER_MAX_FILE_BYTES
        if len(raw) > limit:
            raise IngestError(f"the file is {len(raw):,} bytes, over the {limit:,}-byte limit")
        sha256 = hashlib.sha256(raw).hexdigest()
        if (known := stored_file(sha256)) is not None:
            return PreparedFile(name, sha256, len(raw), [], known)
        return self.analyser.prepare(name, raw)

    def ingest_prepared(
        self, prepared: PreparedFile, attribution: Attribution = UNATTRIBUTED
    ) -> FileOutcome:
        """One file into the archive, whatever brought it (the command, an upload): its
        stories created or merged in one transaction with a version of each in its
        history, the pages that show them purged, then their people, organisations and
        threads, before this returns or, inside ``batch()``, with the batch's."""
        outcome = self._store_file(prepared, attribution)
        if not self.batching:
            self.finish()
        elif len(self.touched) >= threads.REFRESH_EVERY:
            self.refresh_threads()
        return outcome

    def _store_file(self, prepared: PreparedFile, attribution: Attribution) -> FileOutcome:
        if prepared.stored is not None:  # found stored when it was read
            if not self.dry_run:
                self._attribute_file(prepared.sha256, prepared.stored, attribution)
            return FileOutcome(unchanged=prepared.stored.stories)
        # Otherwise _write_file looks for it again, in the transaction that would record
        # it: that catches a concurrent ingest of the same file.
        for attempt in range(1, ATTEMPTS + 1):
            try:
                outcome = self._write_file(prepared, attribution)
            except (IntegrityError, OperationalError) as error:
                # Another ingest wrote the same story or file first; the next attempt
                # sees its rows and merges into them.
                logger.info("Retrying %s after %s (attempt %d)", prepared.name, error, attempt)
                self._load_sources()
                if attempt == ATTEMPTS:
                    raise IngestError(f"the database refused the file ({error})") from error
            except (DataError, ProgrammingError) as error:
                # A value the database cannot take: trying again would fail the same way.
                # The file's transaction is rolled back; the other files go on.
                raise IngestError(f"the database refused the file ({error})") from error
            else:
                self.touched |= outcome.touched
                self.wrote = self.wrote or bool(outcome.created or outcome.merged)
                if not self.dry_run:
                    # Every page that shows them, as for an editor's save (signals.py).
                    purge(keys_for_articles(outcome.touched))
                return outcome
        raise AssertionError("unreachable")

    def _write_file(self, prepared: PreparedFile, attribution: Attribution) -> FileOutcome:
        outcome = FileOutcome()
        with transaction.atomic():
            # The manifest's or --publisher's outlet, else the one the pages show.
            publisher_id = self._source_id(attribution.publisher or prepared.publisher)
            file = bulk.record_file(prepared, attribution, publisher_id)
            if file is None:  # another ingest recorded it first
                known = stored_file(prepared.sha256)
                return FileOutcome(unchanged=known.stories if known else 0)
            fresh, others = self._split_fresh(prepared.stories)
            created = self._create_many(fresh, file)
            outcome.created += len(fresh)
            outcome.touched |= created
            for index, story, analysis in others:
                result, pk = self._write_story(story, analysis, file, index, created)
                setattr(outcome, result, getattr(outcome, result) + 1)
                outcome.touched.add(pk)
                if result == "created":
                    created.add(pk)
            if not self.dry_run:
                # A new story gets its first version only when something first changes it
                # (history.py); a copy merged into an older one adds a version. A story
                # repeated later in the file merges into one it created: no version yet.
                history.record_versions(
                    outcome.touched - created, f"A copy merged in from {file.name}."
                )
        return outcome

    def _write_story(
        self,
        story: ParsedStory,
        analysis: Analysis,
        file: IngestedFile,
        index: int,
        created: set[int],
    ) -> tuple[str, int]:
        """ "created" or "merged", and the article's id. ``created``: the ids of the
        stories this file created so far."""
        fingerprint = story.body_fingerprint
        # One indexed lookup a key, in one query. An OR of the three across the provenance
        # join would read every article and every provenance row (0.3 s at 100k stories).
        matches = [
            Article.objects.filter(body_fingerprint=fingerprint).values_list("id"),
            Provenance.objects.filter(body_fingerprint=fingerprint).values_list("article_id"),
        ]
        if story.has_title:
            matches.append(Article.objects.filter(title_key=story.title_key).values_list("id"))
        union = matches[0].order_by().union(*(match.order_by() for match in matches[1:]))
        ids = sorted({pk for (pk,) in union}) or self._copy_of(story)
        if len(ids) > 1:
            raise IngestError(
                f"story {index + 1} (“{story.title or story.paragraphs[0][:60]}”) matches "
                f"stored articles {', '.join(map(str, ids))}; merge those in the admin first"
            )
        if not ids:
            (pk,) = self._create_many([(index, story, analysis)], file)
            return "created", pk
        article = Article.objects.select_for_update().get(id=ids[0])
        if article.pk not in created and not self.dry_run:
            history.keep_first_versions([article.pk])  # the story as it was, before the copy
        # Recorded first: the merge reads the article's files (see _attribute).
        lead_key, tail_key = story.copy_keys
        Provenance.objects.create(
            article=article,
            file=file,
            story_index=index,
            body_fingerprint=fingerprint,
            lead_key=lead_key,
            tail_key=tail_key,
        )
        self._merge(article, story, file)
        self.found.by_article.pop(article.pk, None)  # its text is no longer the one read
        # Until its people and threads are found again it has no profile, so that if the
        # run stops first the next one still finds them (refresh_threads).
        StoryProfile.objects.filter(article=article).delete()
        return "merged", article.pk

    def _copy_of(self, story: ParsedStory) -> list[int]:
        """The stored story this one is a copy of, found by its first or last paragraphs
        and sharing nearly all its words (``parse.COPY_OVERLAP``): [] or [its id]. Of
        several, the one sharing the most words, then the oldest, whatever came first."""
        candidates: set[int] = set()
        for field, key in zip(("lead_key", "tail_key"), story.copy_keys, strict=True):
            if key:
                candidates |= set(
                    Provenance.objects.filter(**{field: key}).values_list("article_id", flat=True)
                )
        key = text_key(story.body)
        shares = [
            (shared_words(key, text_key(body)), -pk)
            for pk, body in Article.objects.filter(pk__in=candidates).values_list("pk", "body")
        ]
        best = max(shares, default=(0.0, 0))
        return [-best[1]] if best[0] >= COPY_OVERLAP else []

    def _source_id(self, credit: str) -> int | None:
        """The Source a photo credit names; an unknown credit becomes a new Source."""
        if not credit:
            return None
        key = self.analyser.outlets.resolve(credit)
        if key:
            return self.source_ids[key]
        slug = slugify(credit)[:140] or "source"
        source, _ = Source.objects.get_or_create(
            slug=slug, defaults={"name": credit[:120], "short_name": credit[:40]}
        )
        self.source_ids[source.slug] = source.id
        return source.id
