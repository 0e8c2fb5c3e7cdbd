"""Reading a file and working out what its stories say, before anything is written. Pure.

Nothing here touches the database, so a large run can parse the next files in worker
processes while the main process writes the current one. Files come out in the order they
went in, so what is written, and how duplicates merge, does not depend on the workers.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsreader.text.dates import publication_date
from newsreader.text.outlets import OutletDirectory
from newsreader.text.pages import parse_stories
from newsreader.text.parse import IngestError, ParsedStory, body_paragraphs, decode
from newsreader.text.people import NamedText, NameFinder
from newsreader.text.places import Gazetteer, RegionFinding

# Files handed to the workers ahead of the writer, per worker: enough to keep them busy,
# few enough that memory holds a handful of files, never the corpus.
FILES_AHEAD_PER_WORKER = 2


@dataclass(frozen=True)
class Analysis:
    """What one story says about itself: where, when, and which outlets it cites."""

    regions: RegionFinding
    cited: list[str]  # outlet keys
    new_agencies: list[str]  # names of agencies cited that are not known yet
    published_on: datetime.date | None
    date_source: str
    # The people and organisations it names, found here when the run's analyser has a
    # NameFinder: the writer's naming takes them while the stored text is the same.
    named: NamedText | None = None


@dataclass(frozen=True)
class StoredFile:
    """A file ingested before: how many stories it brought, and where it came from."""

    stories: int
    url: str = ""
    publisher_id: int | None = None
    fetched_at: datetime.datetime | None = None


@dataclass
class PreparedFile:
    name: str
    sha256: str
    size: int
    stories: list[tuple[ParsedStory, Analysis]]
    # A file ingested before is left unparsed.
    stored: StoredFile | None = None
    # The outlet its pages show they are from ("" when they don't): the file's publisher
    # unless the manifest or --publisher names one.
    publisher: str = ""


class Analyser:
    """The gazetteer and the outlet directory of one run; picklable, for the workers."""

    def __init__(
        self, gazetteer: Gazetteer, outlets: OutletDirectory, names: NameFinder | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.outlets = outlets
        self.names = names

    def analyse(self, story: ParsedStory) -> Analysis:
        # The keys the writer matches stories on, worked out here and carried with them.
        story.body_fingerprint, story.title_key, story.copy_keys  # noqa: B018
        # A byline that names an agency or an outlet ("By AFP") names no writer.
        story.authors = [name for name in story.authors if self.outlets.resolve(name) is None]
        captions = [caption.text for caption in story.captions]
        analysis = self.analyse_text(
            story.title,
            captions,
            story.paragraphs,
            dated_captions=[c.text for c in story.captions if not c.file_photo],
            dateline=story.dateline,
        )
        if self.names is None:
            return analysis
        # Read as the writer's naming reads the stored story (threads.Namer): a provisional
        # title is none, and the paragraphs are the stored body's.
        title = story.title if story.has_title else ""
        paragraphs = body_paragraphs(story.body)
        named = self.names.find_keyed(title, paragraphs, captions)
        return dataclasses.replace(analysis, named=named)

    def analyse_text(
        self,
        title: str,
        captions: list[str],
        paragraphs: list[str],
        *,
        dated_captions: list[str] | None = None,
        dateline: datetime.date | None = None,
    ) -> Analysis:
        """What a story's text says of where, when and whom it cites: for a story as it
        is read, and for a stored one after a merge. A file photo's caption
        (``dated_captions`` leaves it out) never dates the story."""
        published_on, date_source = publication_date(
            captions if dated_captions is None else dated_captions, paragraphs, dateline
        )
        return Analysis(
            regions=self.regions(title, captions, paragraphs),
            # A caption's credit is the photo's; only the headline and the body cite.
            cited=self.outlets.cited_in([title, *paragraphs]),
            new_agencies=self.outlets.new_agencies_cited(paragraphs),
            published_on=published_on,
            date_source=date_source,
        )

    def regions(self, title: str, captions: list[str], paragraphs: list[str]) -> RegionFinding:
        """The places a story names, once the news organisations it names are set aside."""
        mask = self.outlets.without_names
        return self.gazetteer.find(
            mask(title), [mask(text) for text in captions], [mask(text) for text in paragraphs]
        )

    def prepare(self, name: str, raw: bytes) -> PreparedFile:
        """A file's bytes -> its stories, analysed; IngestError says why it can't be read."""
        stories = parse_stories(decode(raw))
        # The outlet most of its pages show; of two as often, the one shown first.
        shown = Counter(story.publisher for story in stories if story.publisher)
        return PreparedFile(
            name=name,
            sha256=hashlib.sha256(raw).hexdigest(),
            size=len(raw),
            stories=[(story, self.analyse(story)) for story in stories],
            publisher=next((publisher for publisher, _ in shown.most_common(1)), ""),
        )


def read_file(path: Path, limit: int) -> bytes:
    """The file's bytes; IngestError for a missing, oversized or unreadable file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise IngestError("the file does not exist") from error
    except OSError as error:
        raise IngestError(f"the file could not be read ({error.strerror})") from error
    if not path.is_file():
        raise IngestError("it is not a regular file")
    if size > limit:
        raise IngestError(f"the file is {size:,} bytes, over the {limit:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"the file could not be read ({error.strerror})") from error


def prepare_files(
    analyser: Analyser,
    paths: Iterable[Path],
    *,
    limit: int,
    workers: int,
    stored: Callable[[str], StoredFile | None] = lambda sha256: None,
) -> Iterator[tuple[Path, Future[PreparedFile]]]:
    """Each path with its prepared file to come, in order: prepared here, one at a time,
    when ``workers`` is 0; otherwise by that many processes, a few files ahead.

    Files are read and hashed here first: one ingested before (``stored`` gives what is
    stored of it, by its SHA-256; None for a new file) comes out unparsed, with that, so
    that a re-run costs a read, a hash and a query a file.
    """
    pool = None
    if workers > 0:
        pool = ProcessPoolExecutor(
            workers,
            # "spawn": a worker starts clean, sharing no database connection with the writer.
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(analyser,),
        )
    try:
        ahead: deque[tuple[Path, Future[PreparedFile]]] = deque()
        for path in paths:
            future: Future[PreparedFile] = Future()
            try:
                raw = read_file(path, limit)
                sha256 = hashlib.sha256(raw).hexdigest()
                if (known := stored(sha256)) is not None:
                    future.set_result(PreparedFile(path.name, sha256, len(raw), [], known))
                elif pool is not None:
                    future = pool.submit(_prepare_in_worker, path.name, raw)
                else:
                    future.set_result(analyser.prepare(path.name, raw))
            except IngestError as error:
                future.set_exception(error)
            ahead.append((path, future))
            if len(ahead) > workers * FILES_AHEAD_PER_WORKER:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


_worker_analyser: Analyser | None = None


def _start_worker(analyser: Analyser) -> None:
    global _worker_analyser
    _worker_analyser = analyser
    # A worker waits on its parent's sentinel and exits with it: an ingest that is killed
    # (SIGKILL gives it no chance to stop its pool) leaves no worker behind.
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)


def _prepare_in_worker(name: str, raw: bytes) -> PreparedFile:
    assert _worker_analyser is not None, "the worker was started without an analyser"
    return _worker_analyser.prepare(name, raw)
