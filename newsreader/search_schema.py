"""The full-text search index, kept current by the database itself on every change.

PostgreSQL: a weighted tsvector (title A, captions B, body C) in article.search_vector with
a GIN index. SQLite: an FTS5 table with the same three columns. Triggers on articles and
captions keep both current, whatever writes them: ingest, the admin or a bulk update.
Migrations call these functions; the SQL lives here so that later migrations can reuse it.
"""

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

# Migration 0009: on PostgreSQL, captions refresh their articles' vectors once per
# statement instead of once per row, so a bulk insert of a file's captions is one UPDATE.
POSTGRES_CAPTION_STATEMENT_TRIGGERS = """
DROP TRIGGER IF EXISTS newsreader_caption_vector ON newsreader_caption;

CREATE FUNCTION newsreader_caption_rows_vector_trigger() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body)
     WHERE id IN (SELECT article_id FROM new_captions);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body)
     WHERE id IN (SELECT article_id FROM new_captions UNION SELECT article_id FROM old_captions);
  ELSE
    UPDATE newsreader_article SET search_vector = newsreader_article_vector(id, title, body)
     WHERE id IN (SELECT article_id FROM old_captions);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER newsreader_caption_vector_insert AFTER INSERT ON newsreader_caption
  REFERENCING NEW TABLE AS new_captions
  FOR EACH STATEMENT EXECUTE FUNCTION newsreader_caption_rows_vector_trigger();
CREATE TRIGGER newsreader_caption_vector_update AFTER UPDATE ON newsreader_caption
  REFERENCING OLD TABLE AS old_captions NEW TABLE AS new_captions
  FOR EACH STATEMENT EXECUTE FUNCTION newsreader_caption_rows_vector_trigger();
CREATE TRIGGER newsreader_caption_vector_delete AFTER DELETE ON newsreader_caption
  REFERENCING OLD TABLE AS old_captions
  FOR EACH STATEMENT EXECUTE FUNCTION newsreader_caption_rows_vector_trigger();
"""

POSTGRES_CAPTION_ROW_TRIGGER = """
DROP TRIGGER IF EXISTS newsreader_caption_vector_insert ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_update ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_delete ON newsreader_caption;
DROP FUNCTION IF EXISTS newsreader_caption_rows_vector_trigger();
CREATE TRIGGER newsreader_caption_vector AFTER INSERT OR UPDATE OR DELETE
  ON newsreader_caption FOR EACH ROW EXECUTE FUNCTION newsreader_caption_vector_trigger();
"""

_SQLITE_REFRESH = """
  DELETE FROM newsreader_article_fts WHERE rowid = {id};
  INSERT INTO newsreader_article_fts (rowid, title, captions, body)
    SELECT a.id, a.title,
           (SELECT group_concat(c.text, ' ') FROM newsreader_caption c WHERE c.article_id = a.id),
           a.body
      FROM newsreader_article a WHERE a.id = {id};
"""

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE newsreader_article_fts USING fts5("
    "title, captions, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)

SQLITE_TRIGGERS = [
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
]

SQLITE_REBUILD = [
    "DELETE FROM newsreader_article_fts",
    "INSERT INTO newsreader_article_fts (rowid, title, captions, body) "
    "SELECT a.id, a.title, (SELECT group_concat(c.text, ' ') FROM newsreader_caption c "
    "WHERE c.article_id = a.id), a.body FROM newsreader_article a",
]

SQLITE_DROP_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS newsreader_{name}_fts_{event}"
    for name in ("article", "caption")
    for event in ("insert", "update", "delete")
]


def install(schema_editor) -> None:
    """Create the search index and the triggers that keep it current, and fill it."""
    if _vendor(schema_editor) == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    else:
        schema_editor.execute(SQLITE_TABLE)
        _execute(schema_editor, SQLITE_TRIGGERS + SQLITE_REBUILD)


def uninstall(schema_editor) -> None:
    if _vendor(schema_editor) == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    else:
        _execute(
            schema_editor, [*SQLITE_DROP_TRIGGERS, "DROP TABLE IF EXISTS newsreader_article_fts"]
        )


def caption_triggers_per_statement(schema_editor) -> None:
    if _vendor(schema_editor) == "postgresql":
        schema_editor.execute(POSTGRES_CAPTION_STATEMENT_TRIGGERS)


def caption_triggers_per_row(schema_editor) -> None:
    if _vendor(schema_editor) == "postgresql":
        schema_editor.execute(POSTGRES_CAPTION_ROW_TRIGGER)


def suspend_sqlite_triggers(schema_editor) -> None:
    """Before a migration rebuilds the article or caption table (SQLite copies tables to
    alter them), take the triggers off; ``resume_sqlite_triggers`` puts them back."""
    if _vendor(schema_editor) == "sqlite":
        _execute(schema_editor, SQLITE_DROP_TRIGGERS)


def resume_sqlite_triggers(schema_editor) -> None:
    if _vendor(schema_editor) == "sqlite":
        _execute(schema_editor, SQLITE_DROP_TRIGGERS + SQLITE_TRIGGERS + SQLITE_REBUILD)


def _execute(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def _vendor(schema_editor) -> str:
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(
            f"newsreader search supports PostgreSQL and SQLite, not {vendor}."
        )
    return vendor
