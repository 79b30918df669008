"""Choose the rule that gives `confidence: none` to text that is not about a pupil, on the train and tune splits.

    python evaluation/tune_nonsense.py            # the candidate thresholds, after python build_index.py
    python evaluation/tune_nonsense.py --unrelated-class   # session 16, rule 2: the classifier's unrelated class

Text that names no pupil, person or part of school life (handbook.text.names_a_pupil) gets `none`
unless some chunk of the handbook is at least UNRELATED_DENSE similar to it. This script shows, for
each candidate threshold:
- how many real descriptions (the needs and safeguarding train and tune splits, English only) would
  lose their answer: every one of them is about a pupil, so each is a cost;
- how many sentences of DEVELOPMENT would get `none`: unrelated text written for this script, kept
  apart from evaluation/evaluate.py's nonsense set, which only the final evaluation scores.
The locked test split is never read (handbook.datasets refuses it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.datasets import load_split  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.text import names_a_pupil  # noqa: E402
from search_service.confidence import UNRELATED_DENSE  # noqa: E402
from search_service.engine import SearchEngine  # noqa: E402

# Unrelated text, written for this script: errands, news, work email, small talk, questions for a
# search engine. None of it is about a pupil.
DEVELOPMENT = [
    "the train to manchester is delayed again",
    "how do I unblock a kitchen sink",
    "my phone screen is cracked",
    "what is the capital of france",
    "cheap car insurance quotes",
    "best pizza near me",
    "is it going to rain tomorrow",
    "how to change a flat tyre",
    "happy birthday to you",
    "the meeting has moved to 3pm in room 4",
    "please find the invoice attached",
    "the printer has run out of toner",
    "who won the match last night",
    "I need to renew my passport",
    "the lawn needs mowing this weekend",
    "what is on tv tonight",
    "order more paper towels for the staff room",
    "my laptop will not turn on",
    "the bus was late this morning",
    "interest rates are going up again",
    "a cup of tea with two sugars please",
    "where did I leave my keys",
    "the boiler is making a banging noise",
    "tickets for the concert sold out in minutes",
    "remember to buy milk and bread",
]

# Session 16: harder unrelated text, written before measuring anything with it: many name no subject and
# share a word with the handbook, as a teacher's short note does. Used only by --unrelated-class.
HARD_DEVELOPMENT = [
    "struggles to start the lawnmower in the cold",
    "can't find the charger anywhere",
    "running ten minutes late, sorry",
    "hates the new office chairs",
    "gets lost on the way to the new dentist",
    "forgets the wifi password every time",
    "the dog won't stop barking at the postman",
    "slow to load and keeps crashing",
    "keeps dropping calls in the car park",
    "needs a new battery before winter",
    "too loud in the canteen at the gym",
    "tired after the long drive back from cornwall",
    "won't sit still on the shelf, keeps sliding off",
    "avoids the motorway at rush hour",
    "reading glasses broken again",
    "spelling of the street name is wrong on the letter",
    "writes off the car insurance claim",
    "can't cope with the queue at the post office",
    "worried about the gas bill this month",
    "sleeps all afternoon on the sofa, lazy cat",
    "the plant is wilting and the leaves are going yellow",
    "screen freezes when I open more than three tabs",
    "counting down the days to the holiday",
    "struggles with the self checkout at the supermarket",
    "the kettle takes forever to boil",
    "loses the remote control down the sofa",
    "misses the bin collection every other week",
    "noise from the roadworks outside all day",
    "hard to hear the announcements at the station",
    "shy about singing at karaoke night",
    "the parcel was left in the rain",
    "gets anxious before flying, needs a window seat",
    "cannot remember where the car is parked",
    "the meeting overran and lunch was cold",
    "the paint on the fence is peeling",
    "bored of the same sandwiches every day",
    "hand hurts after typing all day",
    "loves trains and timetables, a real hobby",
    "shouting at the referee during the match",
    "the washing machine leaks when it spins",
]
UNRELATED_CLASS = "ordinary:unrelated"
UNRELATED_CLASS_CANDIDATES = (0.5, 0.3, 0.2, 0.1, 0.05)


def out_of_fold_unrelated(engine: SearchEngine) -> dict[str, float]:
    """Each real train and tune description's out-of-fold probability of the safeguarding classifier's
    unrelated class (the build trains on these descriptions, so its own head would be in-sample)."""
    from handbook.training import (
        MULTINOMIAL_REGULARISATION,
        PAGE_GROUP,
        _Multinomial,
        embed,
        normalised_texts,
        out_of_fold,
        pooled_safeguarding_examples,
        safeguarding_classes,
        safeguarding_design,
    )

    examples = pooled_safeguarding_examples(engine.catalogue)
    texts = normalised_texts(examples.texts, engine.vocabulary)
    vectors = embed(examples.texts, engine.vocabulary, engine.retriever.embedder.encode_documents)
    classes = safeguarding_classes(examples)
    probabilities = out_of_fold(
        safeguarding_design(vectors, texts),
        classes,
        examples.groups,
        _Multinomial(MULTINOMIAL_REGULARISATION).fit,
        always=PAGE_GROUP,
    )
    column = np.unique(classes).tolist().index(UNRELATED_CLASS)
    return {
        text: float(probabilities[row, column])
        for row, (text, group) in enumerate(zip(examples.texts, examples.groups, strict=True))
        if group != PAGE_GROUP
    }


def unrelated_class_rule(engine: SearchEngine, real: list[str]) -> None:
    """Session 16, rule 2 (docs/evaluation.md): could the classifier's unrelated class keep the answer of real
    descriptions that name no pupil, without taking `none` from unrelated text?"""
    head = engine.safeguarding.classifier
    if head is None or UNRELATED_CLASS not in head.labels:
        raise SystemExit("the built index's safeguarding classifier has no unrelated class")
    column = head.labels.index(UNRELATED_CLASS)

    def state(text: str) -> tuple[bool, bool, Any]:
        """(gets none today, the candidate could keep its answer, its prepared query)"""
        analysis = engine.analyse(text)
        normalised = analysis.query.normalised
        gated = not names_a_pupil(normalised) and float(analysis.signals.get("best_dense", -1.0)) < UNRELATED_DENSE
        return analysis.confidence.level == "none", engine.about_a_pupil(normalised) and gated, analysis.query

    for name, texts in (("development", DEVELOPMENT), ("harder development", HARD_DEVELOPMENT)):
        freed = dict.fromkeys(UNRELATED_CLASS_CANDIDATES, 0)
        for text in texts:
            none, could_free, query = state(text)
            vector = engine.retriever.embedder.encode_query(query.expanded)
            share = float(head.probabilities(vector, [query.normalised])[0][column])
            for x in freed:
                freed[x] += int(none and could_free and share < x)
        print(f"{name} sentences that would lose `none`, by X: {freed}")
    oof = out_of_fold_unrelated(engine)
    kept = dict.fromkeys(UNRELATED_CLASS_CANDIDATES, 0)
    nones = 0
    for text in real:
        none, could_free, _ = state(text)
        if not none:
            continue
        nones += 1
        for x in kept:
            kept[x] += int(could_free and oof.get(text, 1.0) < x)
    print(f"real descriptions getting `none`: {nones}; of them keeping their answer, by X: {kept}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--unrelated-class", action="store_true", help="session 16, rule 2: the classifier's unrelated class as a gate"
    )
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path())
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    real = [str(item["text"]) for split in ("train", "tune") for item in load_split("needs", split)]
    real += [
        str(item["text"])
        for split in ("train", "tune")
        for item in load_split("safeguarding", split)
        if item.get("language", "en") == "en"
    ]

    def measure(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        pupil, dense, none = [], [], []
        for text in texts:
            analysis = engine.analyse(text)
            pupil.append(names_a_pupil(analysis.query.normalised))
            dense.append(float(analysis.signals.get("best_dense", -1.0)))
            none.append(analysis.confidence.level == "none")
        return np.array(pupil), np.array(dense), np.array(none)

    if args.unrelated_class:
        unrelated_class_rule(engine, real)
        return 0
    real_pupil, real_dense, real_none = measure(real)
    dev_pupil, dev_dense, dev_none = measure(DEVELOPMENT)
    print(f"real descriptions: {len(real)}; {int((~real_pupil).sum())} name no pupil or school life")
    print(f"development sentences: {len(DEVELOPMENT)}; {int((~dev_pupil).sum())} name no pupil or school life")
    print(f"now (UNRELATED_DENSE {UNRELATED_DENSE}): real none {int(real_none.sum())}, dev none {int(dev_none.sum())}")
    print("\n| threshold | real descriptions losing their answer | development sentences getting none |")
    print("|---|---|---|")
    for threshold in (0.30, 0.35, 0.40, 0.45, 0.50, 0.55):
        lost = int((~real_pupil & (real_dense < threshold)).sum())
        caught = int((~dev_pupil & (dev_dense < threshold)).sum())
        print(f"| {threshold:.2f} | {lost} of {len(real)} | {caught} of {len(DEVELOPMENT)} |")
    order = np.argsort(real_dense)
    print("\nReal descriptions naming no pupil, least similar first:")
    for i in [i for i in order if not real_pupil[i]][:15]:
        print(f"  {real_dense[i]:.3f} {real[i]}")
    print("\nDevelopment sentences, most similar first:")
    for i in np.argsort(-dev_dense)[:10]:
        print(f"  {dev_dense[i]:.3f} pupil={bool(dev_pupil[i])} {DEVELOPMENT[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
