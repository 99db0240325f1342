"""Text helpers shared by every app."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Accent-folded and case-folded text, to compare words as a visitor types them:
    "Réunion" and "reunion" fold alike (NFKD, combining marks dropped, casefold)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
