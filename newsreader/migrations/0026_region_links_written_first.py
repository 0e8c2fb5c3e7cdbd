"""A region link written before its story: ``loaddata`` writes rows in the fixture's order,
and a hand-written fixture (or django-reversion recovering a deleted story) may write a
story's region links before the story.

0022's SQLite trigger copied the story's dates and status into the link from a subquery
that finds no story then, and set ``is_published`` to NULL, which the column refuses: the
fixture failed to load. Neither database copied anything when the story was then written,
because the story-side triggers fired on updates only, so the link kept no dates and was
off its region's pages.

Now a link with no story yet gets no dates and ``is_published`` false (as PostgreSQL's
trigger already did), and writing a story copies its dates and status into the links
already there. On SQLite the copy reads the story's row: its ``placed_on`` is set by a
trigger of its own after the insert (0022), which then copies again if it changed it.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE TRIGGER newsreader_article_region_copies_insert AFTER INSERT
  ON newsreader_article FOR EACH ROW EXECUTE FUNCTION newsreader_article_region_copies();
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS newsreader_article_region_copies_insert ON newsreader_article;
"""


def sqlite_copy(source: str) -> str:
    """Copy the story's dates and status into ``source``'s link rows; one row always comes
    back from the outer join, so a missing story gives NULL dates and false."""
    return f"""
  UPDATE newsreader_articleregion
     SET (published_on, placed_on, is_published) = (
           SELECT a.published_on, a.placed_on, coalesce(a.status = 'published', 0)
             FROM (SELECT NEW.article_id AS id) AS link
             LEFT JOIN newsreader_article a ON a.id = link.id)
   WHERE {source};
"""


SQLITE_0022_COPY = """
  UPDATE newsreader_articleregion
     SET (published_on, placed_on, is_published) = (
           SELECT published_on, placed_on, status = 'published'
             FROM newsreader_article WHERE id = NEW.article_id)
   WHERE id = NEW.id;
"""

LINK_TRIGGERS = [
    "DROP TRIGGER newsreader_articleregion_copy_insert",
    "DROP TRIGGER newsreader_articleregion_copy_update",
]


def link_triggers(copy: str) -> list[str]:
    return [
        "CREATE TRIGGER newsreader_articleregion_copy_insert AFTER INSERT"
        f" ON newsreader_articleregion BEGIN {copy} END",
        "CREATE TRIGGER newsreader_articleregion_copy_update"
        " AFTER UPDATE OF article_id, published_on, placed_on, is_published"
        f" ON newsreader_articleregion BEGIN {copy} END",
    ]


SQLITE_FORWARD = [
    *LINK_TRIGGERS,
    *link_triggers(sqlite_copy("id = NEW.id")),
    """CREATE TRIGGER newsreader_article_region_copies_insert AFTER INSERT ON newsreader_article
BEGIN
  UPDATE newsreader_articleregion
     SET (published_on, placed_on, is_published) = (
           SELECT published_on, placed_on, status = 'published'
             FROM newsreader_article WHERE id = NEW.id)
   WHERE article_id = NEW.id;
END""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS newsreader_article_region_copies_insert",
    *LINK_TRIGGERS,
    *link_triggers(SQLITE_0022_COPY),
]


def run(postgres: str, sqlite: list[str]):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(postgres, params=None)
        elif vendor == "sqlite":
            for statement in sqlite:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0025_search_prefixes")]

    operations = [
        migrations.RunPython(
            run(POSTGRES_FORWARD, SQLITE_FORWARD), run(POSTGRES_BACKWARD, SQLITE_BACKWARD)
        ),
    ]
