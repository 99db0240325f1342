#!/usr/bin/env python
"""Search benchmark (not a test): index 10,000 generated articles, then time 1,000
mixed queries, on the real engine and on the database backend in the same run.

    scripts/search-engine start          # the engine, on 127.0.0.1:9200
    .venv/bin/python bench/search_benchmark.py [--articles 10000] [--queries 1000]

It works in a throw-away SQLite database (or BENCH_DATABASE_URL, an empty database
such as a new PostgreSQL one) and a `bench_` index, never in the site's own. Prints
indexing docs/s, query p50/p95 (ms) and the database's p50 as a ratio to the engine's.
Without a reachable engine (SEARCH_URL, default http://127.0.0.1:9200) it measures the
database backend only and says so.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOCABULARY = (
    "tiers-lieux fabrique territoire réinsertion emploi numérique médiation culture "
    "agriculture ferme coopérative gouvernance partagée habitants atelier rencontre "
    "quartier rural ville association collectif insertion professionnelle formation "
    "jeunes transition écologique énergie mobilité santé école bibliothèque café "
    "réseau national région département commune projet financement appel lauréat "
    "accompagnement bénévoles salariés artisans makers recyclerie jardin cuisine "
    "l'emploi d'habitants qu'ensemble hôtel-dieu été élèves scène théâtre musique"
)
WORDS = VOCABULARY.split()
THEMES = ["culture", "agriculture", "insertion-professionnelle", "mediation-numerique"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument(
        "--database-queries",
        type=int,
        default=None,
        help="time only the first N queries on the database backend (default: all)",
    )
    parser.add_argument("--seed", type=int, default=2020)
    return parser.parse_args()


def setup_django(database_file: str) -> None:
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database_file}")
    os.environ.setdefault("SEARCH_BACKEND", "opensearch")
    os.environ.setdefault("SEARCH_URL", "http://127.0.0.1:9200")
    os.environ["SEARCH_INDEX_PREFIX"] = "bench_"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tierslieux.settings.test")
    import django

    django.setup()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build_site(count: int, rng: random.Random):
    import datetime
    import json

    from django.conf import settings

    from wagtail.models import Locale, Page, Site

    from articles.models import ArticleIndexPage, ArticlePage
    from home.models import HomePage, Theme

    # No automatic indexing while the pages are generated: indexing is what we time.
    for conf in settings.WAGTAILSEARCH_BACKENDS.values():
        conf["AUTO_UPDATE"] = False
    from modelsearch.signal_handlers import post_save_signal_handler

    from django.db.models.signals import post_save

    for model in (Page, HomePage, ArticleIndexPage, ArticlePage):
        post_save.disconnect(post_save_signal_handler, sender=model)

    fr = Locale.objects.get_or_create(language_code="fr")[0]
    themes = [
        Theme.objects.get_or_create(slug=slug, locale=fr, defaults={"name": slug.title()})[0]
        for slug in THEMES
    ]
    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil-bench", hero_title="Bench", locale=fr)
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    news = ArticleIndexPage(title="Actualités", slug="actualites", locale=fr)
    home.add_child(instance=news)
    started = time.monotonic()
    for n in range(count):
        page = ArticlePage(
            title=sentence(rng, 6).capitalize(),
            slug=f"article-{n}",
            intro=sentence(rng, 30),
            date=datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2500)),
            body=json.dumps([{"type": "paragraph", "value": f"<p>{sentence(rng, 120)}</p>"}]),
            locale=fr,
            live=True,
        )
        news.add_child(instance=page)
        ArticlePage.themes.through.objects.create(articlepage=page, theme=rng.choice(themes))
        if n % 1000 == 999:
            print(f"  generated {n + 1}/{count} articles ({time.monotonic() - started:.0f} s)")
    return ArticlePage


def time_indexing(label: str, add_chunk, model, chunk_size: int = 500) -> float:
    queryset = model.objects.order_by("pk").prefetch_related("themes", "authors", "tags")
    total = queryset.count()
    started = time.monotonic()
    done = 0
    for start in range(0, total, chunk_size):
        chunk = list(queryset[start : start + chunk_size])
        add_chunk(chunk)
        done += len(chunk)
        rate = done / (time.monotonic() - started)
        print(f"\r  {label}: {done}/{total} ({rate:.0f} docs/s)", end="", flush=True)
    print()
    return total / (time.monotonic() - started)


def queries(rng: random.Random, count: int):
    from django.http import QueryDict

    mixed = []
    for n in range(count):
        kind = n % 5
        data = QueryDict(mutable=True)
        if kind == 0:
            data["q"] = rng.choice(WORDS)
        elif kind == 1:
            data["q"] = sentence(rng, 2)
        elif kind == 2:
            data["q"] = rng.choice(["reinsertion", "fabriques", "tiers lieux", "l’emploi", "ecole"])
        elif kind == 3:
            data["q"] = rng.choice(WORDS)
            data["theme"] = rng.choice(THEMES)
            data["year"] = str(rng.randrange(2018, 2025))
        else:
            data["q"] = rng.choice(WORDS)
            data["page"] = str(rng.randrange(1, 4))
        mixed.append(data)
    return mixed


def analyse_tables() -> None:
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE ({connection.vendor}): {time.monotonic() - started:.1f} s")


def time_queries(label: str, run, mixed) -> tuple[float, float]:
    from search.params import parse_params

    timings = []
    for number, data in enumerate(mixed, start=1):
        params = parse_params(data, "fr")
        started = time.perf_counter()
        run(params)
        timings.append((time.perf_counter() - started) * 1000)
        if number % 100 == 0:
            so_far = sorted(timings)
            print(
                f"\r  {label}: {number}/{len(mixed)} queries, "
                f"p50 so far {statistics.median(so_far):.1f} ms",
                end="",
                flush=True,
            )
    print()
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"  {label}: {len(timings)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    return p50, p95


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        from modelsearch.backends import get_search_backend
        from modelsearch.index import get_indexed_models

        from django.core.management import call_command

        from wagtail.models import Page

        from search.backends.base import SiteBackendMixin
        from search.database import database_search
        from search.engine import engine_search

        print("Migrating a throw-away database...")
        call_command("migrate", verbosity=0)
        if Page.objects.filter(depth__gt=2).exists():
            sys.exit("BENCH_DATABASE_URL must name an empty database (this one has pages).")
        print(f"Generating {args.articles} articles...")
        model = build_site(args.articles, rng)
        results = {}

        engine = get_search_backend("default")
        engine_ok = False
        if isinstance(engine, SiteBackendMixin):
            try:
                engine.es.info()
                engine_ok = True
            except Exception as exc:
                print(f"Engine at {os.environ['SEARCH_URL']} unreachable ({exc}): database only.")
        if engine_ok:
            index = engine.get_index_for_model(Page)
            index.delete()
            index.put()
            for indexed in get_indexed_models():
                if engine.get_index_for_model(indexed).name == index.name:
                    index.add_model(indexed)
            print("Indexing on the engine:")
            rate = time_indexing("engine", lambda chunk: index.add_items(model, chunk), model)
            index.refresh()
            results["engine"] = [rate]

        database = get_search_backend("database" if engine_ok else "default")
        print("Indexing on the database backend:")
        rate = time_indexing("database", lambda chunk: database.add_bulk(model, chunk), model)
        results["database"] = [rate]

        # Fresh statistics, as autovacuum would have them on a live site: without them
        # PostgreSQL plans the full-text joins over 10,000 new rows badly (measured
        # 50 s instead of 1 s per query).
        analyse_tables()

        mixed = queries(rng, args.queries)
        print(f"Timing {args.queries} mixed queries (words, pairs, filters, pages 1-3):")
        if engine_ok:
            results["engine"] += time_queries("engine", engine_search, mixed)
        database_mixed = mixed[: args.database_queries] if args.database_queries else mixed
        results["database"] += time_queries("database", database_search, database_mixed)

        print()
        from django.db import connection

        baseline = results.get("engine")
        print(
            f"{'backend':<22}{'index docs/s':>14}{'query p50 ms':>14}{'query p95 ms':>14}"
            f"{'p50 / engine':>14}"
        )
        for name, (rate, p50, p95) in results.items():
            if name == "engine":
                label = engine.__module__.rsplit(".", 1)[-1]
            else:
                label = f"database ({connection.vendor})"
            ratio = f"{p50 / baseline[1]:.2f}" if baseline else "-"
            print(f"{label:<22}{rate:>14.0f}{p50:>14.1f}{p95:>14.1f}{ratio:>14}")
        if engine_ok:
            engine.get_index_for_model(Page).delete()


if __name__ == "__main__":
    main()
