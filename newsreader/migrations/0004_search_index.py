"""Full-text search indexes, kept current by the database itself on every change.

PostgreSQL: a weighted tsvector (title A, captions B, body C) in article.search_vector with
a GIN index. SQLite: an FTS5 table with the same three columns. Triggers on articles and
captions keep both current, whatever writes them: ingest, the admin or a bulk update.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION newsreader_article_vector(article bigint, title text, body text)
RETURNS tsvector AS $$
  SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('english', coalesce(
             (SELECT string_agg(text, ' ' ORDER BY position, id)
                FROM newsreader_caption WHERE article_id = article), '')), 'B')
      || setweight(to_tsvector('english', coalesce(body, '')), 'C')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION newsreader_article_vector_trigger() RETURNS trigger AS $$
BEGIN
  NEW.search_vector := newsreader_article_vector(NEW.id, NEW.title, NEW.body);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_article_vector BEFORE INSERT OR UPDATE OF title, body
  ON newsreader_article FOR EACH ROW EXECUTE FUNCTION newsreader_article_vector_trigger();

CREATE FUNCTION newsreader_caption_vector_trigger() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body)
     WHERE id = OLD.article_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body)
     WHERE id = NEW.article_id;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_caption_vector AFTER INSERT OR UPDATE OR DELETE
  ON newsreader_caption FOR EACH ROW EXECUTE FUNCTION newsreader_caption_vector_trigger();

CREATE INDEX newsreader_article_search_gin ON newsreader_article USING gin (search_vector);

UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body);
"""

POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS newsreader_article_search_gin;
DROP TRIGGER IF EXISTS newsreader_caption_vector ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_article_vector ON newsreader_article;
DROP FUNCTION IF EXISTS newsreader_caption_vector_trigger();
DROP FUNCTION IF EXISTS newsreader_article_vector_trigger();
DROP FUNCTION IF EXISTS newsreader_article_vector(bigint, text, text);
"""

_SQLITE_REFRESH = """
  DELETE FROM newsreader_article_fts WHERE rowid = {id};
  INSERT INTO newsreader_article_fts (rowid, title, captions, body)
    SELECT a.id, a.title,
           (SELECT group_concat(c.text, ' ') FROM newsreader_caption c WHERE c.article_id = a.id),
           a.body
      FROM newsreader_article a WHERE a.id = {id};
"""

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE newsreader_article_fts USING fts5("
    "title, captions, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER newsreader_article_fts_insert AFTER INSERT ON newsreader_article BEGIN"
    + _SQLITE_REFRESH.format(id="new.id")
    + "END",
    "CREATE TRIGGER newsreader_article_fts_update AFTER UPDATE OF title, body "
    "ON newsreader_article BEGIN" + _SQLITE_REFRESH.format(id="new.id") + "END",
    "CREATE TRIGGER newsreader_article_fts_delete AFTER DELETE ON newsreader_article BEGIN "
    "DELETE FROM newsreader_article_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER newsreader_caption_fts_insert AFTER INSERT ON newsreader_caption BEGIN"
    + _SQLITE_REFRESH.format(id="new.article_id")
    + "END",
    "CREATE TRIGGER newsreader_caption_fts_update AFTER UPDATE ON newsreader_caption BEGIN"
    + _SQLITE_REFRESH.format(id="old.article_id")
    + _SQLITE_REFRESH.format(id="new.article_id")
    + "END",
    "CREATE TRIGGER newsreader_caption_fts_delete AFTER DELETE ON newsreader_caption BEGIN"
    + _SQLITE_REFRESH.format(id="old.article_id")
    + "END",
    "INSERT INTO newsreader_article_fts (rowid, title, captions, body) "
    "SELECT a.id, a.title, (SELECT group_concat(c.text, ' ') FROM newsreader_caption c "
    "WHERE c.article_id = a.id), a.body FROM newsreader_article a",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS newsreader_caption_fts_delete",
    "DROP TRIGGER IF EXISTS newsreader_caption_fts_update",
    "DROP TRIGGER IF EXISTS newsreader_caption_fts_insert",
    "DROP TRIGGER IF EXISTS newsreader_article_fts_delete",
    "DROP TRIGGER IF EXISTS newsreader_article_fts_update",
    "DROP TRIGGER IF EXISTS newsreader_article_fts_insert",
    "DROP TABLE IF EXISTS newsreader_article_fts",
]


def forward(apps, schema_editor):
    _run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACKWARD, SQLITE_BACKWARD)


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"newsreader search supports PostgreSQL and SQLite, not {vendor}.")


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0003_article_search_vector")]

    operations = [migrations.RunPython(forward, backward)]
