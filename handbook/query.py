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
    """Acronyms are matched on the original (they are case-sensitive), everything else on the normalised text."""
    normalised = normalise(description)
    extra = vocabulary.expansions(description)
    extra += [e for e in vocabulary.expansions(normalised) if e not in extra]
    expanded = normalised if not extra else f"{normalised} ({'; '.join(extra)})"
    return PreparedQuery(normalised, expanded)
