"""Shared machinery for demo content: each app's demo module builds on it.

`load_demo_content` calls `load(context)` in the `demo` module of every installed
app that has one, in INSTALLED_APPS order. Loaders create what is missing and
leave alone what exists (editors may have changed it), so re-running is safe.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from django.apps import apps
from django.core.files.images import ImageFile
from django.core.management.base import OutputWrapper

from wagtail.images import get_image_model
from wagtail.models import Locale, Page


@dataclass
class DemoContext:
    stdout: OutputWrapper
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1

    def locale(self, language_code: str) -> Locale:
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        return locale

    def image(self, key: str, title: str, label: str, colors: list[str]):
        """A generated picture, found again by its title on the next run."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            self.count("images", False)
            return existing
        content = render_placeholder_png(label, colors)
        image = Image(title=title, description=title)
        image.file = ImageFile(io.BytesIO(content), name=f"demo-{key}.png")
        image.save()
        self.count("images", True)
        return image

    def home_page(self, language_code: str) -> Page:
        from home.models import HomePage

        return HomePage.objects.get(locale__language_code=language_code)


def read_demo_data(app_label: str, name: str) -> dict:
    path = Path(apps.get_app_config(app_label).path) / "demo_data" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def ensure_child_page(context: DemoContext, parent: Page, page: Page) -> tuple[Page, bool]:
    """Add `page` under `parent` and publish it, unless a child with its slug exists."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        context.count(type(page)._meta.verbose_name_plural, False)
        return existing.specific, False
    page.locale = parent.locale
    parent.add_child(instance=page)
    page.save_revision().publish()
    context.count(type(page)._meta.verbose_name_plural, True)
    return page, True


def render_placeholder_png(label: str, colors: list[str], size=(1200, 675)) -> bytes:
    """A two-colour gradient with a label: demo pictures made here, never downloaded."""
    width, height = size
    start = PILImage.new("RGB", size, colors[0])
    end = PILImage.new("RGB", size, colors[-1])
    mask = PILImage.linear_gradient("L").rotate(-60, expand=True).resize(size)
    picture = PILImage.composite(end, start, mask)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=72)
    box = draw.textbbox((0, 0), label, font=font)
    position = ((width - (box[2] - box[0])) / 2, (height - (box[3] - box[1])) / 2)
    draw.text(position, label, fill="white", font=font, stroke_width=2, stroke_fill="#00000055")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
