"""Full-text search: on PostgreSQL a weighted tsvector (title A, captions B, body C) in
article.search_vector with a GIN index; on SQLite an FTS5 table with the same three
columns. Triggers on articles and captions keep both current, whatever writes them: the
ingest, the admin or a bulk update. (newsreader/search.py ranks with these weights.)

The SQL is written out here, so that this migration does the same whenever it runs.
"""

from django.db import migrations

POSTGRES_FORWARD = """CREATE FUNCTION newsreader_article_vector(article bigint, title text, body text)
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

POSTGRES_BACKWARD = """DROP INDEX IF EXISTS newsreader_article_search_gin;
DROP TRIGGER IF EXISTS newsreader_caption_vector_insert ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_update ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_delete ON newsreader_caption;
DROP FUNCTION IF EXISTS newsreader_caption_rows_vector_trigger();
DROP TRIGGER IF EXISTS newsreader_caption_vector ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_article_vector ON newsreader_article;
DROP FUNCTION IF EXISTS newsreader_caption_vector_trigger();
DROP FUNCTION IF EXISTS newsreader_article_vector_trigger();
DROP FUNCTION IF EXISTS newsreader_article_vector(bigint, text, text);
"""

SQLITE_TABLE = """CREATE VIRTUAL TABLE newsreader_article_fts USING fts5(title, captions, body, tokenize = 'porter unicode61 remove_diacritics 2')"""

SQLITE_DROP_TRIGGERS = [
    """DROP TRIGGER IF EXISTS newsreader_article_fts_insert""",
    """DROP TRIGGER IF EXISTS newsreader_article_fts_update""",
    """DROP TRIGGER IF EXISTS newsreader_article_fts_delete""",
    """DROP TRIGGER IF EXISTS newsreader_caption_fts_insert""",
    """DROP TRIGGER IF EXISTS newsreader_caption_fts_update""",
    """DROP TRIGGER IF EXISTS newsreader_caption_fts_delete""",
]

def refresh(row):
    """Inside a trigger: article ``row``'s index entry, put back from its title, captions
    and body."""
    return f"""  DELETE FROM newsreader_article_fts WHERE rowid = {row};
  INSERT INTO newsreader_article_fts (rowid, title, captions, body)
    SELECT a.id, a.title,
           (SELECT group_concat(c.text, ' ') FROM newsreader_caption c WHERE c.article_id = a.id),
           a.body
      FROM newsreader_article a WHERE a.id = {row};"""


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER newsreader_article_fts_insert AFTER INSERT ON newsreader_article BEGIN
{refresh("new.id")}
END""",
    f"""CREATE TRIGGER newsreader_article_fts_update AFTER UPDATE OF title, body ON newsreader_article BEGIN
{refresh("new.id")}
END""",
    """CREATE TRIGGER newsreader_article_fts_delete AFTER DELETE ON newsreader_article BEGIN DELETE FROM newsreader_article_fts WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER newsreader_caption_fts_insert AFTER INSERT ON newsreader_caption BEGIN
{refresh("new.article_id")}
END""",
    f"""CREATE TRIGGER newsreader_caption_fts_update AFTER UPDATE ON newsreader_caption BEGIN
{refresh("old.article_id")}

{refresh("new.article_id")}
END""",
    f"""CREATE TRIGGER newsreader_caption_fts_delete AFTER DELETE ON newsreader_caption BEGIN
{refresh("old.article_id")}
END""",
]

SQLITE_REBUILD = [
    """DELETE FROM newsreader_article_fts""",
    """INSERT INTO newsreader_article_fts (rowid, title, captions, body) SELECT a.id, a.title, (SELECT group_concat(c.text, ' ') FROM newsreader_caption c WHERE c.article_id = a.id), a.body FROM newsreader_article a""",
]


def execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    else:
        schema_editor.execute(SQLITE_TABLE)
        execute(schema_editor, SQLITE_TRIGGERS + SQLITE_REBUILD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    else:
        execute(schema_editor, [*SQLITE_DROP_TRIGGERS, "DROP TABLE IF EXISTS newsreader_article_fts"])


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0003_article_search_vector")]

    operations = [migrations.RunPython(forward, backward)]
