"""Demo pictures draw their French labels with real glyphs, not the missing-glyph box."""

import io

import pytest
from PIL import Image, ImageChops

from home.demo_content import render_placeholder_png

COLORS = ["#1d4e89", "#7cb7c9"]
# A private-use code point: no font has a glyph for it, so it draws the missing-glyph box.
MISSING = "\ue000"


def picture(label: str) -> Image.Image:
    return Image.open(io.BytesIO(render_placeholder_png(label, COLORS, size=(600, 200))))


def differs(first: Image.Image, second: Image.Image) -> bool:
    return ImageChops.difference(first.convert("RGB"), second.convert("RGB")).getbbox() is not None


@pytest.mark.parametrize("letter", ["é", "è", "à", "ç", "ô", "É", "œ", "«"])
def test_french_letters_are_not_the_missing_glyph_box(letter):
    assert differs(picture(f"M{letter}diation"), picture(f"M{MISSING}diation")), letter


def test_accents_are_drawn():
    """ "é" is not drawn as a plain "e" either: the accent is there."""
    assert differs(picture("Médiation numérique"), picture("Mediation numerique"))
    assert differs(picture("é"), picture("e"))
