"""The SEND vocabulary layer: acronyms, school terms and everyday phrases mapped to the words the pages use.

Built from the glossary's terms and the need pages' aliases, and used twice: at index time (chunk text
is keyword-indexed with the meanings of the acronyms it contains) and at query time (a query's
acronyms and everyday phrases are expanded before it is searched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handbook.text import normalise as normalise_text

if TYPE_CHECKING:
    from handbook.index_records import Catalogue

_WORD = re.compile(r"[a-z0-9']+")
_TOKEN = re.compile(r"\w+")  # what \b reads as one word, as typed


def normalise(text: str) -> str:
    """Words only, after handbook.text.normalise, so that "cant sit still" finds the alias "can't sit still"."""
    return " ".join(_WORD.findall(normalise_text(text)))


@dataclass
class Vocabulary:
    # phrase (normalised) -> expansions; short uppercase acronyms are kept apart and matched case-sensitively
    phrases: dict[str, list[str]]
    acronyms: dict[str, list[str]]

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> Vocabulary:
        phrases: dict[str, list[str]] = {}
        acronyms: dict[str, list[str]] = {}

        def add(term: str, expansion: str) -> None:
            if not term or not expansion or normalise(term) == normalise(expansion):
                return
            if len(term) <= 3 and term.isupper():
                acronyms.setdefault(term, []).append(expansion)
            else:
                key = normalise(term)
                if key and expansion not in phrases.setdefault(key, []):
                    phrases[key].append(expansion)

        for entry in catalogue.glossary:
            meaning = entry.stands_for or ""
            if not meaning:
                continue
            add(entry.term, meaning)
            for alias in entry.aliases:
                add(alias, meaning)
        for need in catalogue.needs.values():
            for alias in need.aliases:
                add(alias, need.title)
        return cls(phrases, acronyms)

    def __post_init__(self) -> None:
        # Lookups instead of a scan of every phrase: a phrase is found when its words appear in a row.
        self._phrase_order = {phrase: rank for rank, phrase in enumerate(self.phrases)}
        self._phrase_lengths = sorted({len(phrase.split()) for phrase in self.phrases})
        self._acronym_patterns = {
            acronym: re.compile(rf"\b{re.escape(acronym)}s?\b")
            for acronym in self.acronyms
            if not _TOKEN.fullmatch(acronym)  # "C&I": matched by its own pattern, not as a token
        }

    def expansions(self, text: str) -> list[str]:
        """The meanings of the phrases (after normalise) and acronyms (as typed, with or without a plural s)
        in the text: the phrases' first, in the vocabulary's order, then the acronyms', each meaning once."""
        found: list[str] = []
        tokens = normalise(text).split()
        present = {
            key
            for length in self._phrase_lengths
            for start in range(len(tokens) - length + 1)
            if (key := " ".join(tokens[start : start + length])) in self.phrases
        }
        for phrase in sorted(present, key=self._phrase_order.__getitem__):
            found.extend(m for m in self.phrases[phrase] if m not in found)
        typed = set(_TOKEN.findall(text))
        for acronym, meanings in self.acronyms.items():
            pattern = self._acronym_patterns.get(acronym)
            if pattern.search(text) if pattern else (acronym in typed or f"{acronym}s" in typed):
                found.extend(m for m in meanings if m not in found)
        return found

    def expand(self, text: str) -> str:
        extra = self.expansions(text)
        return text if not extra else f"{text} ({'; '.join(extra)})"
