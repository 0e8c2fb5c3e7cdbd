"""The ingest's writing in bulk, where SQLite and PostgreSQL differ: recording a file in
one statement, new articles and their rows by COPY or by multi-row INSERT, and ids
reserved ahead on PostgreSQL. newsreader/ingest/load.py decides what to write; this
module only writes it, fast.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.utils import timezone

from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Author,
    Caption,
    IngestedFile,
    Provenance,
)
from newsreader.text.attribution import UNATTRIBUTED, Attribution
from newsreader.text.prepare import PreparedFile

logger = logging.getLogger(__name__)

# Rows per INSERT statement, well inside every database's limit on parameters.
INSERT_BATCH = 1000
# The columns an ingest writes of a new article on PostgreSQL, where its id is reserved
# first; the search vector is the trigger's to write.
ARTICLE_COLUMNS = [
    "id",
    "title",
    "slug",
    "title_key",
    "title_is_provisional",
    "body",
    "body_fingerprint",
    "published_on",
    "first_seen",
    "page_updated_on",
    "date_source",
    "status",
    "publisher",
    "original_url",
    "edited_fields",
    "created_at",
    "updated_at",
]

CAPTION_COLUMNS = ["article", "position", "text", "photo_credit", "photographer", "ingested_text"]
# The database copies the article's date and status over the placeholders (migration 0015).
REGION_COLUMNS = ["article", "region", "is_primary", "published_on", "is_published"]
SOURCE_COLUMNS = ["article", "source", "role"]
AUTHOR_COLUMNS = ["article", "name", "position"]
PROVENANCE_COLUMNS = ["article", "file", "story_index", "body_fingerprint", "lead_key", "tail_key"]


@dataclass
class Rows:
    """The rows that go with new (or re-linked) articles, as plain tuples in the order of
    the columns above."""

    captions: list[tuple] = field(default_factory=list)
    regions: list[tuple] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    provenance: list[tuple] = field(default_factory=list)
    authors: list[tuple] = field(default_factory=list)


def give_ids(articles: list[Article]) -> None:
    """Ids for new articles, before their rows are built.

    On PostgreSQL an article's search vector is computed by a trigger as the row goes in,
    from its title, its captions and its body. Captions written after the article would
    make their trigger compute it a second time and rewrite the row (half the database's
    work of an ingest). So there the ids are taken from the articles' sequence, and
    ``write_articles`` writes the captions first: their foreign key is checked at commit,
    when the articles are there. SQLite's index refresh is cheap: its articles go in now.
    """
    if connection.vendor == "postgresql":
        for article, article_id in zip(articles, reserve_ids(len(articles)), strict=True):
            article.id = article_id
    else:
        Article.objects.bulk_create(articles)


def write_articles(articles: list[Article], rows: Rows) -> None:
    """Write articles given ids by ``give_ids``, with their rows."""
    insert_rows(Caption, CAPTION_COLUMNS, rows.captions)
    if connection.vendor == "postgresql":
        now = timezone.now()
        insert_rows(Article, ARTICLE_COLUMNS, [article_row(a, now) for a in articles])
    write_links(rows)
    insert_rows(Provenance, PROVENANCE_COLUMNS, rows.provenance)
    insert_rows(Author, AUTHOR_COLUMNS, rows.authors)


def write_links(rows: Rows) -> None:
    insert_rows(ArticleRegion, REGION_COLUMNS, rows.regions)
    insert_rows(ArticleSource, SOURCE_COLUMNS, rows.sources)


def article_row(article: Article, now) -> tuple:
    return (
        article.id,
        article.title,
        article.slug,
        article.title_key,
        article.title_is_provisional,
        article.body,
        article.body_fingerprint,
        article.published_on,
        article.first_seen,
        article.page_updated_on,
        article.date_source,
        article.status,
        article.publisher_id,
        article.original_url,
        json.dumps(article.edited_fields),  # COPY takes JSON as its text
        now,
        now,
    )


def table_and_columns(
    db: BaseDatabaseWrapper, model: type[Model], fields: list[str]
) -> tuple[str, str]:
    """A model's table and these fields' columns, quoted, for an INSERT or a COPY."""
    columns = ", ".join(db.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    return db.ops.quote_name(model._meta.db_table), columns


def insert_rows(model: type[Model], fields: list[str], rows: list[tuple]) -> None:
    """Write rows of plain values into a model's table: by COPY on PostgreSQL, by
    multi-row INSERTs of up to INSERT_BATCH rows elsewhere.

    For the rows an ingest writes by the hundred thousand: bulk_create would build a model
    instance for each row and prepare each value through it, which cost more than the
    database took to store them. A multi-row INSERT on PostgreSQL is parsed twice over, by
    psycopg to bind its parameters and by the server; COPY is neither, and triggers and
    constraints apply to it as to an INSERT. Values are ints, strings (a JSON column's as
    JSON text), booleans, None, dates and datetimes. No signal is sent (bulk_create sends
    none either).
    """
    if not rows:
        return
    db = transaction.get_connection()  # the connection itself, not the thread-local proxy
    columns = [model._meta.get_field(name) for name in fields]
    table, names = table_and_columns(db, model, fields)
    if db.vendor == "postgresql":
        # Errors surface as Django's (an IntegrityError for a duplicate), as for execute().
        with (
            db.wrap_database_errors,
            db.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    dates = [i for i, column in enumerate(columns) if column.get_internal_type() == "DateField"]
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    batch = min(db.ops.bulk_batch_size(columns, rows), INSERT_BATCH)
    with db.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = []
            for row in chunk:
                if dates:
                    row = list(row)
                    for i in dates:
                        row[i] = db.ops.adapt_datefield_value(row[i])
                params += row
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES " + ", ".join([row_sql] * len(chunk)), params
            )


def record_file(
    prepared: PreparedFile,
    attribution: Attribution = UNATTRIBUTED,
    publisher_id: int | None = None,
) -> IngestedFile | None:
    """Record the file as ingested, in one statement (get_or_create takes four, with its
    savepoint); None if it is recorded already, by an ingest that got there first.
    RETURNING needs SQLite 3.35, as the ingest's bulk_create of articles does already."""
    now = timezone.now()
    name = prepared.name[: IngestedFile._meta.get_field("name").max_length]
    file = IngestedFile(
        name=name,
        sha256=prepared.sha256,
        size=prepared.size,
        url=attribution.url,
        publisher_id=publisher_id,
        fetched_at=attribution.fetched_at,
        published_on=attribution.published_on,
    )
    columns = [
        *("name", "sha256", "size", "ingested_at", "url", "publisher", "fetched_at"),
        "published_on",
    ]
    table, names = table_and_columns(connection, IngestedFile, columns)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
            " ON CONFLICT (sha256) DO NOTHING RETURNING id",
            [
                name,
                file.sha256,
                file.size,
                adapt(now),
                file.url,
                publisher_id,
                adapt(file.fetched_at),
                connection.ops.adapt_datefield_value(file.published_on),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    file.pk, file.ingested_at = row[0], now
    return file


def reserve_ids(count: int) -> list[int]:
    """``count`` new article ids from PostgreSQL's sequence, for rows written later."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Article._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


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
                    "ANALYZE newsreader_article, newsreader_articleregion, newsreader_region, "
                    "newsreader_articlesource, newsreader_caption, newsreader_provenance, "
                    "newsreader_ingestedfile"
                )
    except DatabaseError as error:
        logger.warning("Could not refresh the query planner's statistics: %s", error)
