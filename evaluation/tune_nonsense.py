"""Choose the rule that gives `confidence: none` to text that is not about a pupil, on the train and tune splits.

    python evaluation/tune_nonsense.py            # the candidate thresholds, after python build_index.py

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

import sys
from pathlib import Path

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


def main() -> int:
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
