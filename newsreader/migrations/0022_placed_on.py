"""Every story placed in time: ``placed_on`` is a story's publication date, else the day it
was first seen (else the day its row was made), and is what lists are ordered by, so an
undated story sits among the stories of the days it arrived instead of after all of them.

The database keeps it, as it keeps a region link's copies (0015): whatever writes a story
(the ingest, a merge's ``update()``, the admin), ``placed_on`` follows its dates, and the
region links' copy follows ``placed_on``. The region links' trigger reads the story's row
rather than the statement's values: on SQLite the row's ``placed_on`` is set by a trigger
of its own, after the statement that changed a date.

On SQLite, a later migration that remakes newsreader_article or newsreader_articleregion
drops these triggers with it (as 0015 says) and must create them again.

The newest-first indexes move from ``published_on`` to ``placed_on``; an archive page's
dated stories have the same ``placed_on`` as ``published_on``, so it reads the same index.
"""

from django.db import migrations, models

POSTGRES_FORWARD = """
CREATE FUNCTION newsreader_article_placed() RETURNS trigger AS $$
BEGIN
  NEW.placed_on := coalesce(NEW.published_on, (NEW.first_seen AT TIME ZONE 'UTC')::date,
                            (NEW.created_at AT TIME ZONE 'UTC')::date);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_article_placed BEFORE INSERT OR UPDATE
  ON newsreader_article FOR EACH ROW EXECUTE FUNCTION newsreader_article_placed();

CREATE OR REPLACE FUNCTION newsreader_articleregion_copy() RETURNS trigger AS $$
BEGIN
  SELECT a.published_on, a.placed_on, a.status = 'published'
    INTO NEW.published_on, NEW.placed_on, NEW.is_published
    FROM newsreader_article a WHERE a.id = NEW.article_id;
  NEW.is_published := coalesce(NEW.is_published, false);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION newsreader_article_region_copies() RETURNS trigger AS $$
BEGIN
  UPDATE newsreader_articleregion
     SET published_on = NEW.published_on, placed_on = NEW.placed_on,
         is_published = NEW.status = 'published'
   WHERE article_id = NEW.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER newsreader_article_region_copies ON newsreader_article;
CREATE TRIGGER newsreader_article_region_copies AFTER UPDATE
  ON newsreader_article FOR EACH ROW
  WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on
        OR OLD.placed_on IS DISTINCT FROM NEW.placed_on
        OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION newsreader_article_region_copies();

UPDATE newsreader_article SET placed_on = NULL;
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS newsreader_article_placed ON newsreader_article;
DROP FUNCTION IF EXISTS newsreader_article_placed();

CREATE OR REPLACE FUNCTION newsreader_articleregion_copy() RETURNS trigger AS $$
BEGIN
  SELECT a.published_on, a.status = 'published' INTO NEW.published_on, NEW.is_published
    FROM newsreader_article a WHERE a.id = NEW.article_id;
  NEW.is_published := coalesce(NEW.is_published, false);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION newsreader_article_region_copies() RETURNS trigger AS $$
BEGIN
  UPDATE newsreader_articleregion
     SET published_on = NEW.published_on, is_published = NEW.status = 'published'
   WHERE article_id = NEW.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER newsreader_article_region_copies ON newsreader_article;
CREATE TRIGGER newsreader_article_region_copies AFTER UPDATE OF published_on, status
  ON newsreader_article FOR EACH ROW
  WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION newsreader_article_region_copies();
"""

SQLITE_PLACED = "coalesce(NEW.published_on, date(NEW.first_seen), date(NEW.created_at))"

SQLITE_COPY = """
  UPDATE newsreader_articleregion
     SET (published_on, placed_on, is_published) = (
           SELECT published_on, placed_on, status = 'published'
             FROM newsreader_article WHERE id = NEW.article_id)
   WHERE id = NEW.id;
"""

