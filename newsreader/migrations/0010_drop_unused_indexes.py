"""Drop indexes that no query reads but every ingested story has to update.

- A foreign key's own index, where a unique constraint already starts with that column
  (a region, source or caption link's article; a provenance row's file).
- ``Article.slug``: URLs find an article by its id; the slug is only compared after.
- ``Article.status``: both story-list indexes start with the status.
- On PostgreSQL, the ``varchar_pattern_ops`` copies Django adds beside an indexed text
  column, for ``LIKE 'x%'``. Fingerprints and title keys are only ever compared whole.

At 100,000 stories an article row had 13 indexes to update and now has 7. The tables are
not rebuilt (SQLite would rebuild a table to change a field, dropping its search
triggers): the indexes are dropped by name, and the fields say ``db_index=False``.
"""

from django.db import migrations, models

# (table, index, column, vendor that has it: None for both)
DROPPED = [
    ("newsreader_article", "newsreader_article_slug_7c33391f", "slug", None),
    ("newsreader_article", "newsreader_article_slug_7c33391f_like", "slug", "postgresql"),
    ("newsreader_article", "newsreader_article_status_b8f86de1", "status", None),
    ("newsreader_article", "newsreader_article_status_b8f86de1_like", "status", "postgresql"),
    (
        "newsreader_article",
        "newsreader_article_body_fingerprint_12124e98_like",
        "body_fingerprint",
        "postgresql",
    ),
    (
        "newsreader_article",
        "newsreader_article_title_key_da5555d0_like",
        "title_key",
        "postgresql",
    ),
    (
        "newsreader_articleregion",
        "newsreader_articleregion_article_id_5e9da8cf",
        "article_id",
        None,
    ),
    (
        "newsreader_articlesource",
        "newsreader_articlesource_article_id_f7eae1d0",
        "article_id",
        None,
    ),
    ("newsreader_caption", "newsreader_caption_article_id_a9fcdb38", "article_id", None),
    ("newsreader_provenance", "newsreader_provenance_file_id_af0eeb1b", "file_id", None),
    (
        "newsreader_provenance",
        "newsreader_provenance_body_fingerprint_f46d196d_like",
        "body_fingerprint",
        "postgresql",
    ),
]


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for _, index, _, only in DROPPED:
        if only in (None, vendor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


def restore(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, index, column, only in DROPPED:
        if only in (None, vendor):
            ops = " varchar_pattern_ops" if index.endswith("_like") else ""
            schema_editor.execute(f"CREATE INDEX {index} ON {table} ({column}{ops})")


UNINDEXED_FOREIGN_KEYS = [
    ("articleregion", "article", "newsreader.article", "article_regions"),
    ("articlesource", "article", "newsreader.article", "article_sources"),
    ("caption", "article", "newsreader.article", "captions"),
    ("provenance", "file", "newsreader.ingestedfile", "provenance"),
]


def unindexed_fk(to: str, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False, on_delete=models.CASCADE, related_name=related_name, to=to
    )


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0009_caption_vector_per_statement")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, restore)],
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="slug",
                    field=models.SlugField(db_index=False, max_length=120),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="status",
                    field=models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="published",
                        max_length=10,
                    ),
                ),
            ]
            + [
                migrations.AlterField(
                    model_name=model_name, name=name, field=unindexed_fk(to, related_name)
                )
                for model_name, name, to, related_name in UNINDEXED_FOREIGN_KEYS
            ],
        )
    ]
