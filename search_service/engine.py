"""Answers questions from one loaded index: chunk search, need ranking and filled-in suggestions."""

from __future__ import annotations

from typing import Any

import numpy as np

from handbook.embedding import Embedder
from handbook.index_store import StoredIndex
from handbook.vocabulary import Vocabulary
from search_service.retrieval import RRF_K, Hit, HybridRetriever, requested_wave
from search_service.safeguarding import SafeguardingDetector

SAFEGUARDING_SLUG = "safeguarding-concerns"
DSL_SERVICE = "designated-safeguarding-lead"
CHUNK_WEIGHTS = (1.0, 0.5, 0.25)  # a need's score: its best chunk, plus a little for its next two
SAFEGUARDING_LEAD = 1.0 / (RRF_K + 1)  # how far safeguarding is put ahead of the best other match
MAX_TRAINING = 6
MAX_SERVICES = 6
SEARCH_TEXT_CHARS = 600
WAVE_BONUS = 1.0 / (RRF_K + 1)  # a query that names a wave prefers chunks from that wave


class SearchEngine:
    def __init__(self, stored: StoredIndex, embedder: Embedder) -> None:
        self.manifest = stored.manifest
        self.catalogue = stored.catalogue
        self.needs: dict[str, dict[str, Any]] = stored.catalogue["needs"]
        self.vocabulary = Vocabulary.from_catalogue(stored.catalogue)
        self.retriever = HybridRetriever(stored, embedder, self.vocabulary)
        # Sign vectors are stored in catalogue order; split them into the safeguarding page's and the rest.
        owners = [slug for slug, need in self.needs.items() for _ in need["signs"]]
        is_risk = np.array([slug == SAFEGUARDING_SLUG for slug in owners], dtype=bool)
        self.safeguarding = SafeguardingDetector(
            embedder, risk_vectors=stored.sign_vectors[is_risk], ordinary_vectors=stored.sign_vectors[~is_risk]
        )

    # --- chunk search -------------------------------------------------------------------------
    def search(self, query: str, k: int) -> list[dict[str, Any]]:
        expanded, vector = self.retriever.encode(query)
        hits = self.retriever.search(expanded, vector)
        wave = requested_wave(query)
        if wave:  # "what should wave 2 look like for reading": that wave's sections and provision cells first
            for hit in hits:
                hit.score += WAVE_BONUS if hit.chunk["wave"] == wave else 0.0
            hits.sort(key=lambda hit: hit.score, reverse=True)
        results = []
        for hit in hits:
            chunk = hit.chunk
            if chunk["granularity"] == "item" and chunk["kind"] == "need":
                continue  # the section the item sits in is already a result
            results.append(
                {
                    "title": chunk["title"],
                    "section": chunk["section"],
                    "url": chunk["url"],
                    "text": chunk["text"][:SEARCH_TEXT_CHARS],
                    "score": round(hit.score, 6),
                    "area": chunk["area"],
                    "need": chunk["need"],
                    "wave": chunk["wave"],
                    "kind": chunk["kind"],
                }
            )
            if len(results) == k:
                break
        return results

    # --- need ranking -------------------------------------------------------------------------
    @staticmethod
    def hits_by_need(hits: list[Hit]) -> dict[str, list[Hit]]:
        per_need: dict[str, list[Hit]] = {}
        for hit in hits:  # hits arrive best first, so each need's list is best first too
            slug = hit.chunk["need"]
            if slug:
                per_need.setdefault(slug, []).append(hit)
        return per_need

    def rank_needs(self, hits: list[Hit]) -> list[tuple[str, float, Hit | None]]:
        """Needs best first with their score (the best chunk, plus a little for the next best two)
        and the chunk that matched best."""
        per_need = self.hits_by_need(hits)
        scores = {
            slug: sum(w * h.score for w, h in zip(CHUNK_WEIGHTS, need_hits, strict=False))
            for slug, need_hits in per_need.items()
        }
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        return [(slug, score, per_need[slug][0]) for slug, score in ranked]

    def ranked_slugs(self, description: str, mode: str = "hybrid") -> tuple[list[str], bool]:
        """Need slugs best first, and the safeguarding flag: what the evaluation measures.

        mode "hybrid" is the full system. "dense" and "bm25" are the plain baselines: one retriever,
        no vocabulary layer and no safeguarding detector.
        """
        if mode != "hybrid":
            vector = self.retriever.embedder.encode_query(description)
            baseline = self.rank_needs(self.retriever.search(description, vector, mode))
            return [slug for slug, _, _ in baseline], False
        ranked, risk = self.analyse(description)
        return [slug for slug, _, _ in ranked], risk

    def analyse(self, description: str) -> tuple[list[tuple[str, float, Hit | None]], bool]:
        """The full system: ranked needs (safeguarding first when there is a risk) and the risk flag."""
        expanded, vector = self.retriever.encode(description)
        ranked = self.rank_needs(self.retriever.search(expanded, vector))
        risk = self.safeguarding.is_risk(description, vector)
        if risk:
            top = ranked[0][1] + SAFEGUARDING_LEAD if ranked else 1.0
            ranked = [(SAFEGUARDING_SLUG, top, None)] + [item for item in ranked if item[0] != SAFEGUARDING_SLUG]
        return ranked, risk

    # --- suggestions --------------------------------------------------------------------------
    def strategies(self, slug: str, phase: str | None) -> dict[str, list[dict[str, Any]]]:
        need = self.needs[slug]
        waves = {wave: [dict(item) for item in items] for wave, items in need["strategies"].items()}
        if phase and need["phase_notes"].get(phase):
            notes = [dict(item, phase=phase) for item in need["phase_notes"][phase]]
            waves["wave1"] = notes + waves["wave1"]
        return waves

    def suggest(self, description: str, phase: str | None, limit: int) -> dict[str, Any]:
        ranked, risk = self.analyse(description)
        needs = []
        for slug, score, best in ranked[:limit]:
            need = self.needs[slug]
            needs.append(
                {
                    "slug": slug,
                    "title": need["title"],
                    "area": need["area"],
                    "url": need["url"],
                    "description": need["description"],
                    "score": round(score, 6),
                    "matched": {
                        "section": best.chunk["section"],
                        "text": best.chunk["text"][:300],
                        "url": best.chunk["url"],
                    }
                    if best
                    else None,
                    "strategies": self.strategies(slug, phase),
                }
            )
        return {
            "needs": needs,
            "training": self.training_for([n["slug"] for n in needs]),
            "services": self.services_for([n["slug"] for n in needs], risk),
            "safeguarding": risk,
            "phase": phase,
        }

    def training_for(self, slugs: list[str]) -> list[dict[str, Any]]:
        modules = self.catalogue["training"]
        chosen: list[str] = []
        for slug in slugs:
            for module_id in self.needs[slug]["training"]:
                if module_id in modules and module_id not in chosen:
                    chosen.append(module_id)
        return [
            {key: modules[m][key] for key in ("id", "title", "url", "category", "duration_minutes")}
            for m in chosen[:MAX_TRAINING]
        ]

    def services_for(self, slugs: list[str], risk: bool) -> list[dict[str, Any]]:
        services = self.catalogue["services"]
        chosen: list[str] = [DSL_SERVICE] if risk and DSL_SERVICE in services else []
        for slug in slugs:
            for service_id in self.needs[slug]["services"]:
                if service_id in services and service_id not in chosen:
                    chosen.append(service_id)
        return [{key: services[s][key] for key in ("id", "title", "url")} for s in chosen[:MAX_SERVICES]]

    # --- training catalogue -------------------------------------------------------------------
    def training(self, role: str | None, category: str | None, need: str | None) -> list[dict[str, Any]]:
        modules = list(self.catalogue["training"].values())
        if role:
            modules = [m for m in modules if role in (m.get("audience") or [])]
        if category:
            modules = [m for m in modules if m.get("category") == category]
        if need:
            modules = [m for m in modules if need in (m.get("needs") or [])]
        return sorted(modules, key=lambda m: (m.get("category") or "", m["id"]))
