"""A small excerpt builder for the database backend (the engine highlights itself).

Words of the text whose accent-folded, lower-cased form starts with the stem of
a query word are wrapped in <mark>; everything else is HTML-escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape

from home.text import fold

WORD = re.compile(r"\w+", re.UNICODE)
FRENCH_STOP_WORDS = (
    "le la les l de des du d un une et ou en au aux a à pour par sur dans qu que qui"
)
ENGLISH_STOP_WORDS = "the a an and or of to in on for by with at is are"
STOP_WORDS = {"fr": set(FRENCH_STOP_WORDS.split()), "en": set(ENGLISH_STOP_WORDS.split())}
EXCERPT_WORDS = 32


def stem(word: str) -> str:
    """Enough of a stemmer to match plurals: fabriques -> fabrique, lieux -> lieu."""
    for suffix in ("es", "s", "x"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def query_stems(query: str, language: str) -> list[str]:
    stops = STOP_WORDS.get(language, STOP_WORDS["fr"])
    stems = []
    for word in WORD.findall(fold(query)):
        if len(word) < 2 or word in stops:
            continue
        stems.append(stem(word))
    return stems


def word_matches(word: str, stems: list[str]) -> bool:
    """Whether a word of the text is one of the query's words (accents, case and
    plural aside)."""
    folded = fold(word)
    return any(folded.startswith(s) for s in stems)


def holds_every_word(text: str, stems: Sequence[str]) -> bool:
    """Whether every query word is in `text` (a title that names what was searched)."""
    words = WORD.findall(text)
    return bool(stems) and all(any(word_matches(w, [s]) for w in words) for s in stems)


def excerpt(text: str, query: str, language: str = "fr", size: int = EXCERPT_WORDS) -> str:
    """HTML-escaped excerpt around the first matched word, matches in <mark>."""
    stems = query_stems(query, language)
    words = list(WORD.finditer(text))
    if not words:
        return ""

    def matches(word: str) -> bool:
        return word_matches(word, stems)

    first = next((i for i, w in enumerate(words) if matches(w.group())), 0)
    start_word = max(0, first - size // 4)
    end_word = min(len(words), start_word + size)
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    out = ["…" if start_word > 0 else ""]
    cursor = start
    for word in words[start_word:end_word]:
        out.append(escape(text[cursor : word.start()]))
        token = escape(word.group())
        out.append(f"<mark>{token}</mark>" if matches(word.group()) else token)
        cursor = word.end()
    out.append(escape(text[cursor:end]))
    if end_word < len(words):
        out.append("…")
    return re.sub(r"\s+", " ", "".join(out)).strip()
