"""The one way a description becomes the text that is searched and embedded, at build and at serve time."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.text import normalise
from handbook.vocabulary import Vocabulary


@dataclass(frozen=True)
class PreparedQuery:
    normalised: str  # what every check reads (handbook.text.normalise)
    expanded: str  # the normalised text with its vocabulary expansions: what is searched and embedded


def prepare(description: str, vocabulary: Vocabulary) -> PreparedQuery:
    """Expansions are found on the original text (acronyms are case-sensitive); the rest is normalised."""
    normalised = normalise(description)
    extra = vocabulary.expansions(description)
    expanded = normalised if not extra else f"{normalised} ({'; '.join(extra)})"
    return PreparedQuery(normalised, expanded)
