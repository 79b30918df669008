"""Evaluate need ranking in one run: the locked test split, site-grouped cross-validation, components,
robustness copies, nonsense and confidence.

    python evaluation/evaluate.py            # needs a built index (python build_index.py) and site (mkdocs build)
    python evaluation/evaluate.py --write    # also rewrites docs/evaluation.md
    python evaluation/evaluate.py --no-cv    # skip the cross-validation (it retrains the ranker five times)

Systems, all on the same descriptions:
- full: the service's own answer (SearchEngine.analyse): hybrid retrieval fused with the learned need
  ranker, the safeguarding detector, and no needs at all when confidence is none;
- retrieval: hybrid retrieval alone (dense + BM25 + vocabulary + safeguarding detector), the previous system;
- ranker: the learned ranker alone;
- bm25, dense: one retriever alone, no vocabulary layer, no detector;
- lunr: the site's own built-in search.
Only this script and evaluation/evaluate_safeguarding.py read the locked test split.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import write_between_markers  # noqa: E402
from evaluation.systems import (  # noqa: E402
    LunrBaseline,
    Prepared,
    full,
    prepare_all,
    ranker_only,
    retrieval_only,
    safeguarding_set_aside,
    slugs,
)
from handbook.contract import load_contract  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.query import prepare  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.training import PAGE_GROUP, fit_ranker  # noqa: E402
from search_service.engine import SAFEGUARDING_SLUG, SearchEngine  # noqa: E402
from search_service.ranker import NeedRanker  # noqa: E402

SYSTEMS = ("full", "retrieval", "ranker", "bm25", "dense", "lunr")
FOLDS = 5
SEED = 13
OFF_TOPIC = [  # not about a pupil: written for this script
    "the weather is lovely today",
    "buy cheap flights to spain now",
    "how do I reset my router password",
    "recipe for chocolate cake with no eggs",
    "what time does the football start tonight",
    "my car makes a strange noise when braking",
    "best price for a new sofa",
    "the share price fell by ten percent",
    "book a table for two on friday",
    "how many miles from london to leeds",
]
EMOJI = ["😀😀😀", "👍👍", "🙂🙃😉🤔", "🔥🔥🔥🔥", "❤️"]
OTHER_LANGUAGES = [
    "Mój syn ma problemy z czytaniem",  # Polish
    "Fiul meu nu vorbește la școală",  # Romanian
    "میرا بیٹا سکول میں بات نہیں کرتا",  # Urdu
    "আমার ছেলে স্কুলে কথা বলে না",  # Bengali
    "ਮੇਰਾ ਪੁੱਤਰ ਸਕੂਲ ਵਿੱਚ ਨਹੀਂ ਬੋਲਦਾ",  # Punjabi
    "ابني لا يتكلم في المدرسة",  # Arabic
    "Wiilkaygu ma hadlo dugsiga",  # Somali
    "O meu filho não fala na escola",  # Portuguese
]


def load(split: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((ROOT / "data" / "needs" / f"{split}.yaml").read_text(encoding="utf-8")) or [])


def nonsense(seed: int = SEED) -> list[str]:
    """Keyboard mashing and random letters (seeded), emoji, text not about a pupil, other languages."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    mash = [
        " ".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(rng.randint(1, 4)))
        for _ in range(20)
    ]
    return [*mash, "asdfghjkl", "qwertyuiop", "zzzzzz", "...", "???", *EMOJI, *OFF_TOPIC, *OTHER_LANGUAGES]


# --- robustness copies ----------------------------------------------------------------------------


def typos(text: str, rng: random.Random) -> str:
    """About one word in three of four letters or more gets a quick-typing slip."""
    out = []
    for word in text.split():
        if len(word) >= 4 and word.isalpha() and rng.random() < 0.33:
            i = rng.randrange(1, len(word) - 1)
            kind = rng.choice(("swap", "drop", "double"))
            if kind == "swap":
                word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
            elif kind == "drop":
                word = word[:i] + word[i + 1 :]
            else:
                word = word[:i] + word[i] + word[i:]
        out.append(word)
    return " ".join(out)


def curly(text: str) -> str:
    return text.replace("'", "\u2019").replace('"', "\u201c")


COPIES: dict[str, Callable[[str, random.Random], str]] = {
    "clean": lambda t, r: t,
    "typos": typos,
    "curly quotes": lambda t, r: curly(t),
    "capitals": lambda t, r: t.upper(),
    "first eight words": lambda t, r: " ".join(t.split()[:8]),
}


