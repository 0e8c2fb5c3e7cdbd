"""The indexes newest-first story lists read (see newsreader/paging.py).

Django writes a filter on a boolean as the bare column (``WHERE is_published``), which
SQLite cannot match to an index column; a partial index on that same condition serves
both databases.
"""

from django.db import migrations


def create_indexes(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute("DROP INDEX IF EXISTS region_newest_first")
    schema_editor.execute(
        "CREATE INDEX region_newest_first ON newsreader_articleregion "
        f"(region_id, published_on DESC{nulls}, article_id DESC) WHERE is_published"
    )
    schema_editor.execute(
        "CREATE INDEX article_newest_first ON newsreader_article "
        f"(status, published_on DESC{nulls}, id DESC)"
    )


def drop_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_newest_first")


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0007_region_listing")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
