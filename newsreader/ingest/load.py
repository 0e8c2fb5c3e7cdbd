"""Parsed stories -> the database: one transaction per file, idempotent, merging duplicates.

This is the only part of the ingest pipeline that writes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils.text import slugify

from newsreader.caching import article_tags, invalidate
from newsreader.ingest.dates import publication_date
from newsreader.ingest.outlets import Outlet, OutletDirectory
from newsreader.ingest.parse import (
    IngestError,
    ParsedStory,
    decode,
    parse_stories,
    provisional_title,
    text_key,
)
from newsreader.ingest.places import Gazetteer, Place
from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Caption,
    IngestedFile,
    Provenance,
    Region,
    Source,
)

logger = logging.getLogger(__name__)

# A file whose write lost a race with a concurrent ingest is tried again this often.
ATTEMPTS = 3


@dataclass
class IngestReport:
    files_read: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def files_failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (
            f"{self.files_read} files read: {self.created} articles created, "
            f"{self.merged} merged or updated, {self.unchanged} unchanged, "
            f"{self.files_failed} files failed."
        )


@dataclass
class FileOutcome:
    created: int = 0
    merged: int = 0
    unchanged: int = 0


def find_text_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path as given, and the ``*.txt`` files below each directory, in name order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def read_file(path: Path) -> bytes:
    """The file's bytes; IngestError for a missing, oversized or unreadable file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise IngestError("the file does not exist") from error
    except OSError as error:
        raise IngestError(f"the file could not be read ({error.strerror})") from error
    if not path.is_file():
        raise IngestError("it is not a regular file")
    limit = settings.NEWSREADER_MAX_FILE_BYTES
    if size > limit:
        raise IngestError(f"the file is {size:,} bytes, over the {limit:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"the file could not be read ({error.strerror})") from error


def refresh_planner_statistics() -> None:
    """Tell the query planner how the tables look after a load.

    Without statistics SQLite reads "status = published" as selective and walks the whole
    newest-first index to fetch twenty stories by id; PostgreSQL would catch up by itself
    (autovacuum), but only some time after a large load. A sampled ANALYZE costs well
    under a second at 100,000 stories. A failure (a full disk) only leaves the old
    statistics in place.
    """
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit = 1000")
                cursor.execute("ANALYZE")
            else:
                cursor.execute(
                    "ANALYZE newsreader_article, newsreader_articleregion, "
                    "newsreader_articlesource, newsreader_caption"
                )
    except DatabaseError as error:
        logger.warning("Could not refresh the query planner's statistics: %s", error)


class Ingester:
    """Holds the gazetteer and source directory for a run, and writes stories."""

    def __init__(self, *, status: str = Article.Status.PUBLISHED, dry_run: bool = False) -> None:
        self.status = status
        self.dry_run = dry_run
        regions = list(
            Region.objects.exclude(kind=Region.Kind.SUBREGION).values(
                "id", "slug", "kind", "code", "parent__code", "population", "name", "aliases"
            )
        )
        self.region_ids = {row["slug"]: row["id"] for row in regions}
        self.gazetteer = Gazetteer(
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
        self._load_sources()

    def _load_sources(self) -> None:
        sources = list(Source.objects.all())
        self.source_ids = {source.slug: source.id for source in sources}
        self.outlets = OutletDirectory(
            Outlet(key=source.slug, names=tuple(source.names)) for source in sources
        )

    # -- files ------------------------------------------------------------------------

    def ingest_paths(
        self, paths: Iterable[str | Path], progress: Callable[[int, Path], None] | None = None
    ) -> IngestReport:
        if self.dry_run:
            # One transaction around the whole run, rolled back, so that a story merged
            # across files is reported as it would be for real.
            with transaction.atomic():
                report = self._ingest_paths(paths, progress)
                transaction.set_rollback(True)
            return report
        return self._ingest_paths(paths, progress)

    def _ingest_paths(
        self, paths: Iterable[str | Path], progress: Callable[[int, Path], None] | None
    ) -> IngestReport:
        report = IngestReport()
        for number, path in enumerate(find_text_files(paths), start=1):
            if progress:
                progress(number, path)
            report.files_read += 1
            try:
                outcome = self.ingest_file(path)
            except IngestError as error:
                report.failures.append((str(path), str(error)))
                continue
            report.created += outcome.created
            report.merged += outcome.merged
            report.unchanged += outcome.unchanged
        if report.created or report.merged:
            refresh_planner_statistics()
        return report

    def ingest_file(self, path: Path) -> FileOutcome:
        return self.ingest_bytes(path.name, read_file(path))

    def ingest_bytes(self, name: str, raw: bytes) -> FileOutcome:
        """One file's content, from disk or an upload; IngestError says why it failed."""
        sha256 = hashlib.sha256(raw).hexdigest()
        known = IngestedFile.objects.filter(sha256=sha256).first()
        if known is not None:
            return FileOutcome(unchanged=known.provenance.count())
        stories = parse_stories(decode(raw))
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._write_file(name, sha256, len(raw), stories)
            except (IntegrityError, OperationalError) as error:
                # Another ingest wrote the same story or file first; the next attempt
                # sees its rows and merges into them.
                logger.info("Retrying %s after %s (attempt %d)", name, error, attempt)
                self._load_sources()
                if attempt == ATTEMPTS:
                    raise IngestError(f"the database refused the file ({error})") from error
        raise AssertionError("unreachable")

    def _write_file(
        self, name: str, sha256: str, size: int, stories: list[ParsedStory]
    ) -> FileOutcome:
        outcome = FileOutcome()
        with transaction.atomic():
            file, created = IngestedFile.objects.get_or_create(
                sha256=sha256, defaults={"name": name, "size": size}
            )
            if not created:
                return FileOutcome(unchanged=file.provenance.count())
            fresh, others = self._split_fresh(stories)
            self._create_many(fresh, file)
            outcome.created += len(fresh)
            for index, story in others:
                result = self._write_story(story, file, index)
                setattr(outcome, result, getattr(outcome, result) + 1)
        return outcome

    def _split_fresh(
        self, stories: list[ParsedStory]
    ) -> tuple[list[tuple[int, ParsedStory]], list[tuple[int, ParsedStory]]]:
        """Stories that match nothing stored (nor each other) are created in bulk, with a
        few queries per file; the rest go one by one through the merge."""
        fingerprints = {story.body_fingerprint for story in stories}
        title_keys = {story.title_key for story in stories if story.has_title}
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
        fresh, others = [], []
        for index, story in enumerate(stories):
            title = story.title_key if story.has_title else None
            if story.body_fingerprint in known_fingerprints or (title and title in known_titles):
                others.append((index, story))
            else:
                fresh.append((index, story))
            # A story that repeats an earlier one in the same file merges into it.
            known_fingerprints.add(story.body_fingerprint)
            if title:
                known_titles.add(title)
        return fresh, others

    def _create_many(self, entries: list[tuple[int, ParsedStory]], file: IngestedFile) -> None:
        if not entries:
            return
        articles = []
        for _, story in entries:
            title = story.title or provisional_title(story.paragraphs)
            article = Article(
                title=title,
                slug=slugify(title)[:100].strip("-") or "article",
                title_key=story.title_key or None,
                title_is_provisional=not story.has_title,
                body=story.body,
                body_fingerprint=story.body_fingerprint,
                status=self.status,
            )
            self._date(article, [c.text for c in story.captions], story.paragraphs)
            articles.append(article)
        Article.objects.bulk_create(articles)
        captions, region_links, source_links, provenance = [], [], [], []
        tags: set[str] = set()
        for (index, story), article in zip(entries, articles, strict=True):
            credits = []
            for position, caption in enumerate(story.captions):
                credit = self._source_id(caption.credit)
                credits.append(credit)
                captions.append(
                    Caption(
                        article=article,
                        position=position,
                        text=caption.text,
                        photo_credit_id=credit,
                        photographer=caption.photographer,
                        ingested_text=caption.text,
                    )
                )
            caption_texts = [c.text for c in story.captions]
            finding = self.gazetteer.find(story.title, caption_texts, story.paragraphs)
            region_ids = [self.region_ids[key] for key in finding.keys]
            region_links += [
                ArticleRegion(
                    article=article, region_id=region_id, is_primary=key == finding.primary
                ).copy_from(article)
                for key, region_id in zip(finding.keys, region_ids, strict=True)
            ]
            links = {(credit, ArticleSource.Role.PHOTO_CREDIT) for credit in credits if credit}
            links |= {
                (self.source_ids[key], ArticleSource.Role.CITED)
                for key in self.outlets.cited_in([*caption_texts, *story.paragraphs])
            }
            source_links += [
                ArticleSource(article=article, source_id=source_id, role=role)
                for source_id, role in sorted(links)
            ]
            provenance.append(
                Provenance(
                    article=article,
                    file=file,
                    story_index=index,
                    body_fingerprint=story.body_fingerprint,
                )
            )
            tags |= article_tags(article.pk, region_ids, ())
        Caption.objects.bulk_create(captions)
        ArticleRegion.objects.bulk_create(region_links)
        ArticleSource.objects.bulk_create(source_links)
        Provenance.objects.bulk_create(provenance)
        slugs = {source_id: slug for slug, source_id in self.source_ids.items()}
        tags |= {
            f"source:{slugs[link.source_id]}" for link in source_links if link.source_id in slugs
        }
        invalidate(tags)

    # -- stories ----------------------------------------------------------------------

    def _write_story(self, story: ParsedStory, file: IngestedFile, index: int) -> str:
        fingerprint = story.body_fingerprint
        match = Q(body_fingerprint=fingerprint) | Q(provenance__body_fingerprint=fingerprint)
        if story.has_title:
            match |= Q(title_key=story.title_key)
        ids = sorted(set(Article.objects.filter(match).values_list("id", flat=True)))
        if len(ids) > 1:
            raise IngestError(
                f"story {index + 1} (“{story.title or story.paragraphs[0][:60]}”) matches "
                f"stored articles {', '.join(map(str, ids))}; merge those in the admin first"
            )
        if not ids:
            self._create_many([(index, story)], file)
            return "created"
        article = Article.objects.select_for_update().get(id=ids[0])
        self._merge(article, story)
        Provenance.objects.create(
            article=article, file=file, story_index=index, body_fingerprint=fingerprint
        )
        return "merged"

    def _merge(self, article: Article, story: ParsedStory) -> None:
        """Fold a second copy of a story into the stored article.

        What the copies hold is combined (a real title over a provisional one, the longer
        body, every caption), then dates, regions and sources are worked out again from the
        whole, so the result does not depend on which copy came first. A field an editor
        has changed is left as the editor left it.
        """
        if article.title_is_provisional and story.has_title:
            article.title_key = story.title_key
            article.title_is_provisional = False
            if not article.is_edited("title"):
                article.title = story.title
                article.slug = slugify(story.title)[:100].strip("-") or "article"
        if len(story.body) > len(article.body) and not article.is_edited("body"):
            article.body = story.body
            article.body_fingerprint = story.body_fingerprint
        if not article.is_edited("captions"):
            self._add_captions(article, story)
        if not (article.is_edited("published_on") or article.date_source == "editor"):
            self._date(
                article, list(article.captions.values_list("text", flat=True)), article.paragraphs
            )
        article.save()
        self._derive_links(article)

    def _add_captions(self, article: Article, story: ParsedStory) -> None:
        captions = list(article.captions.all())
        known = {text_key(c.text) for c in captions} | {text_key(c.ingested_text) for c in captions}
        position = len(captions)
        for caption in story.captions:
            if text_key(caption.text) in known:
                continue
            known.add(text_key(caption.text))
            Caption.objects.create(
                article=article,
                position=position,
                text=caption.text,
                photo_credit_id=self._source_id(caption.credit),
                photographer=caption.photographer,
                ingested_text=caption.text,
            )
            position += 1

    def _date(self, article: Article, captions: list[str], paragraphs: list[str]) -> None:
        article.published_on, article.date_source = publication_date(captions, paragraphs)

    def _derive_links(self, article: Article) -> None:
        """Regions and sources, worked out from the article's title, captions and body.

        Either is left alone once an editor has changed it.
        """
        captions = list(article.captions.all())
        caption_texts = [c.text for c in captions]
        paragraphs = article.paragraphs
        if not article.is_edited("regions"):
            finding = self.gazetteer.find(
                "" if article.title_is_provisional else article.title, caption_texts, paragraphs
            )
            ArticleRegion.objects.filter(article=article).delete()
            ArticleRegion.objects.bulk_create(
                ArticleRegion(
                    article=article,
                    region_id=self.region_ids[key],
                    is_primary=key == finding.primary,
                ).copy_from(article)
                for key in finding.keys
            )
        if not article.is_edited("sources"):
            links = {
                (c.photo_credit_id, ArticleSource.Role.PHOTO_CREDIT)
                for c in captions
                if c.photo_credit_id
            }
            links |= {
                (self.source_ids[key], ArticleSource.Role.CITED)
                for key in self.outlets.cited_in([*caption_texts, *paragraphs])
            }
            ArticleSource.objects.filter(article=article).delete()
            ArticleSource.objects.bulk_create(
                ArticleSource(article=article, source_id=source_id, role=role)
                for source_id, role in sorted(links)
            )
        # The old links' pages were invalidated by the deletes' signals; these are the new.
        invalidate(
            article_tags(
                article.pk,
                ArticleRegion.objects.filter(article=article).values_list("region_id", flat=True),
                article.sources.values_list("slug", flat=True),
            )
        )

    def _source_id(self, credit: str) -> int | None:
        """The Source a photo credit names; an unknown credit becomes a new Source."""
        if not credit:
            return None
        key = self.outlets.resolve(credit)
        if key:
            return self.source_ids[key]
        slug = slugify(credit)[:140] or "source"
        source, _ = Source.objects.get_or_create(
            slug=slug, defaults={"name": credit[:120], "short_name": credit[:40]}
        )
        self.source_ids[source.slug] = source.id
        return source.id
