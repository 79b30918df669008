"""Hybrid retrieval over the chunks: dense vectors (FAISS) and BM25 keywords, fused by reciprocal rank."""

from __future__ import annotations

import re
from dataclasses import dataclass

import bm25s
import numpy as np
import Stemmer

from handbook.embedding import Embedder
from handbook.index_records import ChunkRecord
from handbook.index_store import StoredIndex
from handbook.vocabulary import Vocabulary

RRF_K = 60  # the usual reciprocal-rank-fusion constant: damps the advantage of the very top ranks
CANDIDATES = 100  # how deep each retriever looks before fusion


@dataclass
class Hit:
    chunk: ChunkRecord
    score: float  # fused score; higher is better
    dense: float  # cosine similarity, for diagnosis
    bm25: float


_WAVE = re.compile(r"\bwave\s*([123])\b", re.IGNORECASE)


def requested_wave(text: str) -> int | None:
    """The wave a query names ("what should wave 2 look like"), if any."""
    match = _WAVE.search(text)
    return int(match.group(1)) if match else None


def join_waves(text: str) -> str:
    """ "Wave 2" becomes one token, "wave2": the tokenizer would otherwise drop the lone digit."""
    return _WAVE.sub(r"wave\1", text)


class KeywordIndex:
    """BM25 over the chunks' search text, with English stemming and stop words removed."""

    def __init__(self, texts: list[str]) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        texts = [join_waves(text) for text in texts]
        tokens = bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, show_progress=False)
        self._retriever = bm25s.BM25()
        self._retriever.index(tokens, show_progress=False)
        self._vocab: dict[str, int] = dict(tokens.vocab)

    def scores(self, query: str) -> np.ndarray:
        query = join_waves(query)
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False)
        tokens = tokens[0]
        known = [token for token in tokens if token in self._vocab]
        if not known:
            return np.zeros(self._retriever.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)


class HybridRetriever:
    def __init__(self, stored: StoredIndex, embedder: Embedder, vocabulary: Vocabulary) -> None:
        self.chunks = stored.chunks
        self.vectors = stored.vectors
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.keywords = KeywordIndex([chunk.search_text for chunk in self.chunks])

    def dense_scores(self, vector: np.ndarray) -> np.ndarray:
        scores = np.full(len(self.chunks), -1.0, dtype=np.float32)
        found, ids = self.vectors.search(vector, min(CANDIDATES * 3, len(self.chunks)))
        valid = ids[0] >= 0
        scores[ids[0][valid]] = found[0][valid]
        return scores

    def encode(self, query: str) -> tuple[str, np.ndarray]:
        """The query with its vocabulary expansions, and its vector: computed once per request."""
        expanded = self.vocabulary.expand(query)
        return expanded, self.embedder.encode_query(expanded)

    def search(self, expanded: str, vector: np.ndarray) -> list[Hit]:
        """All candidate chunks with their fused scores, best first."""
        return self.fuse(self.dense_scores(vector), self.keywords.scores(expanded))

    def fuse(self, dense: np.ndarray | None, keyword: np.ndarray | None) -> list[Hit]:
        """Reciprocal-rank fusion of the retrievers given (None leaves one out), best first."""
        fused: dict[int, float] = {}
        if dense is not None:
            for rank, i in enumerate(np.argsort(-dense)[:CANDIDATES]):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (RRF_K + rank + 1)
        if keyword is not None:
            for rank, i in enumerate(np.argsort(-keyword)[:CANDIDATES]):
                if keyword[i] <= 0:
                    break
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (RRF_K + rank + 1)
        dense = dense if dense is not None else np.zeros(len(self.chunks))
        keyword = keyword if keyword is not None else np.zeros(len(self.chunks))
        hits = [Hit(self.chunks[i], score, float(dense[i]), float(keyword[i])) for i, score in fused.items()]
        hits.sort(key=lambda hit: hit.score, reverse=True)
        return hits