# --- scoring ------------------------------------------------------------------------------------------


def score(ranked: list[str], acceptable: list[str]) -> tuple[bool, bool, float]:
    for rank, slug in enumerate(ranked, 1):
        if slug in acceptable:
            return rank == 1, rank <= 3, 1.0 / rank
    return False, False, 0.0


class Tally:
    def __init__(self) -> None:
        self.n = 0
        self.hit1 = 0
        self.hit3 = 0
        self.rr = 0.0

    def add(self, ranked: list[str], acceptable: list[str]) -> None:
        h1, h3, rr = score(ranked, acceptable)
        self.n += 1
        self.hit1 += h1
        self.hit3 += h3
        self.rr += rr

    def row(self) -> str:
        if not self.n:
            return "n/a | n/a | n/a"
        return f"{self.hit1 / self.n:.3f} | {self.hit3 / self.n:.3f} | {self.rr / self.n:.3f}"


def systems_on(
    engine: SearchEngine,
    items: list[dict[str, Any]],
    prepared: list[Prepared],
    lunr: LunrBaseline,
    areas: dict[str, str],
) -> dict[str, Any]:
    head = engine.ranker.head
    totals = {s: Tally() for s in SYSTEMS}
    per_area: dict[str, Tally] = defaultdict(Tally)
    per_topic: dict[str, Tally] = defaultdict(Tally)
    levels: dict[str, Tally] = defaultdict(Tally)
    set_aside = Tally()  # the full system with the safeguarding page set aside where it is a false alarm
    false_alarms = 0  # descriptions flagged as a possible risk although no label is safeguarding-concerns
    misses = []
    for item, p in zip(items, prepared, strict=True):
        acceptable = item["needs"]
        ranked_full, level = full(engine, p)
        rankings = {
            "full": ranked_full,
            "retrieval": retrieval_only(p),
            "ranker": ranker_only(p, head) if head else [],
            "bm25": slugs(p.bm25),
            "dense": slugs(p.dense),
            "lunr": lunr.rank(p.text),
        }
        for system, ranked in rankings.items():
            totals[system].add(ranked, acceptable)
        per_area[areas.get(acceptable[0], "unknown")].add(ranked_full, acceptable)
        per_topic[acceptable[0]].add(ranked_full, acceptable)
        levels[level].add(ranked_full, acceptable)
        flagged_wrongly = p.risk and SAFEGUARDING_SLUG not in acceptable
        false_alarms += flagged_wrongly
        set_aside.add(safeguarding_set_aside(ranked_full, acceptable) if flagged_wrongly else ranked_full, acceptable)
        if not score(ranked_full, acceptable)[1]:
            misses.append(f"{p.text!r}: wanted {acceptable}, got {ranked_full[:3]} ({level})")
    return {
        "totals": totals,
        "per_area": per_area,
        "per_topic": per_topic,
        "levels": levels,
        "misses": misses,
        "set_aside": set_aside,
        "false_alarms": false_alarms,
    }


