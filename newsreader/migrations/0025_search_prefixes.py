"""SQLite's search index with prefix indexes of 3 to 6 characters (FTS5's ``prefix``
option): the word a reader is still typing ("gov", "govern") is looked up as one entry,
not by merging every word it begins. The index is made again from the articles and
their captions; the triggers that keep it (0005, 0012) name it, and stay.

Measured on 20,000 generated stories (bench/search.py): the snippets of "gov" took 27 ms
and take 2, the index's data grew from 10.6 to 32.7 MB beside 28 MB of text. PostgreSQL's
GIN index needs nothing: its prefix search reads one range of its sorted lexemes.
"""

from django.db import migrations

TABLE = "newsreader_article_fts"
COLUMNS = "title, captions, body, tokenize = 'porter unicode61 remove_diacritics 2'"
FILL = [
    f"INSERT INTO {TABLE} (rowid, title, captions, body) SELECT a.id, a.title, "
    "(SELECT group_concat(c.text, ' ') FROM newsreader_caption c WHERE c.article_id = a.id), "
    "a.body FROM newsreader_article a",
    f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')",
]


def remake(schema_editor, options: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE {TABLE}")
    schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}{options})")
    for statement in FILL:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    remake(schema_editor, ", prefix = '3 4 5 6'")


def backward(apps, schema_editor):
    remake(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0024_page_updated_on")]

    operations = [migrations.RunPython(forward, backward)]
