"""PostgreSQL: captions refresh the search vector once per statement, not once per row,
so a bulk insert of a file's captions is one UPDATE. Written out here, so that this
migration does the same whenever it runs."""

from django.db import migrations

POSTGRES_CAPTION_STATEMENT_TRIGGERS = """DROP TRIGGER IF EXISTS newsreader_caption_vector ON newsreader_caption;

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

POSTGRES_CAPTION_ROW_TRIGGER = """DROP TRIGGER IF EXISTS newsreader_caption_vector_insert ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_update ON newsreader_caption;
DROP TRIGGER IF EXISTS newsreader_caption_vector_delete ON newsreader_caption;
DROP FUNCTION IF EXISTS newsreader_caption_rows_vector_trigger();
CREATE TRIGGER newsreader_caption_vector AFTER INSERT OR UPDATE OR DELETE
  ON newsreader_caption FOR EACH ROW EXECUTE FUNCTION newsreader_caption_vector_trigger();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CAPTION_STATEMENT_TRIGGERS, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CAPTION_ROW_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0008_article_newest_first_index")]

    operations = [migrations.RunPython(forward, backward)]
