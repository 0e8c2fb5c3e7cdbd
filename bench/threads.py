"""What threading and naming cost per story, at the size of a real archive.

    python bench/threads.py --articles 100000 [--new 1000] [--database-url URL]

Ingests a seeded synthetic corpus (bench/corpus.py) of ``--articles`` stories, then
``--new`` more stories dated within the corpus, and reports the seconds per new story of
finding their people, organisations and profiles and of re-threading them
(``threads.refresh``), beside the ingest's own seconds per story for the same new stories
in the same run (the reference). SQLite in a temporary file unless --database-url is given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsreader-threads-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.corpus import write_corpus
    from newsreader import threads
    from newsreader.ingest.load import Ingester
    from newsreader.models import Article, Thread

    call_command("migrate", verbosity=0)
    corpus = workdir / "corpus"
    write_corpus(corpus, args.articles + args.new)
    files = sorted(corpus.iterdir())
    per_file = 50
    new_files = files[-(args.new // per_file) :]
    started = time.perf_counter()
    Ingester().ingest_paths(files[: -len(new_files)])
    archive_seconds = time.perf_counter() - started

    # The same new stories: the ingest alone, then naming and threading them.
    ingester = Ingester()
    started = time.perf_counter()
    ingester.ingest_paths(new_files, workers=0)
    total = time.perf_counter() - started
    new_ids = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[: args.new])
    started = time.perf_counter()
    threads.refresh(new_ids)
    refresh = time.perf_counter() - started
    result = {
        "articles": Article.objects.count(),
        "threads": Thread.objects.count(),
        "archive_ingest_s": round(archive_seconds, 1),
        "new_stories": len(new_ids),
        "ingest_with_threads_ms_per_story": round(1000 * total / len(new_ids), 2),
        "refresh_ms_per_story": round(1000 * refresh / len(new_ids), 2),
        "ingest_without_threads_ms_per_story": round(1000 * (total - refresh) / len(new_ids), 2),
    }
    result["threads_share_of_ingest"] = round(refresh / total, 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
