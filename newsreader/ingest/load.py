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
from newsreader.ingest.links import article_links
from newsreader.ingest.merge import MAX_AUTHOR_LENGTH, Merging
from newsreader.models import (
    Article,
    IngestedFile,
    Provenance,
    Region,
    Source,
    StoryProfile,
)
from newsreader.text.attribution import UNATTRIBUTED, Attribution, Manifests
from newsreader.text.dates import placed_by_page
from newsreader.text.outlets import Outlet, OutletDirectory
from newsreader.text.parse import (
    COPY_OVERLAP,
    IngestError,
    ParsedStory,
    provisional_title,
    shared_words,
    text_key,
)
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


# A story of a file: its position in the file, the story, and what it says of itself.
Entry = tuple[int, ParsedStory, Analysis]


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


class Ingester(Merging):
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
        self.analyser = Analyser(gazetteer, OutletDirectory([]))
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
        stories found once for every ``threads.BATCH`` stories and once at the end, not
        after each file: re-threading reads the stories near each one, and many files'
        stories share their neighbours. The end is skipped if the batch stops on an error;
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
            return
        self.touched |= set(
            Article.objects.filter(profile__isnull=True).values_list("pk", flat=True)
        )
        if self.touched:
            threads.refresh(self.touched)
        self.touched = set()

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
        elif len(self.touched) >= threads.BATCH:
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
                result, pk = self._write_story(story, analysis, file, index)
                setattr(outcome, result, getattr(outcome, result) + 1)
                outcome.touched.add(pk)
                if result == "created":
                    created.add(pk)
            if not self.dry_run:
                # A story repeated later in the file merges into one it created: one version.
                history.record_versions(created, f"Ingested from {file.name}.")
                history.record_versions(
                    outcome.touched - created, f"A copy merged in from {file.name}."
                )
        return outcome

    def _split_fresh(
        self, stories: list[tuple[ParsedStory, Analysis]]
    ) -> tuple[list[Entry], list[Entry]]:
        """Stories that match nothing stored (nor each other) are created in bulk, with a
        few queries per file; the rest go one by one through the merge."""
        fingerprints = {story.body_fingerprint for story, _ in stories}
        title_keys = {story.title_key for story, _ in stories if story.has_title}
        known_fingerprints = set(
            Article.objects.filter(body_fingerprint__in=fingerprints).values_list(
                "body_fingerprint", flat=True
            )
        ) | set(
            Provenance.objects.filter(body_fingerprint__in=fingerprints).values_list(
                "body_fingerprint", flat=True
            )
        )
        known_titles = set(
            Article.objects.filter(title_key__in=title_keys).values_list("title_key", flat=True)
        )
        known_ends = self._known_copy_keys([story for story, _ in stories])
        fresh, others = [], []
        for index, (story, analysis) in enumerate(stories):
            title = story.title_key if story.has_title else None
            ends = {key for key in story.copy_keys if key}
            if (
                story.body_fingerprint in known_fingerprints
                or (title and title in known_titles)
                or ends & known_ends
            ):
                # A possible copy: the merge decides, one by one (_write_story).
                others.append((index, story, analysis))
            else:
                fresh.append((index, story, analysis))
            # A story that repeats an earlier one in the same file merges into it.
            known_fingerprints.add(story.body_fingerprint)
            known_ends |= ends
            if title:
                known_titles.add(title)
        return fresh, others

    @staticmethod
    def _known_copy_keys(stories: list[ParsedStory]) -> set[str]:
        """The stories' lead and tail keys that stored copies have: one indexed query each."""
        known: set[str] = set()
        for position, field in enumerate(("lead_key", "tail_key")):
            keys = {story.copy_keys[position] for story in stories} - {""}
            if keys:
                known |= set(
                    Provenance.objects.filter(**{f"{field}__in": keys}).values_list(
                        field, flat=True
                    )
                )
        return known

    def _create_many(self, entries: list[Entry], file: IngestedFile) -> set[int]:
        """New stories, with a few queries for the lot; their ids."""
        articles = [self._new_article(story, analysis, file) for _, story, analysis in entries]
        if not articles:
            return set()
        bulk.give_ids(articles)
        rows = bulk.Rows()
        for (index, story, analysis), article in zip(entries, articles, strict=True):
            credits = [self._source_id(caption.credit) for caption in story.captions]
            rows.captions += [
                (article.id, position, caption.text, credit, caption.photographer, caption.text)
                for position, (caption, credit) in enumerate(
                    zip(story.captions, credits, strict=True)
                )
            ]
            self._add_links(rows, article.id, analysis, credits)
            rows.provenance.append(
                (article.id, file.id, index, story.body_fingerprint, *story.copy_keys)
            )
            rows.authors += [
                (article.id, name[:MAX_AUTHOR_LENGTH], position)
                for position, name in enumerate(story.authors)
            ]
        bulk.write_articles(articles, rows)
        return {article.id for article in articles}

    def _new_article(self, story: ParsedStory, analysis: Analysis, file: IngestedFile) -> Article:
        title = story.title or provisional_title(story.paragraphs)
        published_on, date_source = placed_by_page(
            (analysis.published_on, analysis.date_source), file.published_on, file.url
        )
        return Article(
            title=title,
            slug=slugify(title)[:100].strip("-") or "article",
            title_key=story.title_key or None,
            title_is_provisional=not story.has_title,
            body=story.body,
            body_fingerprint=story.body_fingerprint,
            status=self.status,
            published_on=published_on,
            date_source=date_source,
            first_seen=file.fetched_at or file.ingested_at,
            page_updated_on=story.updated_on,
            publisher_id=file.publisher_id,
            original_url=file.url,
        )

    def _add_links(
        self, rows: bulk.Rows, article_id: int, analysis: Analysis, credit_ids: list[int | None]
    ) -> None:
        """The article's links (``links.article_links``), once any agency its text cites
        that is not known yet has its Source."""
        source_ids = self.source_ids
        if analysis.new_agencies:
            new = {name: self._source_id(name) for name in analysis.new_agencies}
            source_ids = source_ids | new
        regions, sources = article_links(
            article_id, analysis, credit_ids, self.region_ids, source_ids
        )
        rows.regions += regions
        rows.sources += sources

    # -- stories ----------------------------------------------------------------------

    def _write_story(
        self, story: ParsedStory, analysis: Analysis, file: IngestedFile, index: int
    ) -> tuple[str, int]:
        """ "created" or "merged", and the article's id."""
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
