"""The "Editors" group: may change articles, captions, regions and sources, not accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "article": ["add", "change", "delete", "view"],
    "caption": ["add", "change", "delete", "view"],
    "articleregion": ["add", "change", "delete", "view"],
    "articlesource": ["add", "change", "delete", "view"],
    "region": ["add", "change", "view"],
    "source": ["add", "change", "view"],
    "ingestedfile": ["view"],
    "provenance": ["view"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model, actions in EDITOR_MODELS.items() for action in actions]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="newsreader", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsreader", "0005_editorial_edits"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