def cross_validate_weights(
    engine: SearchEngine,
    items: list[dict[str, Any]],
    weights: tuple[float | None, ...] = (None,),
    copies: tuple[str, ...] = ("clean",),
) -> dict[tuple[float | None, str], list[Tally]]:
    """Site-grouped folds over train + tune: the ranker is retrained on the pages plus the other folds
    (the clean texts, with n-grams when the built ranker reads them) and the full system scores the
    held-out fold, for each weight of the ranker in the fusion (None: the service's) and in each
    robustness copy of COPIES named (seeded, so every run changes the same words). The folds' rankers
    are fitted once and shared by every weight and copy. Returns one Tally per fold for each (weight, copy)."""
    from sklearn.model_selection import GroupKFold

    from handbook.training import need_examples, ranker_design

    known = set(engine.needs)
    items = [item for item in items if any(s in known for s in item["needs"])]
    pages = need_examples(engine.catalogue, "train", data_dir=Path("/nonexistent"))  # the pages' own examples
    assert all(group == PAGE_GROUP for group in pages.groups)
    page_queries = [prepare(text, engine.vocabulary, engine.known_words) for text in pages.texts]
    page_vectors = engine.retriever.embedder.encode_documents([q.expanded for q in page_queries], batch_size=64)
    page_rows = [(page_vectors[j][None, :], q.normalised) for j, q in enumerate(page_queries)]
    prepared: dict[str, list[Prepared]] = {}
    for name in copies:
        rng = random.Random(SEED)
        prepared[name] = prepare_all(engine, [COPIES[name](item["text"], rng) for item in items])
    clean = prepared["clean"] if "clean" in prepared else prepare_all(engine, [item["text"] for item in items])
    head = engine.ranker.head
    assert head is not None
    labels = head.labels
    sites = [str(item.get("site")) for item in items]
    results: dict[tuple[float | None, str], list[Tally]] = {(w, name): [] for w in weights for name in copies}
    splitter = GroupKFold(n_splits=FOLDS)
    for train_index, test_index in splitter.split(np.zeros(len(items)), groups=sites):
        rows = page_rows + [
            (clean[i].vector, clean[i].query.normalised) for i in train_index for s in items[i]["needs"] if s in known
        ]
        targets = pages.labels + [s for i in train_index for s in items[i]["needs"] if s in known]
        grams = [text for _, text in rows] if head.reads_ngrams else None
        fold_head = fit_ranker(labels, ranker_design(np.vstack([vector for vector, _ in rows]), grams), targets)
        fold_head = type(fold_head)(labels, fold_head.weights, fold_head.bias, head.temperature)
        for weight in weights:
            ranker = NeedRanker(fold_head) if weight is None else NeedRanker(fold_head, weight)
            for name in copies:
                tally = Tally()
                for i in test_index:
                    tally.add(full(engine, prepared[name][i], ranker)[0], items[i]["needs"])
                results[(weight, name)].append(tally)
    return results


def cross_validate_copies(
    engine: SearchEngine, items: list[dict[str, Any]], copies: tuple[str, ...] = ("clean",)
) -> dict[str, list[Tally]]:
    """One Tally per fold for each copy, at the service's own weight (cross_validate_weights)."""
    results = cross_validate_weights(engine, items, (None,), copies)
    return {name: results[(None, name)] for name in copies}


def cross_validate(
    engine: SearchEngine, items: list[dict[str, Any]], weight: float | None = None
) -> list[tuple[float, float]]:
    """(hit@1, hit@3) per fold of the clean copy (cross_validate_weights)."""
    folds = cross_validate_weights(engine, items, (weight,))[(weight, "clean")]
    return [(t.hit1 / t.n, t.hit3 / t.n) for t in folds]


def fold_summary(folds: list[Tally]) -> str:
    """Mean and spread over the folds of hit@1, hit@3 and MRR."""
    parts = []
    for name, values in (
        ("hit@1", [t.hit1 / t.n for t in folds]),
        ("hit@3", [t.hit3 / t.n for t in folds]),
        ("MRR", [t.rr / t.n for t in folds]),
    ):
        parts.append(
            f"{name} {statistics.mean(values):.3f} ({min(values):.3f} to {max(values):.3f}, "
            f"sd {statistics.pstdev(values):.3f})"
        )
    return "; ".join(parts)


