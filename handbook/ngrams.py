"""Word and letter n-grams of a normalised description, hashed into a fixed number of buckets.

A learned head (handbook.linear) can read these beside the query embedding. The embedding carries
the meaning of a description; the n-grams carry its exact words ("eczema", "told me", "mum's new
boyfriend"), which a small general model blurs. Hashing needs no vocabulary: the features of a
text depend only on the text, so the build and the service compute them the same way, with the
standard library (zlib.crc32) and numpy, and the stored head is only its weights.

Features: the words, pairs of neighbouring words, and the 3- to 5-letter pieces of each word padded
with spaces (so typos share most of their pieces with the right spelling). Counts are damped
(1 + log count) and the vector has unit length, like TF-IDF without the IDF. About 0.1 ms a description.
"""

from __future__ import annotations

import itertools
import re
import zlib

import numpy as np

NGRAM_BUCKETS = 1 << 15  # 32,768: collisions are rare among the few thousand distinct n-grams that matter
LETTER_SIZES = (3, 4, 5)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")

# Each kind of feature hashes with its own CRC start value, so a word and a letter piece never share a key.
_WORD_SEED, _PAIR_SEED, _LETTERS_SEED = 1, 2, 3


def keys(normalised: str) -> list[int]:
    """The hash of every feature of a text (run handbook.text.normalise first), before bucketing: the words
    and word pairs, then the letter pieces."""
    words = [word.encode("utf-8") for word in _WORD.findall(normalised)]
    crc = zlib.crc32
    hashed = [crc(word, _WORD_SEED) for word in words]
    hashed += [crc(first + b" " + second, _PAIR_SEED) for first, second in itertools.pairwise(words)]
    letters: list[int] = []
    for word in words:
        padded = b" " + word + b" "
        for size in LETTER_SIZES:
            letters += [crc(padded[i : i + size], _LETTERS_SEED) for i in range(len(padded) - size + 1)]
    return hashed + letters


def _damped(hashed: list[int]) -> tuple[np.ndarray, np.ndarray]:
    buckets = np.asarray(hashed, dtype=np.int64) & (NGRAM_BUCKETS - 1)
    indices, counts = np.unique(buckets, return_counts=True)
    return indices, (1.0 + np.log(counts)).astype(np.float32)


def ngram_features(normalised: str) -> tuple[np.ndarray, np.ndarray]:
    """(bucket indices, values) of one text: a sparse vector of unit length (empty for a text with no words).
    The indices are sorted and distinct; every feature counts alike."""
    hashed = keys(normalised)
    if not hashed:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    indices, values = _damped(hashed)
    values /= np.float32(np.sqrt(np.dot(values, values)))
    return indices, values


def ngram_matrix(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The features of many texts as CSR parts (data, indices, indptr) for scipy.sparse.csr_matrix,
    shape (len(texts), NGRAM_BUCKETS). Used at build time only."""
    data: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    indptr = [0]
    for text in texts:
        indices, values = ngram_features(text)
        columns.append(indices)
        data.append(values)
        indptr.append(indptr[-1] + len(indices))
    return (
        np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
        np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64),
        np.asarray(indptr, dtype=np.int64),
    )
