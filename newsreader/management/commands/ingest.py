"""``manage.py ingest PATH [PATH ...]``: scraped text files -> clean articles."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from tqdm import tqdm

from newsreader.ingest.load import Ingester
from newsreader.models import Article
from newsreader.text.attribution import (
    MANIFEST_NAME,
    Attribution,
    check_publisher,
    check_url,
)
from newsreader.text.parse import IngestError
from newsreader.text.report import IngestReport


class Terminal:
    """The command's standard error as a file tqdm can draw on."""

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text, style_func=str, ending="")  # plain: no error colour

    def flush(self) -> None:
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Read scraped news pages (files, or directories searched for *.txt) and store them "
        "as articles, merging stories that are already stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report, but write nothing."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Keep new articles as drafts (unpublished)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            choices=range(0, 17),
            metavar="N",
            help="Processes that read and parse files ahead of the writer (0: none). By "
            "default one fewer than the cores, for runs of 8 files or more.",
        )
        parser.add_argument(
            "--publisher",
            default="",
            metavar="NAME",
            help="The news organisation that published the files (Asharq Al-Awsat). "
            f"Without it, a {MANIFEST_NAME} beside the files says, one line a file.",
        )
        parser.add_argument(
            "--url",
            default="",
            metavar="ADDRESS",
            help="The address the file was fetched from; only with a single file.",
        )

    @contextlib.contextmanager
    def progress_bar(self, verbosity: int) -> Iterator[Callable[[IngestReport, int], None] | None]:
        """On a terminal, a bar of files read, with stories, rate and time left, drawn on
        standard error; elsewhere nothing, and the summary line is all there is."""
        if verbosity < 1 or not self.stderr.isatty():
            yield None
            return
        with tqdm(unit=" files", file=Terminal(self.stderr), dynamic_ncols=True) as bar:

            def progress(report: IngestReport, total: int) -> None:
                bar.total = total
                stories = report.created + report.merged + report.unchanged
                bar.set_postfix_str(f"{stories:,} stories", refresh=False)
                bar.update(report.files_read - bar.n)

            yield progress

    def handle(
        self,
        *args: Any,
        paths: list[str],
        dry_run: bool,
        draft: bool,
        workers: int | None,
        publisher: str,
        url: str,
        **options: Any,
    ) -> None:
        if url and (len(paths) != 1 or not Path(paths[0]).is_file()):
            raise CommandError("--url names the address of one file: give a single file with it.")
        try:
            given = Attribution(
                url=check_url(url, "--url"), publisher=check_publisher(publisher, "--publisher")
            )
        except IngestError as error:
            raise CommandError(f"{error}.") from error
        status = Article.Status.DRAFT if draft else Article.Status.PUBLISHED
        ingester = Ingester(status=status, dry_run=dry_run)
        with self.progress_bar(options["verbosity"]) as progress:
            report = ingester.ingest_paths(
                paths, progress=progress, workers=workers, attribution=given
            )
        for path, reason in report.failures:
            self.stderr.write(f"{path}: {reason}.")
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
        if report.files_read == 0:
            raise CommandError(f"No .txt files were found in {', '.join(paths)}.")
        if report.failures:
            raise CommandError(f"{report.files_failed} of {report.files_read} files failed.")
