"""The systems evaluation/evaluate.py compares, built from the engine's own parts (evaluation only).

Each function returns need slugs best first for one description, computed exactly as the service
computes them (the full system is SearchEngine.analyse's ranking), or with one part switched off.
The single-retriever modes live here, not in the serving engine: the service only ever runs hybrid.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from handbook.linear import LinearHead
from handbook.query import PreparedQuery, prepare
from search_service.engine import SAFEGUARDING_SLUG, SearchEngine
from search_service.ranker import NeedRanker

MODES = ("hybrid", "dense", "bm25")


@dataclass
class Prepared:
    """One description with everything that does not depend on the ranker: computed once per run."""

    text: str
    query: PreparedQuery
    vector: np.ndarray
    hybrid: list[Any]  # retrieval's need ranking (dense + BM25 + vocabulary)
    dense: list[Any]
    bm25: list[Any]
    risk: bool


def retrieval_ranking(engine: SearchEngine, query: PreparedQuery, vector: np.ndarray, mode: str) -> list[Any]:
    """Needs from chunk retrieval alone: hybrid (as the service retrieves), dense or bm25 on its own."""
    retriever = engine.retriever
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    dense = retriever.dense_scores(vector) if mode in ("hybrid", "dense") else None
    keyword = retriever.keywords.scores(query.expanded) if mode in ("hybrid", "bm25") else None
    return engine.rank_needs(retriever.fuse(dense, keyword))


def prepare_all(engine: SearchEngine, texts: list[str]) -> list[Prepared]:
    queries = [prepare(text, engine.vocabulary, engine.known_words) for text in texts]
    vectors = engine.retriever.embedder.encode_documents([q.expanded for q in queries], batch_size=64)
    result = []
    for text, query, vector in zip(texts, queries, vectors, strict=True):
        v = vector[None, :]
        raw = PreparedQuery(query.normalised, query.normalised)  # the baselines get no vocabulary layer
        result.append(
            Prepared(
                text,
                query,
                v,
                retrieval_ranking(engine, query, v, "hybrid"),
                retrieval_ranking(engine, raw, v, "dense"),
                retrieval_ranking(engine, raw, v, "bm25"),
                engine.check_risk(query, v)[1].risk,
            )
        )
    return result


def slugs(ranked: list[Any]) -> list[str]:
    return [item[0] for item in ranked]


def full(engine: SearchEngine, p: Prepared, ranker: NeedRanker | None = None) -> tuple[list[str], str]:
    """The service's own answer (SearchEngine.analyse): ranked slugs and confidence."""
    analysis = engine.analyse(p.text, vector=p.vector, ranker=ranker)
    return slugs(analysis.ranked), analysis.confidence.level


def safeguarding_set_aside(ranked: list[str], acceptable: list[str]) -> list[str]:
    """The ranking without the safeguarding page when that page is not an acceptable answer: what the
    full system's needs would be if its safeguarding flag had not put the page first. Evaluation only: it
    shows how much of hit@1 the false alarms on ordinary need descriptions cost (docs/evaluation.md)."""
    return ranked if SAFEGUARDING_SLUG in acceptable else [slug for slug in ranked if slug != SAFEGUARDING_SLUG]


def retrieval_only(p: Prepared) -> list[str]:
    """Hybrid retrieval without the ranker, safeguarding first when at risk (the previous system)."""
    ranked = slugs(p.hybrid)
    return [SAFEGUARDING_SLUG] + [s for s in ranked if s != SAFEGUARDING_SLUG] if p.risk else ranked


def ranker_only(p: Prepared, head: LinearHead) -> list[str]:
    probabilities = head.probabilities(p.vector, [p.query.normalised])[0]
    return [head.labels[i] for i in np.argsort(-probabilities, kind="stable")]


class LunrBaseline:
    """The site's built-in search: lunr over the documents MkDocs Material publishes."""

    def __init__(self, site_dir: Path, need_urls: dict[str, str]) -> None:
        from lunr import lunr

        published = site_dir / "search" / "search_index.json"
        if not published.is_file():
            raise SystemExit(f"The site's search index {published} is missing: build the site first (mkdocs build).")
        data = json.loads(published.read_text(encoding="utf-8"))
        docs = [{"location": d["location"], "title": d["title"], "text": d["text"]} for d in data["docs"]]
        self.index = lunr(ref="location", fields=("title", "text"), documents=docs)
        self.page_to_slug = {url.strip("/") + "/": slug for slug, url in need_urls.items()}

    def rank(self, query: str) -> list[str]:
        words = re.findall(r"[a-z0-9]+", query.lower())
        if not words:
            return []
        try:
            results = self.index.search(" ".join(words))
        except Exception:  # lunr's query parser rejects some inputs; count that as no answer
            return []
        found: list[str] = []
        for result in results:
            slug = self.page_to_slug.get(result["ref"].split("#", 1)[0])
            if slug and slug not in found:
                found.append(slug)
        return found
