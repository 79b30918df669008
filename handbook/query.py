"""The one way a description becomes the text that is searched and embedded, at build and at serve time."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.text import correct_spelling, normalise
from handbook.vocabulary import Vocabulary


@dataclass(frozen=True)
class PreparedQuery:
    normalised: str  # what every check reads (handbook.text.normalise, then the spelling correction)
    expanded: str  # the normalised text with its vocabulary expansions: what is searched and embedded
    typed: str = ""  # normalised, before the spelling correction ("": the same as normalised)

    @property
    def as_typed(self) -> str:
        """The normalised text before the spelling correction, which only knows English: what the
        other-language risk words read."""
        return self.typed or self.normalised


def prepare(description: str, vocabulary: Vocabulary, known_words: frozenset[str] | None = None) -> PreparedQuery:
    """Expansions are found on the original text (acronyms are case-sensitive); the rest is normalised.
    known_words: when given, unknown words one typing slip from a known word are corrected first."""
    typed = normalise(description)
    normalised = correct_spelling(typed, known_words) if known_words else typed
    extra = vocabulary.expansions(description)
    expanded = normalised if not extra else f"{normalised} ({'; '.join(extra)})"
    return PreparedQuery(normalised, expanded, typed)
