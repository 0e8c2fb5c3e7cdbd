"""The "Editors" group: may change articles, captions, regions, sources, threads, people
and organisations, not accounts."""

from __future__ import annotations

EDITOR_PERMISSIONS = {
    "article": ["add", "change", "delete", "view"],
    "caption": ["add", "change", "delete", "view"],
    "articleregion": ["add", "change", "delete", "view"],
    "articlesource": ["add", "change", "delete", "view"],
    "region": ["add", "change", "view"],
    "source": ["add", "change", "view"],
    "ingestedfile": ["view"],
    "provenance": ["view"],
    "upload": ["view"],  # granted by migration 0013 to a group made before it
    # granted by migration 0014 to a group made before it
    "thread": ["add", "change", "delete", "view"],
    "person": ["add", "change", "delete", "view"],
    "organisation": ["add", "change", "delete", "view"],
    "articleperson": ["add", "change", "delete", "view"],
    "articleorganisation": ["add", "change", "delete", "view"],
}


def ensure_editors_group(apps) -> None:
    """Create the group with its permissions; ``apps`` is a migration's or the live registry."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations run; the group needs them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="newsreader", codename__in=codenames)
    )
