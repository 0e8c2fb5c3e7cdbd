"""``python tests/harness.py COMMAND ...``: run a management command with fault hooks.

The ingest fault tests run ingest in a subprocess through this, so that newsreader's own
code carries no test switches. Hooks, set by environment variables:

- ``HARNESS_STALL_AT_FILE=N`` and ``HARNESS_MARKER=path``: in the Nth file that ingest
  writes, once its rows are written but before they are committed, write the file's name
  to the marker and wait, to be killed.
- ``HARNESS_SQLITE_MAX_PAGES=N``: SQLite may not grow past N pages, as on a full disk.

It always prints the process's peak memory as ``peak_rss_kb=N`` on stderr.
"""

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def install_hooks() -> None:
    stall_at = int(os.environ.get("HARNESS_STALL_AT_FILE", "0"))
    if stall_at:
        from newsreader.ingest import bulk

        record_file, write_articles = bulk.record_file, bulk.write_articles
        recorded = []

        def record(*args, **kwargs):
            file = record_file(*args, **kwargs)
            recorded.append(file.name if file else "")
            return file

        def stall(*args, **kwargs):
            write_articles(*args, **kwargs)
            if len(recorded) == stall_at:
                Path(os.environ["HARNESS_MARKER"]).write_text(recorded[-1])
                time.sleep(600)

        bulk.record_file, bulk.write_articles = record, stall

    max_pages = os.environ.get("HARNESS_SQLITE_MAX_PAGES")
    if max_pages:
        from django.db.backends.signals import connection_created

        def limit(sender, connection, **kwargs):
            if connection.vendor == "sqlite":
                connection.cursor().execute(f"PRAGMA max_page_count = {int(max_pages)}")

        connection_created.connect(limit, weak=False)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    install_hooks()
    try:
        execute_from_command_line(["manage.py", *sys.argv[1:]])
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak_rss_kb={peak}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
