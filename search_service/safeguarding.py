"""Spot descriptions that suggest a pupil may be at risk of harm, independently of the search ranking.

Three signals, each enough on its own, all read the normalised text (handbook.text.normalise):
- patterns: phrases by indicator category (search_service.safeguarding_patterns);
- classifier: a logistic regression over the description's embedding and word n-grams, trained at build
  time on real risk descriptions and ordinary look-alikes (handbook.training), applied here with numpy
  only; a multinomial head (one class per risk category and look-alike kind) gives the sum of its risk
  classes (handbook.risk_classes);
- other languages: short risk word lists (search_service.safeguarding_languages), used when the
  description does not look like English.
A narrow guard (search_service.safeguarding_guard) may answer a mark pattern or the classifier when an
ordinary look-alike explains the mark and there is no red flag. A false alarm costs a teacher one extra
conversation with the DSL; a miss can cost far more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from handbook.linear import LinearHead
from handbook.risk_classes import risk_share
from search_service.safeguarding_guard import explained_by_lookalike
from search_service.safeguarding_languages import risk_words_found
from search_service.safeguarding_patterns import GUARDABLE, pattern_matches

SIGNALS = ("patterns", "classifier", "languages")


@dataclass
class RiskCheck:
    risk: bool
    probability: float  # the classifier's
    categories: list[str] = field(default_factory=list)  # from the patterns, for diagnosis only
    signals: dict[str, bool] = field(default_factory=dict)  # each signal's own answer, before the guard
    guarded: bool = False  # a look-alike explained the mark


@dataclass(frozen=True)
class Rules:
    """What the patterns and the look-alike guard say about a normalised text, before the classifier."""

    matches: tuple[tuple[str, str], ...]  # (category, pattern) of every pattern found
    flagged: bool  # flagged whatever the classifier says: a pattern the guard cannot answer, or an unexplained mark
    blocked: bool  # the guard answers the text: neither a mark pattern nor the classifier may flag it


def rules(normalised: str, classifier_fired: bool | None = None) -> Rules:
    """The patterns and the guard (the build uses this too, to choose the classifier's threshold).
    classifier_fired: when known to be False, the guard is read only if a mark pattern needs it."""
    matches = tuple(pattern_matches(normalised))
    strong = any(pattern not in GUARDABLE for _, pattern in matches)
    guardable = {pattern for _, pattern in matches if pattern in GUARDABLE}
    needed = not strong and (bool(guardable) or classifier_fired is not False)
    blocked = needed and explained_by_lookalike(normalised, guardable)
    return Rules(matches, strong or (bool(guardable) and not blocked), blocked)


class SafeguardingDetector:
    def __init__(self, classifier: LinearHead | None) -> None:
        """classifier: the build's learned head, or None for an index built without one (patterns only)."""
        self.classifier = classifier

    def probability(self, query_vector: np.ndarray, normalised: str) -> float:
        if self.classifier is None:
            return 0.0
        probabilities = self.classifier.probabilities(query_vector, [normalised])
        return float(risk_share(probabilities, self.classifier.labels)[0])

    def check(self, normalised: str, query_vector: np.ndarray, english: bool = True) -> RiskCheck:
        """normalised: handbook.text.normalise(description); english: whether it looks like English."""
        probability = self.probability(query_vector, normalised)
        threshold = self.classifier.threshold if self.classifier is not None else 1.0
        classifier = english and probability >= threshold
        found = rules(normalised, classifier)
        languages = not english and bool(risk_words_found(normalised))
        signals = {"patterns": bool(found.matches), "classifier": classifier, "languages": languages}
        guarded = found.blocked and (classifier or bool(found.matches))
        risk = found.flagged or languages or (classifier and not found.blocked)
        categories = sorted({category for category, _ in found.matches})
        return RiskCheck(risk, probability, categories, signals, guarded)
