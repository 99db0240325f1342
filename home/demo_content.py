"""Shared machinery for demo content: each app's demo module builds on it.

`load_demo_content` calls `load(context)` in the `demo` module of every installed
app that has one, by the module's ORDER (INSTALLED_APPS order among equals).
Loaders create what is missing and leave alone what exists (editors may have
changed it), so re-running is safe.

The data files are in French; an item's "en" section holds its English texts, and
`ensure_translation` makes the English version as an editor would: a translation of
the French page or snippet, linked to it.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from django.apps import apps
from django.core.files.images import ImageFile
from django.core.management.base import OutputWrapper
from django.db import models
from django.utils.translation import override

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, TranslatableMixin


@dataclass
class DemoContext:
    stdout: OutputWrapper
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        """Count one item of a kind (a model's verbose name is reported in English)."""
        with override("en"):
            kind = str(kind)
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


def ensure_section_index(context: DemoContext, page_class: type[Page], texts: dict) -> tuple:
    """A section's index (news, agenda) under the French home page, in the menu, and its
    English translation: `texts` holds the fields of each language under "fr" and "en"."""
    index, _ = ensure_child_page(
        context, context.home_page("fr"), page_class(**texts["fr"], show_in_menus=True)
    )
    english_index, _ = ensure_translation(context, index, context.locale("en"), texts["en"])
    return index, english_index


def ensure_translation(
    context: DemoContext, source: TranslatableMixin, locale: Locale, fields: dict
) -> tuple[TranslatableMixin, bool]:
    """The translation of `source` (a page or a snippet) into `locale`, made once.

    Made as an editor would: a copy sharing the source's translation_key (a page's
    parents are translated too if they are not yet), its links to pages and snippets
    moved to their translations where there are some, then `fields` (translated texts,
    or values resolved for the language) set over it; a page is published. A page made
    in that language before it was linked to its source (same type, slug and place) is
    adopted as the translation. An existing translation is left as editors left it.
    """
    with override("en"):
        kind = f"{source._meta.verbose_name_plural} ({locale.language_code})"
    is_page = isinstance(source, Page)
    existing = source.get_translation_or_none(locale)
    if existing is None and is_page:
        existing = adopt_translation(source, locale, fields.get("slug", source.slug))
    if existing is not None:
        context.count(kind, False)
        return (existing.specific if is_page else existing), False
    if is_page:
        translation = source.copy_for_translation(locale, copy_parents=True)
    else:
        translation = source.copy_for_translation(locale)
    link_to_translations(translation, locale)
    for name, value in fields.items():
        if translation._meta.get_field(name).many_to_many:
            getattr(translation, name).set(value)
        else:
            setattr(translation, name, value)
    if is_page:
        translation.save_revision().publish()
        translation = type(translation).objects.get(pk=translation.pk)  # as published
    else:
        translation.save()
    context.count(kind, True)
    return translation, True


def adopt_translation(source: Page, locale: Locale, slug: str) -> Page | None:
    """A page of the source's type and slug under the translated parent, not yet linked."""
    parent = source.get_parent().get_translation_or_none(locale)
    if parent is None:
        return None
    page = type(source).objects.child_of(parent).filter(slug=slug).first()
    if page is None or page.get_translations().exists():
        return None
    Page.objects.filter(pk=page.pk).update(translation_key=source.translation_key)
    page.translation_key = source.translation_key
    return page


def in_locale(obj, locale: Locale):
    """The translation of `obj` into `locale` if there is one, else `obj` itself."""
    if isinstance(obj, TranslatableMixin) and obj.locale_id != locale.pk:
        return obj.get_translation_or_none(locale) or obj
    return obj


def link_to_translations(instance: models.Model, locale: Locale) -> None:
    """Point the foreign keys, many-to-many and inline rows of `instance` at translations."""
    for link in instance._meta.get_fields():
        target = link.related_model
        if not link.concrete or target is None or not issubclass(target, TranslatableMixin):
            continue
        if link.many_to_many:
            manager = getattr(instance, link.name)
            manager.set([in_locale(obj, locale) for obj in manager.all()])
        elif not (link.remote_field.parent_link or isinstance(link, ParentalKey)):
            value = getattr(instance, link.name)
            if value is not None:
                setattr(instance, link.name, in_locale(value, locale))
    for relation in get_all_child_relations(instance):
        name = relation.get_accessor_name()
        rows = list(getattr(instance, name).all())
        for row in rows:
            link_to_translations(row, locale)
        setattr(instance, name, rows)


def translations_of(objects: dict, locale: Locale) -> dict:
    """The same keys, each object replaced by its translation into `locale` if any."""
    sources = [obj for obj in objects.values() if obj.locale_id != locale.pk]
    if not sources:
        return objects
    found = {
        obj.translation_key: obj
        for obj in type(sources[0])._default_manager.filter(
            locale=locale, translation_key__in=[obj.translation_key for obj in sources]
        )
    }
    return {key: found.get(obj.translation_key, obj) for key, obj in objects.items()}


def overlay(original, translation):
    """An item of a data file with its translation laid over it.

    Dictionaries are merged key by key, lists of the same length item by item (the
    translation of a programme gives only the titles and summaries, in order); any
    other value of the translation replaces the original's.
    """
    if isinstance(original, dict) and isinstance(translation, dict):
        return {**original, **{k: overlay(original.get(k), v) for k, v in translation.items()}}
    if (
        isinstance(original, list)
        and isinstance(translation, list)
        and len(original) == len(translation)
    ):
        return [overlay(o, t) for o, t in zip(original, translation, strict=True)]
    return translation


# Lato (SIL OFL) from the font-lato package: Pillow's built-in font has no accented
# letters and drew "Médiation" as "M▯diation". Installed by pip, never copied in here.
LABEL_FONT = files("font_lato") / "files" / "Lato-Bold.ttf"


def label_font(size: int) -> ImageFont.FreeTypeFont:
    """The demo pictures' font, with the French letters (é, è, à, ç, œ, « »)."""
    with LABEL_FONT.open("rb") as font_file:
        return ImageFont.truetype(io.BytesIO(font_file.read()), size=size)


def render_placeholder_png(label: str, colors: list[str], size=(1200, 675)) -> bytes:
    """A two-colour gradient with a label: demo pictures made here, never downloaded."""
    width, height = size
    start = PILImage.new("RGB", size, colors[0])
    end = PILImage.new("RGB", size, colors[-1])
    mask = PILImage.linear_gradient("L").rotate(-60, expand=True).resize(size)
    picture = PILImage.composite(end, start, mask)
    draw = ImageDraw.Draw(picture)
    font = label_font(72)
    box = draw.textbbox((0, 0), label, font=font)
    position = ((width - (box[2] - box[0])) / 2, (height - (box[3] - box[1])) / 2)
    draw.text(position, label, fill="white", font=font, stroke_width=2, stroke_fill="#00000055")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
