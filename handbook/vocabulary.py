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

    def expansions(self, text: str) -> list[str]:
        found: list[str] = []
        padded = f" {normalise(text)} "
        for phrase, meanings in self.phrases.items():
            if f" {phrase} " in padded:
                found.extend(m for m in meanings if m not in found)
        for acronym, meanings in self.acronyms.items():
            if re.search(rf"\b{re.escape(acronym)}s?\b", text):
                found.extend(m for m in meanings if m not in found)
        return found

    def expand(self, text: str) -> str:
        extra = self.expansions(text)
        return text if not extra else f"{text} ({'; '.join(extra)})"
