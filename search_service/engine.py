"""Answers questions from one loaded index: chunk search, need ranking and filled-in suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np

from handbook.embedding import Embedder
from handbook.errors import IndexNotReady
from handbook.index_records import Catalogue, ModuleRecord, NeedRecord
from handbook.index_store import BUILD_HINT, StoredIndex
from handbook.query import PreparedQuery, prepare
from handbook.schema import SAFEGUARDING_SLUG, Phase, Wave
from handbook.text import ENGLISH, LANGUAGE_NAMES, UNKNOWN, detect_language, names_a_pupil
from handbook.vocabulary import Vocabulary
from search_service.confidence import Confidence, judge
from search_service.ranker import NeedRanker
from search_service.retrieval import RRF_K, Hit, HybridRetriever, requested_wave
from search_service.safeguarding import RiskCheck, SafeguardingDetector
from search_service.safeguarding_guard import EXPLANATIONS, RED_FLAGS, without_craft_cutting
from search_service.safeguarding_patterns import PATTERNS
from search_service.schemas import (
    Clarification,
    ConfidenceLevel,
    Matched,
    NeedSuggestion,
    SearchResponse,
    SearchResult,
    ServiceRef,
    Strategies,
    Strategy,
    SuggestResponse,
    TrainingModule,
    TrainingRef,
)

DSL_SERVICE = "designated-safeguarding-lead"
CHUNK_WEIGHTS = (1.0, 0.5, 0.25)  # a need's score: its best chunk, plus a little for its next two
SAFEGUARDING_LEAD = 1.0 / (RRF_K + 1)  # how far safeguarding is put ahead of the best other match
MAX_TRAINING = 6
MAX_SERVICES = 6
SEARCH_TEXT_CHARS = 600
MATCHED_TEXT_CHARS = 300
WAVE_BONUS = 1.0 / (RRF_K + 1)  # a query that names a wave prefers chunks from that wave
DSL_REMINDER = (
    "If you are worried about a child's safety, tell the designated safeguarding lead (DSL) straight away, "
    "and always before the pupil goes home."
)
NOT_ENGLISH = "This does not look like English{guess}. The handbook can only search descriptions written in English."
RISK_WORDS_NOTICE = "It contains words that may be about harm."
NO_MATCH = (
    "Nothing in the handbook matches this. Describe what you notice about the pupil in a few words, "
    'for example "struggles with listening in class".'
)
# For English that shares words with the handbook but names no pupil, person or part of school life
# ("struggles with cutting with scissors"): often a real description with its subject left out, so the
# notice asks for the subject rather than saying nothing matches (handbook.text.names_a_pupil).
NO_PUPIL = (
    "The handbook only matches descriptions of a pupil. Say who this is about and what you notice, "
    'for example "he struggles to use scissors" or "she hides under the table in assembly".'
)
RISK_NOTICE = "This may be a safeguarding concern. " + DSL_REMINDER
_WORDS = re.compile(r"[a-z][a-z']+")
# Words too common to show that a text is about a pupil.
_STOP = (
    "a an and are as at be been but by can could did do does for from had has have he her him his how i if in is it "
    "its just me my no not of on or our she so than that the their them then there they this to too us was we were "
    "what when where which who why will with would you your all any more most some such very also into about up out "
    "get got now one two"
)
STOP_WORDS = frozenset(_STOP.split())


@dataclass
class Analysis:
    """Everything the engine worked out about one description."""

    query: PreparedQuery
    language: str
    risk: RiskCheck
    ranked: list[tuple[str, float, Hit | None]]  # needs best first, safeguarding first when at risk
    probabilities: dict[str, float]  # the ranker's calibrated probability per need
    confidence: Confidence
    notice: str | None = None
    signals: dict[str, Any] = field(default_factory=dict)


def catalogue_words(catalogue: Catalogue) -> frozenset[str]:
    """Every word of the handbook's need pages and glossary: bare terms such as "EHCP" count as English."""
    texts: list[str] = []
    for need in catalogue.needs.values():
        texts += [need.title, need.description, *need.aliases, *need.signs]
    for term in catalogue.glossary:
        texts += [term.term, term.stands_for or "", term.meaning]
    return frozenset(word for text in texts for word in _WORDS.findall(text.lower()))


