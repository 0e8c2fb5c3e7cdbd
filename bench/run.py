"""The whole benchmark: corpus, ingest, and the pages under load, in one command.

    python bench/run.py --articles 100000 --db sqlite|postgres [--redis]

It writes a seeded synthetic corpus in the scraped-file format, ingests it through the
real ``ingest`` command (articles/s and peak memory), serves the site with gunicorn under
the production settings (DEBUG off), and loads it with wrk at 1 and 16 connections (and
search at 4), straight from gunicorn and then through Varnish (deploy/varnish.vcl, purged by
surrogate keys), as repeat readers see it. Every figure is also given as a ratio to the
minimal Django view (/healthz) straight from gunicorn in the same run. The table goes to stdout and
to bench/results/<db>-<articles>.json. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import RARE, write_copies, write_corpus  # noqa: E402
from bench.serving import (  # noqa: E402
    PYTHON,
    Gunicorn,
    Varnish,
    postgres_database,
    production_env,
)

RESULTS = ROOT / "bench" / "results"
# Stories delivered a second time after the corpus, to measure merging at size.
MERGED_COPIES = 500


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(db: str, workdir: Path, articles: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    return postgres_database(f"newsreader_bench_{articles}")


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def ingest(env: dict, corpus: Path, articles: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = manage(env, "ingest", str(corpus), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    log(result.stdout.strip())
    return {
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_second": round(articles / seconds),
        "peak_memory_mb": round(max(peak_kb, before) / 1024),
        "summary": result.stdout.strip(),
    }


def sample_paths() -> dict[str, tuple[str, dict]]:
    """The pages to load, {name: (path, headers)}, worked out from the data ingested.

    Needs Django set up on the benchmark's database.
    """
    from django.contrib.staticfiles.storage import staticfiles_storage

    from newsreader.models import Article, Region
    from newsreader.paging import PAGE_SIZE, Cursor, newest_first

    region = Region.objects.get(slug="lebanon")
    in_region = Article.objects.published().filter(article_regions__region=region)
    in_region = in_region.order_by(*newest_first())
    total = in_region.count()
    # Page 1,000 of the region (or its last full page): after the last story of the page
    # before it.
    depth = max(2, min(1000, total // PAGE_SIZE))
    deep = in_region[(depth - 1) * PAGE_SIZE - 1]
    day = Article.objects.published().exclude(published_on=None).order_by("-published_on")[0]
    day = day.published_on
    htmx = {"HX-Request": "true", "HX-Target": "results"}
    return {
        "minimal view": ("/healthz", {}),
        "static file": (staticfiles_storage.url("css/site.css"), {}),
        "home": ("/", {}),
        "region": ("/regions/lebanon/", {}),
        "subregion": ("/regions/levant/", {}),
        "archive day": (f"/archive/{day.year}/{day.month}/{day.day}/", {}),
        "article": (in_region[total // 2].get_absolute_url(), {}),
        "search rare": (f"/search/?q={RARE[0]}", {}),
        "search common": ("/search/?q=government", {}),
        "feed": ("/feeds/latest/", {}),
        "api list": ("/api/articles/", {}),
        "htmx partial": ("/regions/lebanon/?from=2024-01-01", htmx),
        f"region page {depth}": (f"/regions/lebanon/?after={Cursor.of(deep)}", {}),
    }


def sample_urls(env: dict) -> dict[str, tuple[str, dict]]:
    """sample_paths(), asked of a process set up like the server."""
    script = (
        "import json, django; django.setup(); from bench.run import sample_paths; "
        "print(json.dumps(sample_paths()))"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return {name: (path, headers) for name, (path, headers) in json.loads(out.stdout).items()}


def wrk(url: str, headers: dict, connections: int, seconds: int) -> dict:
    # As browsers ask: Varnish keeps pages gzipped and unzips them for clients that don't.
    headers = {"Accept-Encoding": "gzip", **headers}
    command = [
        "wrk",
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        url,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {}
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        latency[pct] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(rps, 1),
        "p50_ms": round(latency["50"], 2),
        "p95_ms": round(_p95(latency), 2),
        "p99_ms": round(latency["99"], 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _p95(latency: dict) -> float:
    # wrk prints 50/75/90/99; p95 is interpolated between 90 and 99.
    return latency["90"] + (latency["99"] - latency["90"]) * 5 / 9


def weight(base: str, urls: dict) -> dict:
    def fetch(path: str, headers: dict | None = None) -> bytes:
        request = urllib.request.Request(base + path, headers=headers or {})
        return urllib.request.urlopen(request, timeout=10).read()

    page = fetch("/regions/lebanon/")
    css = fetch(urls["static file"][0])
    htmx_js = re.search(rb'src="([^"]+htmx[^"]+)"', page).group(1).decode()
    js = fetch(htmx_js)
    icon = re.search(rb'rel="icon" href="([^"]+)"', page).group(1).decode()
    svg = fetch(icon)
    parts = {"html": page, "css": css, "htmx": js, "favicon": svg}
    compressed = {name: len(gzip.compress(body, 9)) for name, body in parts.items()}
    return {
        "list_page_gzip_kb": round(compressed["html"] / 1024, 1),
        "first_view_gzip_kb": round(sum(compressed.values()) / 1024, 1),
        "first_view_requests": len(parts),
    }


def load(base: str, urls: dict, seconds: int) -> dict:
    results = {}
    for name, (path, headers) in urls.items():
        row = {}
        for connections in (1, 16):
            row[f"c{connections}"] = wrk(base + path, headers, connections, seconds)
        if name.startswith("search"):
            row["c4"] = wrk(base + path, headers, 4, seconds)
        results[name] = row
        log(f"  {name:<22} {row['c1']['rps']:>8} req/s at 1, {row['c16']['rps']:>8} at 16")
    return results


def table(title: str, results: dict, minimal: dict) -> str:
    lines = [
        title,
        f"{'page':<24}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'× minimal':>11}",
    ]
    for name, row in results.items():
        for key, figures in row.items():
            base = minimal.get(key) or minimal["c16"]
            ratio = figures["rps"] / base["rps"] if base["rps"] else 0
            lines.append(
                f"{name:<24}{key[1:]:>6}{figures['rps']:>10}{figures['p50_ms']:>9}"
                f"{figures['p95_ms']:>9}{figures['p99_ms']:>9}{ratio:>11.2f}"
            )
    return "\n".join(lines)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--redis", action="store_true", help="share the search limit in Redis at 127.0.0.1:6379/2"
    )
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per measurement")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    return parser.parse_args()


def load_corpus(args: argparse.Namespace, workdir: Path) -> tuple[dict, dict]:
    """A database with the synthetic corpus, and then copies of some of its stories, ingested:
    the server's environment and the ingest's figures."""
    corpus = workdir / "corpus"
    log(f"Writing {args.articles:,} stories to {corpus}")
    files = write_corpus(corpus, args.articles, args.seed)
    env = production_env(
        database_url(args.db, workdir, args.articles),
        DJANGO_SETTINGS_MODULE="newsreader.settings",
    )
    if args.redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/2"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    log(f"Ingesting {files} files")
    ingest_figures = ingest(env, corpus, args.articles)
    log(
        f"  {ingest_figures['articles_per_second']} articles/s, "
        f"peak {ingest_figures['peak_memory_mb']} MB"
    )
    copies = min(MERGED_COPIES, args.articles // 10)
    write_copies(workdir / "copies", args.articles, copies, seed=args.seed)
    log(f"Ingesting {copies} stories again, spread through the corpus (each one merges)")
    merge_figures = ingest(env, workdir / "copies", copies)
    log(f"  {merge_figures['articles_per_second']} merged stories/s")
    if args.db == "postgres":
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    return env, {"ingest": ingest_figures, "merge": merge_figures}


def load_pages(env: dict, workdir: Path, args: argparse.Namespace) -> dict:
    """The pages' weight, and their throughput from gunicorn and through Varnish."""
    urls = sample_urls(env)
    server = Gunicorn(env, workers=args.workers)
    varnish = Varnish(server.base, workdir, storage="malloc,256m")
    report = {}
    try:
        report["weight"] = weight(server.base, urls)
        log("Loading the site straight from gunicorn")
        report["uncached"] = load(server.base, urls, args.seconds)
        varnish.start()
        log("Loading the site through Varnish")
        report["varnish"] = load(varnish.url, urls, args.seconds)
    finally:
        varnish.stop()
        server.stop()
    return report


def main() -> None:
    args = arguments()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    env, figures = load_corpus(args, workdir)
    report = {
        "articles": args.articles,
        "db": args.db,
        "redis": args.redis,
        "workers": args.workers,
        **figures,
        **load_pages(env, workdir, args),
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{args.db}-{args.articles}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(
        f"newsreader benchmark: {args.articles:,} articles on {args.db}, "
        f"{args.workers} gunicorn workers, {args.seconds}s per measurement"
    )
    ingest_figures = report["ingest"]
    print(
        f"ingest: {ingest_figures['articles_per_second']} articles/s "
        f"({ingest_figures['seconds']} s), peak memory {ingest_figures['peak_memory_mb']} MB"
    )
    print(f"weight: {report['weight']}")
    minimal = report["uncached"]["minimal view"]
    print()
    print(table("straight from gunicorn", report["uncached"], minimal))
    print()
    print(table("through Varnish (× the minimal view from gunicorn)", report["varnish"], minimal))
    print(f"\nwritten to {out.relative_to(ROOT)}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
