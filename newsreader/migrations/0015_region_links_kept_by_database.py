"""A region link's copies of its article's date and status (ArticleRegion.published_on and
is_published, which region pages read newest first from one index) are kept by the
database, as the search index is: whatever writes an article or a link (the ingest, the
admin, a bulk ``update()``), the copies follow.

The SQL is written out here, so that this migration does the same whenever it runs.

On SQLite, a later migration that remakes newsreader_article or newsreader_articleregion
(Django copies the table to alter it) drops these triggers with it and must create them
again, as 0014 does for the search triggers; tests/test_region_links.py fails otherwise.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION newsreader_articleregion_copy() RETURNS trigger AS $$
BEGIN
  SELECT a.published_on, a.status = 'published' INTO NEW.published_on, NEW.is_published
    FROM newsreader_article a WHERE a.id = NEW.article_id;
  NEW.is_published := coalesce(NEW.is_published, false);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_articleregion_copy BEFORE INSERT OR UPDATE
  ON newsreader_articleregion FOR EACH ROW EXECUTE FUNCTION newsreader_articleregion_copy();

CREATE FUNCTION newsreader_article_region_copies() RETURNS trigger AS $$
BEGIN
  UPDATE newsreader_articleregion
     SET published_on = NEW.published_on, is_published = NEW.status = 'published'
   WHERE article_id = NEW.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_article_region_copies AFTER UPDATE OF published_on, status
  ON newsreader_article FOR EACH ROW
  WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION newsreader_article_region_copies();

UPDATE newsreader_articleregion SET is_primary = is_primary;
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS newsreader_article_region_copies ON newsreader_article;
DROP FUNCTION IF EXISTS newsreader_article_region_copies();
DROP TRIGGER IF EXISTS newsreader_articleregion_copy ON newsreader_articleregion;
DROP FUNCTION IF EXISTS newsreader_articleregion_copy();
"""

SQLITE_COPY = """
  UPDATE newsreader_articleregion
     SET published_on = (SELECT published_on FROM newsreader_article WHERE id = NEW.article_id),
         is_published = coalesce(
           (SELECT status = 'published' FROM newsreader_article WHERE id = NEW.article_id), 0)
   WHERE id = NEW.id;
"""

SQLITE_FORWARD = [
    "CREATE TRIGGER newsreader_articleregion_copy_insert AFTER INSERT"
    f" ON newsreader_articleregion BEGIN {SQLITE_COPY} END",
    "CREATE TRIGGER newsreader_articleregion_copy_update"
    " AFTER UPDATE OF article_id, published_on, is_published"
    f" ON newsreader_articleregion BEGIN {SQLITE_COPY} END",
    """CREATE TRIGGER newsreader_article_region_copies AFTER UPDATE OF published_on, status
  ON newsreader_article
  WHEN OLD.published_on IS NOT NEW.published_on OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE newsreader_articleregion
     SET published_on = NEW.published_on, is_published = NEW.status = 'published'
   WHERE article_id = NEW.id;
END""",
    """UPDATE newsreader_articleregion
   SET published_on = (SELECT published_on FROM newsreader_article a WHERE a.id = article_id),
       is_published = (SELECT status = 'published' FROM newsreader_article a
                        WHERE a.id = article_id)""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS newsreader_article_region_copies",
    "DROP TRIGGER IF EXISTS newsreader_articleregion_copy_update",
    "DROP TRIGGER IF EXISTS newsreader_articleregion_copy_insert",
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


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0014_threads_people")]

    operations = [
        migrations.RunPython(
            run(POSTGRES_FORWARD, SQLITE_FORWARD), run(POSTGRES_BACKWARD, SQLITE_BACKWARD)
        )
    ]
