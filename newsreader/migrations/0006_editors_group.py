"""The "Editors" group: may change articles, captions, regions and sources, not accounts.

Its permissions are written out here, not taken from newsreader/editors.py, so that this
migration does the same whenever it runs; later migrations (0013, 0014) add to them.
"""

from django.db import migrations

# model: (verbose name, actions), as the models stood.
EDITORS_MAY = {
    "article": ("article", ["add", "change", "delete", "view"]),
    "caption": ("caption", ["add", "change", "delete", "view"]),
    "articleregion": ("article region", ["add", "change", "delete", "view"]),
    "articlesource": ("article source", ["add", "change", "delete", "view"]),
    "region": ("region", ["add", "change", "view"]),
    "source": ("source", ["add", "change", "view"]),
    "ingestedfile": ("ingested file", ["view"]),
    "provenance": ("provenance", ["view"]),
}


def create_editors_group(apps, schema_editor):
    # Permissions are made after all migrations run (post_migrate); the group needs them
    # now, so the ones it takes are made here, as Django would name them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model, (verbose_name, actions) in EDITORS_MAY.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="newsreader", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            permissions.append(permission)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
    group.permissions.add(*permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsreader", "0005_editorial_edits"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
