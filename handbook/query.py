"""The one way a description becomes the text that is searched and embedded, at build and at serve time."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.text import correct_spelling, normalise
from handbook.vocabulary import Vocabulary


@dataclass(frozen=True)
class PreparedQuery:
    normalised: str  # what every check reads (handbook.text.normalise)
    expanded: str  # the normalised text with its vocabulary expansions: what is searched and embedded


def prepare(description: str, vocabulary: Vocabulary, known_words: frozenset[str] | None = None) -> PreparedQuery:
    """Expansions are found on the original text (acronyms are case-sensitive); the rest is normalised.
    known_words: when given, unknown words one typing slip from a known word are corrected first."""
    normalised = normalise(description)
    if known_words:
        normalised = correct_spelling(normalised, known_words)
    extra = vocabulary.expansions(description)
    expanded = normalised if not extra else f"{normalised} ({'; '.join(extra)})"
    return PreparedQuery(normalised, expanded)
