"""Benchmark (not a test): how long WeasyPrint takes to lay out a ~40-page booklet.

    DJANGO_SETTINGS_MODULE=tierslieux.settings.test .venv/bin/python bench/booklet_pdf.py

Builds a throwaway database, a booklet of 12 chapters (headings, paragraphs, quotes,
workshop summaries, an image each), then times, in the same run:
- the baseline: rendering the same HTML without making a PDF;
- the PDF: HTML plus WeasyPrint layout and writing;
- finding the stored PDF once the worker has rendered it (what a reader's request does).
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tierslieux.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CHAPTERS = 12
RUNS = 3
LOREM = (
    "Les Fabriques de Territoire ont décrit leurs projets, leurs partenaires et leurs "
    "difficultés : trouver des locaux, former des médiateurs, être reconnues par les "
    "collectivités, mutualiser le matériel et les compétences avec les lieux voisins. "
)


def build_booklet():
    from PIL import Image as PILImage

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Site

    from booklet.models import BookletChapterPage, BookletPage
    from home.models import HomePage, Person

    locale = Locale.objects.get_or_create(language_code="fr")[0]
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Accueil", slug="accueil-bench", hero_title="Bench", locale=locale)
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    person = Person.objects.create(name="Patrick Bouchain", role="Architecte", locale=locale)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 675), "#b5381d").save(buffer, format="PNG")
    image = get_image_model()(title="Bench")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="bench.png")
    image.save()

    booklet = home.add_child(
        instance=BookletPage(
            title="Livret de référence",
            slug="livret",
            subtitle="Banc d'essai",
            foreword=f"<p>{LOREM}</p>",
            cover_image=image,
            locale=locale,
        )
    )
    for number in range(1, CHAPTERS + 1):
        body = []
        for section in range(1, 4):
            body.append(
                {
                    "type": "heading",
                    "value": {"text": f"Section {number}.{section}", "level": "h2"},
                }
            )
            body += [{"type": "paragraph", "value": f"<p>{LOREM * 3}</p>"} for _ in range(2)]
        body.append(
            {
                "type": "quote",
                "value": {"text": "Laissons le permis de faire.", "person": person.pk},
            }
        )
        body.append(
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Illustration", "caption": "Légende"},
            }
        )
        body.append(
            {
                "type": "workshop_summary",
                "value": {
                    "title": f"Atelier {number}",
                    "facilitators": [person.pk],
                    "fabriques": [],
                    "takeaways": ["Décider ensemble.", "Mutualiser les ressources."],
                    "needs": ["Former les médiateurs numériques."],
                },
            }
        )
        booklet.add_child(
            instance=BookletChapterPage(
                title=f"Chapitre de référence {number}",
                slug=f"chapitre-{number}",
                intro=LOREM,
                body=json.dumps(body),
                locale=locale,
            )
        )
    return BookletPage.objects.get(pk=booklet.pk)


def timed(function, runs: int = RUNS) -> tuple[float, object]:
    durations, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def main() -> None:
    from pypdf import PdfReader

    from booklet import pdf
    from booklet.pdf_files import refresh_booklet_pdf
    from booklet.pdf_serving import stored_pdf

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        booklet = build_booklet()
        chapters = booklet.chapters()
        pdf.render_booklet_pdf(booklet, chapters)  # warm up: renditions, fonts
        html_time, html = timed(lambda: pdf.render_booklet_html(booklet, booklet.chapters()))
        pdf_time, content = timed(lambda: pdf.render_booklet_pdf(booklet, booklet.chapters()))
        pages = len(PdfReader(io.BytesIO(content)).pages)
        refresh_booklet_pdf(booklet.pk)
        cached_time, stored = timed(lambda: stored_pdf(booklet), runs=5)
        assert stored.current
        print(f"booklet: {CHAPTERS} chapters, {pages} PDF pages, {len(html) // 1024} KiB of HTML")
        print(f"baseline, HTML only (median of {RUNS}): {html_time * 1000:8.1f} ms")
        print(f"PDF, HTML + WeasyPrint (median of {RUNS}): {pdf_time * 1000:8.1f} ms")
        print(
            f"  per page: {pdf_time / pages * 1000:.1f} ms; "
            f"ratio PDF / HTML: {pdf_time / html_time:.1f}"
        )
        print(f"a reader finding the stored PDF (median of 5): {cached_time * 1000:8.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
