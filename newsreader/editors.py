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
    "upload": ["view"],  # granted by migration 0013
    # granted by migration 0014
    "thread": ["add", "change", "delete", "view"],
    "person": ["add", "change", "delete", "view"],
    "organisation": ["add", "change", "delete", "view"],
    "articleperson": ["add", "change", "delete", "view"],
    "articleorganisation": ["add", "change", "delete", "view"],
}


def ensure_editors_group() -> None:
    """The group with these permissions, as migrations 0006, 0013 and 0014 leave it: for
    a database that was flushed (the transactional tests), once post_migrate has made
    the permissions again."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="newsreader", codename__in=codenames)
    )
