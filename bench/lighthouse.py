"""Benchmark (not a test): Lighthouse in mobile mode on the home page, an article and
the Fabriques directory, with Debian's Chromium.

    make lighthouse                       # or:
    .venv/bin/python bench/lighthouse.py [--base-url http://127.0.0.1:8000] [--runs 3]

Without --base-url it serves the site itself (`manage.py runserver`, the settings of the
environment, `make run`'s demo content: load it first) on 127.0.0.1:$LIGHTHOUSE_PORT
(8600). Lighthouse comes from package.json (`npm ci`); CHROME_PATH names the browser
(default /usr/bin/chromium). Each page is measured --runs times; the median is printed
with the accessibility, best-practices and SEO scores, every audit of those three that
does not pass, and each page's largest contentful paint as a ratio to the empty search
page's, measured in the same run (same stylesheet, header and scripts, no image; Lighthouse
refuses to measure a 404): what the pages' images and content add. Goal: 100 in the three
categories, LCP at or under 1.5 s. Exit status 1 when one of the three measured pages is
under 100 in one of them (the baseline is left out: it is not meant to be indexed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PATHS = {
    "baseline": "/fr/search/",
    "home": "/fr/",
    "article": None,  # the newest demo article, found from the news index
    "directory": "/fr/fabriques/",
}
LCP_GOAL_MS = 1500


def serve(port: int) -> subprocess.Popen:
    env = {"DJANGO_SETTINGS_MODULE": "tierslieux.settings.dev", **os.environ}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/", timeout=120)
            return server
        except OSError:  # not listening yet (URLError and timeouts are OSErrors)
            time.sleep(1)
    server.terminate()
    raise SystemExit(f"the site did not answer on port {port}")


def newest_article(base_url: str) -> str:
    """The first article linked from the news index."""
    html = urllib.request.urlopen(f"{base_url}/fr/actualites/", timeout=30).read().decode()
    marker = 'class="card__title"><a href="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def warm(url: str) -> None:
    """One request first: caches and image renditions are made before measuring."""
    try:
        urllib.request.urlopen(url, timeout=120)
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{url} answers {exc.code}") from exc


def lighthouse(url: str, attempts: int = 3) -> dict:
    """One Lighthouse report; tried again when Chromium gives up (a loaded machine)."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
        print(f"Lighthouse failed on {url} (attempt {attempt}): {result.stderr.strip()[-300:]}")
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def lcp_element(report: dict) -> str:
    """The largest paint's element, as Lighthouse 12 lists it (a table in a list)."""
    details = report["audits"].get("largest-contentful-paint-element", {}).get("details", {})
    for table in details.get("items", []):
        for row in table.get("items", []):
            if isinstance(row.get("node"), dict):
                node = row["node"]
                return f"{node.get('snippet', '')} {node.get('nodeLabel', '')}"
    return ""


def summary(report: dict) -> dict:
    failing = set()
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.add(f"{name}: {ref['id']} ({audit['title']})")
    return {
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp": report["audits"]["largest-contentful-paint"]["numericValue"],
        "lcp_element": lcp_element(report),
        "failing": failing,
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex", 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a site already running (default: start one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` (package.json)")
    server = None
    base_url = args.base_url
    if not base_url:
        port = int(os.environ.get("LIGHTHOUSE_PORT", "8600"))
        server = serve(port)
        base_url = f"http://127.0.0.1:{port}"
    try:
        paths = dict(PATHS, article=newest_article(base_url))
        results = {}
        for name, path in paths.items():
            warm(base_url + path)
            runs = [summary(lighthouse(base_url + path)) for _ in range(args.runs)]
            results[name] = (path, runs)
    finally:
        if server:
            server.terminate()
            server.wait()
    baseline = statistics.median(r["lcp"] for r in results["baseline"][1])
    below = False
    load = statistics.median(r["benchmark_index"] for _p, runs in results.values() for r in runs)
    print(
        f"Lighthouse (mobile), median of {args.runs} runs; LCP goal {LCP_GOAL_MS} ms; "
        f"machine benchmarkIndex {load:.0f} (lower: busier, slower simulated paints)"
    )
    for name, (path, runs) in results.items():
        lcp = statistics.median(r["lcp"] for r in runs)
        scores = {c: min(r["scores"][c] for r in runs) for c in CATEGORIES}
        print(
            f"{name:15} {path}\n"
            f"    LCP {lcp:5.0f} ms ({lcp / baseline:.2f} x the baseline)"
            f"{'' if lcp <= LCP_GOAL_MS else '  OVER THE GOAL'}; "
            + ", ".join(f"{c} {s}" for c, s in scores.items())
        )
        element = runs[0]["lcp_element"]
        if element:
            print(f"    largest paint: {element[:120]}")
        for failing in sorted(set().union(*(r["failing"] for r in runs))):
            print(f"    not passed: {failing}")
        if name != "baseline":
            below = below or any(scores[c] < 100 for c in CATEGORIES[1:])
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
