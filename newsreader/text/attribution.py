"""Who published a scraped file and where it was found: from the command line or from a
manifest beside the files. Pure, apart from reading the manifest.

A manifest is a CSV file named ``manifest.csv`` in the folder of the files it describes,
one line per file, with a header::

    name,url,publisher,fetched,published
    000_d68af86ea4c77a71.txt,https://english.aawsat.com/...,Asharq Al-Awsat,2026-02-06T09:30:00Z,

Any column but ``name`` may be empty, and all but ``name`` may be left out. ``fetched``
is when the scraper fetched the page (a story that states no date is placed by it);
``published`` is the page's publication date as the site gives it (2026-02-05), which a
printed dateline overrules (text/dates.py).
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsreader.text.parse import IngestError

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("name", "url", "publisher", "fetched", "published")
MAX_URL_LENGTH = 2000  # Article.original_url and IngestedFile.url
MAX_PUBLISHER_LENGTH = 120  # Source.name

_url_validator = URLValidator(schemes=["http", "https"])
NOT_IN_A_URL = re.compile(r"[<>\"{}|\\^`\s]")


@dataclass(frozen=True)
class Attribution:
    url: str = ""
    publisher: str = ""
    fetched_at: datetime.datetime | None = None
    published_on: datetime.date | None = None

    def __bool__(self) -> bool:
        return bool(self.url or self.publisher or self.fetched_at or self.published_on)

    def over(self, other: Attribution) -> Attribution:
        """This attribution, with what it leaves empty taken from ``other``."""
        return Attribution(
            url=self.url or other.url,
            publisher=self.publisher or other.publisher,
            fetched_at=self.fetched_at or other.fetched_at,
            published_on=self.published_on or other.published_on,
        )


UNATTRIBUTED = Attribution()


def validate_address_characters(value: str) -> None:
    """Refuse "<", ">", quotes, braces and spaces, which no address holds (RFC 3986) but
    Django's URLValidator lets through: stored, they would reach the pages and the API's
    "format: uri" as they are. For the command, the manifest and the admin's forms."""
    if NOT_IN_A_URL.search(value):
        raise ValidationError(
            'An address cannot hold < > " { } | \\ ^ ` or spaces; encode them (%3C…).',
            code="invalid",
        )


def check_url(value: str, where: str) -> str:
    """The address, stripped; IngestError naming ``where`` when it is not a web address."""
    value = value.strip()
    if not value:
        return ""
    try:
        if len(value) > MAX_URL_LENGTH:
            raise ValidationError("too long")
        _url_validator(value)
        validate_address_characters(value)
    except ValidationError:
        raise IngestError(
            f"{where}: “{value[:80]}” is not a web address (http:// or https://, at most "
            f"{MAX_URL_LENGTH} characters)"
        ) from None
    return value


def check_publisher(value: str, where: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_PUBLISHER_LENGTH:
        raise IngestError(
            f"{where}: the publisher’s name is longer than {MAX_PUBLISHER_LENGTH} characters"
        )
    return value


def check_fetched(value: str, where: str) -> datetime.datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise IngestError(
            f"{where}: “{value[:40]}” is not a date and time (write it as 2026-02-06T09:30:00Z)"
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def check_published(value: str, where: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise IngestError(
            f"{where}: “{value[:40]}” is not a date (write it as 2026-02-05)"
        ) from None


def read_manifest(path: Path) -> dict[str, Attribution]:
    """File name -> Attribution, from a manifest; IngestError naming the manifest and the
    line when a line is wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: the manifest could not be read ({error})") from error
    rows = csv.reader(text.splitlines())
    header = [column.strip().casefold() for column in next(rows, [])]
    if not header or header[0] != "name" or not set(header) <= set(MANIFEST_COLUMNS):
        raise IngestError(
            f"{path}: the first line must name the columns: {','.join(MANIFEST_COLUMNS)}"
        )
    found: dict[str, Attribution] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}, line {number}"
        if len(row) > len(header):
            raise IngestError(f"{where}: {len(row)} columns, but the header names {len(header)}")
        cells = dict(zip(header, row, strict=False))
        name = cells["name"].strip()
        if not name:
            raise IngestError(f"{where}: the file name is empty")
        if name in found:
            raise IngestError(f"{where}: {name} is already described on an earlier line")
        found[name] = Attribution(
            url=check_url(cells.get("url", ""), where),
            publisher=check_publisher(cells.get("publisher", ""), where),
            fetched_at=check_fetched(cells.get("fetched", ""), where),
            published_on=check_published(cells.get("published", ""), where),
        )
    return found


class Manifests:
    """The attribution of each file: what the command was given (--publisher, --url), and
    what it leaves empty from the file's line in its folder's manifest.

    Each folder's manifest is read once; a wrong manifest is an IngestError for every file
    in its folder, so those files fail with its sentence and the others go on.
    """

    def __init__(self, given: Attribution = UNATTRIBUTED) -> None:
        self.given = given
        self._folders: dict[Path, dict[str, Attribution] | IngestError] = {}

    def for_file(self, path: Path) -> Attribution:
        folder = path.parent
        if folder not in self._folders:
            manifest = folder / MANIFEST_NAME
            try:
                self._folders[folder] = read_manifest(manifest) if manifest.is_file() else {}
            except IngestError as error:
                self._folders[folder] = error
        entries = self._folders[folder]
        if isinstance(entries, IngestError):
            raise entries
        return self.given.over(entries.get(path.name, UNATTRIBUTED))
