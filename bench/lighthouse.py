"""Lighthouse (npm) on the home, region, article and search pages, mobile preset.

    python bench/lighthouse.py [--articles 1000]

Serves a seeded database (the seed stories and a synthetic corpus) with gunicorn under
the production settings, runs Lighthouse against the system Chromium
(``CHROME_PATH=/usr/bin/chromium``, headless, no sandbox) and prints the performance and
accessibility scores of each page, with the largest contentful paint and total blocking
time. Lighthouse itself comes from the npm registry through ``npx``; set
``LIGHTHOUSE=/path/to/lighthouse`` to use an installed one. Targets: performance >= 95,
accessibility 100.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.drill import main_pages, prepare_database  # noqa: E402
from bench.serving import Gunicorn, production_env  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RESULTS = ROOT / "bench" / "results"


def lighthouse(url: str, out: Path) -> dict:
    command = shlex.split(os.environ.get("LIGHTHOUSE", "npx --yes lighthouse@13"))
    for attempt in (1, 2):  # Chromium sometimes fails to start under Lighthouse; once more
        result = subprocess.run(
            [
                *command,
                url,
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            check=attempt == 2,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if result.returncode == 0:
            break
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = production_env(f"sqlite:///{workdir}/lighthouse.sqlite3")
        corpus = Path(workdir) / "corpus"
        write_corpus(corpus, args.articles, seed=3)
        prepare_database(env)
        subprocess.run(
            [sys.executable, "manage.py", "ingest", str(corpus)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        server = Gunicorn(env, workers=2)
        try:
            _, _, region, article, *_ = main_pages(server.base, env)
            pages = {
                "home": "/",
                "region": region,
                "article": article,
                "search": "/search/?q=gaza",
            }
            results = {
                name: lighthouse(server.base + path, Path(workdir) / f"{name}.json")
                for name, path in pages.items()
            }
        finally:
            server.stop()
    print(
        f"{'page':10} {'perf':>5} {'a11y':>5} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} {'bytes':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:10} {r['performance']:>5} {r['accessibility']:>5} {r['lcp_ms']:>7} "
            f"{r['tbt_ms']:>7} {r['cls']:>6} {r['bytes']:>7}"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
