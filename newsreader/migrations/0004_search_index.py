"""Full-text search indexes and their triggers: see newsreader/search_schema.py."""

from django.db import migrations

from newsreader import search_schema


def forward(apps, schema_editor):
    search_schema.install(schema_editor)


def backward(apps, schema_editor):
    search_schema.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0003_article_search_vector")]

    operations = [migrations.RunPython(forward, backward)]