def report(
    result: dict[str, Any],
    split: str,
    count: int,
    robustness: dict[str, Tally],
    none_rate: tuple[int, int],
    cv: dict[str, list[Tally]] | None,
    seconds: float,
    n_unreachable: int,
) -> str:
    totals = result["totals"]
    lines = [
        f"Split: {split}, {count} descriptions from sites that no training or tuning description shares "
        f"({n_unreachable} of them name only topics that have no page yet and cannot be hit). Run time {seconds:.0f}s. "
        "hit@k: an acceptable need is in the top k; MRR: mean reciprocal rank of the first acceptable need.",
        "",
        "| System | hit@1 | hit@3 | MRR |",
        "|---|---|---|---|",
    ]
    for system in SYSTEMS:
        lines.append(f"| {system} | {totals[system].row()} |")
    aside = result["set_aside"]
    lines += [
        "",
        f"Safeguarding first: {result['false_alarms']} of {count} descriptions, none of them labelled "
        "`safeguarding-concerns`, are flagged as a possible risk, so the safeguarding page comes first (the "
        "contract requires it). With that page set aside for them, the full system's hit@1 | hit@3 | MRR "
        f"would be {aside.row()}.",
    ]
    if cv is not None:
        h1 = [t.hit1 / t.n for t in cv["clean"]]
        h3 = [t.hit3 / t.n for t in cv["clean"]]
        lines += [
            "",
            f"Site-grouped {FOLDS}-fold cross-validation over train + tune (the ranker retrained per fold, "
            f"full system): hit@3 mean {statistics.mean(h3):.3f} (spread {min(h3):.3f} to {max(h3):.3f}, "
            f"sd {statistics.pstdev(h3):.3f}); hit@1 mean {statistics.mean(h1):.3f} "
            f"(spread {min(h1):.3f} to {max(h1):.3f}).",
        ]
        for name, folds in cv.items():
            lines += ["", f"Cross-validation, {name} copy of the held-out folds: {fold_summary(folds)}."]
    lines += ["", f"Robustness copies of the {split} split (full system):", ""]
    lines += ["| Copy | hit@1 | hit@3 | MRR |", "|---|---|---|---|"]
    for name, tally in robustness.items():
        lines.append(f"| {name} | {tally.row()} |")
    lines += [
        "",
        f"Nonsense, emoji, text not about a pupil and other languages: {none_rate[0]} of {none_rate[1]} "
        "get `confidence: none`.",
        "",
        f"Confidence on the {split} split (full system):",
        "",
        "| Confidence | descriptions | hit@1 | hit@3 | MRR |",
        "|---|---|---|---|---|",
    ]
    for level in ("high", "low", "none"):
        tally = result["levels"].get(level, Tally())
        lines.append(f"| {level} | {tally.n} | {tally.row()} |")
    lines += [
        "",
        "hit@1 | hit@3 | MRR by area (of the first acceptable need, full system):",
        "",
        "| Area | n | hit@1 | hit@3 | MRR |",
        "|---|---|---|---|---|",
    ]
    for area, tally in sorted(result["per_area"].items()):
        lines.append(f"| {area} | {tally.n} | {tally.row()} |")
    lines += [
        "",
        "By topic (first acceptable need, full system):",
        "",
        "| Topic | n | hit@1 | hit@3 | MRR |",
        "|---|---|---|---|---|",
    ]
    for topic, tally in sorted(result["per_topic"].items()):
        lines.append(f"| {topic} | {tally.n} | {tally.row()} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite the results in docs/evaluation.md")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--split", choices=("test", "tune"), default="test", help="tune: for development")
    parser.add_argument("--cv-typos", action="store_true", help="also score a seeded typo copy of every held-out fold")
    parser.add_argument("--misses", action="store_true", help="list the full system's misses on the test split")
    parser.add_argument(
        "--backend",
        choices=("torch", "onnx"),
        default="torch",
        help="query embedder: torch (the reference, what the docs report) or onnx (the service's default)",
    )
    args = parser.parse_args()
    if args.write and args.backend != "torch":
        parser.error("--write reports the reference backend: leave out --backend onnx")
    started = time.perf_counter()
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path(), backend=args.backend)
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    lunr = LunrBaseline(settings.site_dir, {slug: need.url for slug, need in engine.needs.items()})
    test = load(args.split)
    unreachable = sum(not any(s in engine.needs for s in item["needs"]) for item in test)
    areas = {need.slug: need.area for need in load_contract(settings.contract_path).needs}
    result = systems_on(engine, test, prepare_all(engine, [item["text"] for item in test]), lunr, areas)
    robustness: dict[str, Tally] = {}
    for name, change in COPIES.items():
        rng = random.Random(SEED)
        texts = [change(item["text"], rng) for item in test]
        tally = Tally()
        for item, p in zip(test, prepare_all(engine, texts), strict=True):
            tally.add(full(engine, p)[0], item["needs"])
        robustness[name] = tally
    odd = nonsense()
    none_count = sum(engine.analyse(text).confidence.level == "none" for text in odd)
    copies = ("clean", "typos") if args.cv_typos else ("clean",)
    cv = None if args.no_cv else cross_validate_copies(engine, load("train") + load("tune"), copies=copies)
    seconds = time.perf_counter() - started
    text = report(result, args.split, len(test), robustness, (none_count, len(odd)), cv, seconds, unreachable)
    print(text)
    if args.misses:
        print("\nMisses (full system, not in top 3):\n" + "\n".join(result["misses"]))
    if args.write:
        if args.split != "test":
            raise SystemExit("--write records the locked test split only")
        write_between_markers(ROOT / "docs" / "evaluation.md", "results", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