_ESCAPED_WORD_CHAR = re.compile(r"\\w")  # "bruis\w*": the letters before it are the start of a word
_ESCAPE = re.compile(r"\\[a-zA-Z]")  # "\bsplit": the escape is not part of the word
# A whole word of a pattern: not glued to letters, a group or a class that continues it ("educat(e|ion)").
_PATTERN_WORD = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z(\[{])")


def safeguarding_words() -> frozenset[str]:
    """Every plain word in the safeguarding patterns and the look-alike guard: never "corrected" into
    another word ("shins" to "spins"). Regex escapes and word starts ("\bsplit", "hypermobil(e|ity)")
    give no word, so a typo is never "corrected" into "bsplit" or "hypermobil"."""
    sources = [pattern for patterns in PATTERNS.values() for pattern in patterns]
    sources += [regex.pattern for regex in EXPLANATIONS.values()] + [RED_FLAGS.pattern]
    words: set[str] = set()
    for source in sources:
        plain = _ESCAPE.sub(" ", _ESCAPED_WORD_CHAR.sub("(", source))
        words.update(_PATTERN_WORD.findall(plain))
    return frozenset(words)


def strategies_of(need: NeedRecord, phase: str | None) -> Strategies:
    """A need's strategies by wave; with a phase, that phase's notes come first in wave 1."""
    waves = {wave.key: [Strategy(**item.model_dump()) for item in need.strategies.for_wave(wave)] for wave in Wave}
    if phase is not None:
        notes = [Strategy(**item.model_dump(), phase=phase) for item in need.phase_notes.get(Phase(phase), [])]
        waves[Wave.ONE.key] = notes + waves[Wave.ONE.key]
    return Strategies(**waves)


class SearchEngine:
    def __init__(self, stored: StoredIndex, embedder: Embedder) -> None:
        self.manifest = stored.manifest
        self.catalogue = stored.catalogue
        self.needs: dict[str, NeedRecord] = stored.catalogue.needs
        if SAFEGUARDING_SLUG not in self.needs:
            raise IndexNotReady(f"The index has no '{SAFEGUARDING_SLUG}' need, so it cannot be served. {BUILD_HINT}")
        self.vocabulary = Vocabulary.from_catalogue(stored.catalogue)
        self.retriever = HybridRetriever(stored, embedder, self.vocabulary)
        self.safeguarding = SafeguardingDetector(stored.heads.get("safeguarding"))
        self.ranker = NeedRanker(stored.heads.get("needs"))
        # The words the safeguarding checks look for are never "corrected" into others ("shins" to "spins").
        self.known_words = catalogue_words(stored.catalogue) | safeguarding_words()
        self.steps: list[str] = list(stored.catalogue.safeguarding_steps)
        # Each need's strategies as response models, built once per index for every phase (and none).
        self._strategies = {
            (slug, phase): strategies_of(need, phase) for slug, need in self.needs.items() for phase in (None, *Phase)
        }
        self._training_refs = {
            module.id: TrainingRef(**module.model_dump(include=set(TrainingRef.model_fields)))
            for module in self.catalogue.training.values()
        }
        self._service_refs = {
            service.id: ServiceRef(**service.model_dump(include=set(ServiceRef.model_fields)))
            for service in self.catalogue.services.values()
        }

    # --- chunk search -------------------------------------------------------------------------
    def search(self, query: str, k: int) -> SearchResponse:
        prepared = prepare(query, self.vocabulary, self.known_words)
        vector = self.retriever.embedder.encode_query(prepared.expanded)
        hits = self.retriever.search(prepared.expanded, vector)
        wave = requested_wave(query)
        if wave:  # "what should wave 2 look like for reading": that wave's sections and provision cells first
            for hit in hits:
                hit.score += WAVE_BONUS if hit.chunk.wave == wave else 0.0
            hits.sort(key=lambda hit: hit.score, reverse=True)
        results: list[SearchResult] = []
        for hit in hits:
            chunk = hit.chunk
            if chunk.granularity == "item" and chunk.kind == "need":
                continue  # the section the item sits in is already a result
            results.append(
                SearchResult(
                    title=chunk.title,
                    section=chunk.section,
                    url=chunk.url,
                    text=chunk.text[:SEARCH_TEXT_CHARS],
                    score=round(hit.score, 6),
                    area=chunk.area,
                    need=chunk.need,
                    wave=chunk.wave,
                    kind=chunk.kind,
                )
            )
            if len(results) == k:
                break
        return SearchResponse(results=results)

    # --- need ranking -------------------------------------------------------------------------
    @staticmethod
    def hits_by_need(hits: list[Hit]) -> dict[str, list[Hit]]:
        per_need: dict[str, list[Hit]] = {}
        for hit in hits:  # hits arrive best first, so each need's list is best first too
            slug = hit.chunk.need
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

    def about_a_pupil(self, normalised: str) -> bool:
        """Whether the text shares at least one content word with the handbook's need pages or glossary."""
        return any(word in self.known_words and word not in STOP_WORDS for word in _WORDS.findall(normalised))

    def check_risk(self, query: PreparedQuery, vector: np.ndarray) -> tuple[str, RiskCheck]:
        """The description's language and its safeguarding check, as analyse decides them (the evaluation
        calls this too). query: prepare(description); vector: the query's embedding."""
        language = detect_language(query.normalised, self.known_words, normalised=True)
        if language != ENGLISH:
            # The other-language words read the text as typed: spelling correction only knows English and
            # would turn Portuguese "nela" into "neal" and "contar" into "contra".
            return language, self.safeguarding.check(query.as_typed, vector, english=False)
        # The classifier reads meaning, so it only counts for English that shares a word with the handbook:
        # "asdf qwer zxcv" has no meaning to read. The patterns always count.
        risk = self.safeguarding.check(query.normalised, vector, english=self.about_a_pupil(query.normalised))
        return language, self._second_reading(query.normalised, risk)

    def _second_reading(self, normalised: str, risk: RiskCheck) -> RiskCheck:
        """When the classifier alone flagged a description that speaks of cutting as a skill ("struggles with
        cutting with scissors", "cutting up his food"), read it again without those phrases
        (safeguarding_guard.without_craft_cutting): the flag is withdrawn only if the rest is no risk either."""
        if not risk.risk or risk.signals.get("patterns") or not risk.signals.get("classifier"):
            return risk
        rest = without_craft_cutting(normalised)
        if rest is None:
            return risk
        if rest:
            vector = self.retriever.embedder.encode_query(rest)
            if self.safeguarding.check(rest, vector, english=self.about_a_pupil(rest)).risk:
                return risk
        return replace(risk, risk=False, guarded=True)

    def analyse(self, description: str, vector: np.ndarray | None = None, ranker: NeedRanker | None = None) -> Analysis:
        """The full system: language, risk, ranked needs (retrieval fused with the learned ranker),
        calibrated confidence and the notice. vector and ranker: precomputed or swapped in by the evaluation."""
        ranker = ranker or self.ranker
        query = prepare(description, self.vocabulary, self.known_words)
        if vector is None:
            vector = self.retriever.embedder.encode_query(query.expanded)
        language, risk = self.check_risk(query, vector)
        if language != ENGLISH:
            return self._not_english(query, language, risk)
        hits = self.retriever.search(query.expanded, vector)
        retrieved = self.rank_needs(hits)
        probabilities = ranker.probabilities(vector, query.normalised)
        ranked = ranker.fuse(retrieved, probabilities)
        best_dense = max((hit.dense for hit in hits), default=-1.0)
        pupil = names_a_pupil(query.normalised)
        confidence = judge(ranked, probabilities, best_dense, self.needs, {SAFEGUARDING_SLUG}, pupil)
        if not self.about_a_pupil(query.normalised):
            confidence = Confidence("none", [])
        if risk.risk:
            top = ranked[0][1] + SAFEGUARDING_LEAD if ranked else 1.0
            ranked = [(SAFEGUARDING_SLUG, top, None)] + [item for item in ranked if item[0] != SAFEGUARDING_SLUG]
            confidence = Confidence("high", [])
        elif confidence.level == "none":
            ranked = []
        notice = None
        if risk.risk:
            notice = RISK_NOTICE
        elif confidence.level == "none":
            notice = self._no_match(query.normalised, pupil)
        return Analysis(query, language, risk, ranked, probabilities, confidence, notice, {"best_dense": best_dense})

    def _no_match(self, normalised: str, names_a_pupil: bool) -> str:
        """Why nothing was offered, in words that say what to type instead."""
        return NO_PUPIL if self.about_a_pupil(normalised) and not names_a_pupil else NO_MATCH

    def _not_english(self, query: PreparedQuery, language: str, risk: RiskCheck) -> Analysis:
        """Text in another language (or no language at all): no need is guessed, the risk words still count."""
        ranked: list[tuple[str, float, Hit | None]] = [(SAFEGUARDING_SLUG, 1.0, None)] if risk.risk else []
        if language == UNKNOWN and not risk.risk:
            notice = NO_MATCH
        else:
            name = LANGUAGE_NAMES.get(language)
            guess = f" (it may be {name})" if language not in (UNKNOWN, "other") and name else ""
            parts = [NOT_ENGLISH.format(guess=guess)]
            if risk.risk:
                parts.append(RISK_WORDS_NOTICE)
            parts.append(DSL_REMINDER)
            notice = " ".join(parts)
        return Analysis(query, language, risk, ranked, {}, Confidence("none", []), notice)

    # --- suggestions --------------------------------------------------------------------------
    def strategies(self, slug: str, phase: str | None) -> Strategies:
        return self._strategies[(slug, phase)]

    def suggest(self, description: str, phase: str | None, limit: int) -> SuggestResponse:
        analysis = self.analyse(description)
        risk = analysis.risk.risk
        needs: list[NeedSuggestion] = []
        for slug, score, best in analysis.ranked[:limit]:
            need = self.needs[slug]
            matched = None
            if best is not None:
                chunk = best.chunk
                matched = Matched(section=chunk.section, text=chunk.text[:MATCHED_TEXT_CHARS], url=chunk.url)
            needs.append(
                NeedSuggestion(
                    slug=slug,
                    title=need.title,
                    area=need.area,
                    url=need.url,
                    description=need.description,
                    score=round(score, 6),
                    matched=matched,
                    strategies=self.strategies(slug, phase),
                )
            )
        slugs = [need.slug for need in needs]
        return SuggestResponse(
            needs=needs,
            training=self.training_for(slugs),
            services=self.services_for(slugs, risk),
            safeguarding=risk,
            safeguarding_steps=list(self.steps) if risk else [],
            confidence=cast(ConfidenceLevel, analysis.confidence.level),  # validated by the model
            clarify=[Clarification(**choice) for choice in analysis.confidence.clarify],
            notice=analysis.notice,
            phase=phase,
        )

    def training_for(self, slugs: list[str]) -> list[TrainingRef]:
        chosen: list[str] = []
        for slug in slugs:
            for module_id in self.needs[slug].training:
                if module_id in self._training_refs and module_id not in chosen:
                    chosen.append(module_id)
        return [self._training_refs[m] for m in chosen[:MAX_TRAINING]]

    def services_for(self, slugs: list[str], risk: bool) -> list[ServiceRef]:
        chosen: list[str] = [DSL_SERVICE] if risk and DSL_SERVICE in self._service_refs else []
        for slug in slugs:
            for service_id in self.needs[slug].services:
                if service_id in self._service_refs and service_id not in chosen:
                    chosen.append(service_id)
        return [self._service_refs[s] for s in chosen[:MAX_SERVICES]]

    # --- training catalogue -------------------------------------------------------------------
    def training(self, role: str | None, category: str | None, need: str | None) -> list[TrainingModule]:
        modules: list[ModuleRecord] = list(self.catalogue.training.values())
        if role:
            modules = [m for m in modules if role in m.audience]
        if category:
            modules = [m for m in modules if m.category == category]
        if need:
            modules = [m for m in modules if need in m.needs]
        modules.sort(key=lambda m: (m.category, m.id))
        return [TrainingModule(**m.model_dump()) for m in modules]
