"""PostgreSQL: captions refresh the search vector once per statement, not once per row."""

from django.db import migrations

from newsreader import search_schema


def forward(apps, schema_editor):
    search_schema.caption_triggers_per_statement(schema_editor)


def backward(apps, schema_editor):
    search_schema.caption_triggers_per_row(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0008_article_newest_first_index")]

    operations = [migrations.RunPython(forward, backward)]
