"""Text helpers every app shares."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, for matching that forgives both ("reseau" ~ "Réseau")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
