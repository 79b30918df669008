"""How sure the ranking is (high, low or none) and, when several needs fit, the questions that tell them apart.

Read from the ranker's calibrated probabilities (the calibration is fitted on the tune split at build
time) and from how close the description came to any chunk of the handbook at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handbook.index_records import NeedRecord

HIGH_PROBABILITY = 0.45  # the first need's probability must reach this for `high`
LOW_RATIO = 0.5  # `low` when the second need's probability is at least this share of the first's
CLARIFY_RATIO = 0.3  # needs at least this share of the first's probability are offered in `clarify`
MAX_CLARIFY = 4
NONE_PROBABILITY = 0.12  # below this, and
NONE_DENSE = 0.30  # no chunk at least this similar (cosine): nothing in the handbook matches. A stricter
# rule (similarity under 0.35 alone) caught more unrelated sentences but cost 6 points of cross-validated hit@3.
# Text that names no pupil, person or part of school life (handbook.text.names_a_pupil: "the weather is
# lovely today", "book a table for two") is about a pupil only if some chunk is at least this similar.
# Chosen with evaluation/tune_nonsense.py on the train and tune descriptions (docs/evaluation.md).
UNRELATED_DENSE = 0.40


@dataclass
class Confidence:
    level: str  # high, low or none
    clarify: list[dict[str, str]] = field(default_factory=list)


def question(need: NeedRecord) -> str:
    """The page's own clarifying question, or its description when it has none yet."""
    return need.clarify.strip() or need.description.strip()


def judge(
    ranked: list[tuple[str, float, Any]],
    probabilities: dict[str, float],
    best_dense: float,
    needs: Mapping[str, NeedRecord],
    exclude: set[str],
    names_a_pupil: bool = True,
) -> Confidence:
    """ranked: fused needs best first; probabilities: calibrated, per need (empty without a ranker);
    best_dense: the highest cosine similarity of any chunk; exclude: needs never offered as a choice;
    names_a_pupil: the text names a pupil or school life (handbook.text.names_a_pupil)."""
    if not ranked:
        return Confidence("none")
    if not names_a_pupil and best_dense < UNRELATED_DENSE:
        return Confidence("none")
    if not probabilities:
        return Confidence("high" if best_dense >= NONE_DENSE else "none")
    top = probabilities.get(ranked[0][0], 0.0)
    if top < NONE_PROBABILITY and best_dense < NONE_DENSE:
        return Confidence("none")
    choices = [slug for slug, _, _ in ranked if slug not in exclude][: MAX_CLARIFY * 2]
    first = probabilities.get(choices[0], 0.0) if choices else 0.0
    second = probabilities.get(choices[1], 0.0) if len(choices) > 1 else 0.0
    if top >= HIGH_PROBABILITY and second < LOW_RATIO * first:
        return Confidence("high")
    close = [slug for slug in choices if probabilities.get(slug, 0.0) >= CLARIFY_RATIO * first][:MAX_CLARIFY]
    close = close if len(close) >= 2 else choices[:2]
    clarify = [{"slug": slug, "title": needs[slug].title, "question": question(needs[slug])} for slug in close]
    return Confidence("low", clarify)