SQLITE_FORWARD = [
    "DROP TRIGGER newsreader_article_region_copies",
    "DROP TRIGGER newsreader_articleregion_copy_update",
    "DROP TRIGGER newsreader_articleregion_copy_insert",
    "CREATE TRIGGER newsreader_article_placed_insert AFTER INSERT ON newsreader_article"
    f" BEGIN UPDATE newsreader_article SET placed_on = {SQLITE_PLACED} WHERE id = NEW.id; END",
    "CREATE TRIGGER newsreader_article_placed_update"
    " AFTER UPDATE OF published_on, first_seen, created_at, placed_on ON newsreader_article"
    f" WHEN NEW.placed_on IS NOT {SQLITE_PLACED}"
    f" BEGIN UPDATE newsreader_article SET placed_on = {SQLITE_PLACED} WHERE id = NEW.id; END",
    "CREATE TRIGGER newsreader_articleregion_copy_insert AFTER INSERT"
    f" ON newsreader_articleregion BEGIN {SQLITE_COPY} END",
    "CREATE TRIGGER newsreader_articleregion_copy_update"
    " AFTER UPDATE OF article_id, published_on, placed_on, is_published"
    f" ON newsreader_articleregion BEGIN {SQLITE_COPY} END",
    """CREATE TRIGGER newsreader_article_region_copies
  AFTER UPDATE OF published_on, placed_on, status ON newsreader_article
  WHEN OLD.published_on IS NOT NEW.published_on OR OLD.placed_on IS NOT NEW.placed_on
    OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE newsreader_articleregion
     SET (published_on, placed_on, is_published) = (
           SELECT published_on, placed_on, status = 'published'
             FROM newsreader_article WHERE id = NEW.id)
   WHERE article_id = NEW.id;
END""",
    "UPDATE newsreader_article SET placed_on = coalesce("
    "published_on, date(first_seen), date(created_at))",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS newsreader_article_placed_insert",
    "DROP TRIGGER IF EXISTS newsreader_article_placed_update",
    "DROP TRIGGER IF EXISTS newsreader_article_region_copies",
    "DROP TRIGGER IF EXISTS newsreader_articleregion_copy_update",
    "DROP TRIGGER IF EXISTS newsreader_articleregion_copy_insert",
    # 0015's triggers again.
    """CREATE TRIGGER newsreader_articleregion_copy_insert AFTER INSERT
  ON newsreader_articleregion BEGIN
  UPDATE newsreader_articleregion
     SET published_on = (SELECT published_on FROM newsreader_article WHERE id = NEW.article_id),
         is_published = coalesce(
           (SELECT status = 'published' FROM newsreader_article WHERE id = NEW.article_id), 0)
   WHERE id = NEW.id; END""",
    """CREATE TRIGGER newsreader_articleregion_copy_update
  AFTER UPDATE OF article_id, published_on, is_published ON newsreader_articleregion BEGIN
  UPDATE newsreader_articleregion
     SET published_on = (SELECT published_on FROM newsreader_article WHERE id = NEW.article_id),
         is_published = coalesce(
           (SELECT status = 'published' FROM newsreader_article WHERE id = NEW.article_id), 0)
   WHERE id = NEW.id; END""",
    """CREATE TRIGGER newsreader_article_region_copies AFTER UPDATE OF published_on, status
  ON newsreader_article
  WHEN OLD.published_on IS NOT NEW.published_on OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE newsreader_articleregion
     SET published_on = NEW.published_on, is_published = NEW.status = 'published'
   WHERE article_id = NEW.id;
END""",
]


def run(postgres: str, sqlite: list[str]):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(postgres, params=None)
        elif vendor == "sqlite":
            for statement in sqlite:
                schema_editor.execute(statement)

    return operation


def index(column: str):
    """The newest-first indexes of 0008, on ``column``."""

    def operation(apps, schema_editor):
        nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
        schema_editor.execute("DROP INDEX IF EXISTS region_newest_first")
        schema_editor.execute("DROP INDEX IF EXISTS article_newest_first")
        schema_editor.execute(
            "CREATE INDEX region_newest_first ON newsreader_articleregion "
            f"(region_id, {column} DESC{nulls}, article_id DESC) WHERE is_published"
        )
        schema_editor.execute(
            "CREATE INDEX article_newest_first ON newsreader_article "
            f"(status, {column} DESC{nulls}, id DESC)"
        )

    return operation


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0021_first_seen")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="placed_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="articleregion",
            name="placed_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(
            run(POSTGRES_FORWARD, SQLITE_FORWARD), run(POSTGRES_BACKWARD, SQLITE_BACKWARD)
        ),
        migrations.RunPython(index("placed_on"), index("published_on")),
        migrations.AlterModelOptions(
            name="article",
            options={"ordering": [models.F("placed_on").desc(nulls_last=True), "-id"]},
        ),
    ]
