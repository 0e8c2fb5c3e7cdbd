"""The "Editors" group (see newsreader/editors.py)."""

from django.db import migrations

from newsreader.editors import ensure_editors_group


def create_editors_group(apps, schema_editor):
    ensure_editors_group(apps)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsreader", "0005_editorial_edits"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
