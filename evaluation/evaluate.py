"""Evaluate need ranking on evaluation/queries.yaml: the full system against three baselines.

    python evaluation/evaluate.py            # needs a built index (python build_index.py) and site (mkdocs build)
    python evaluation/evaluate.py --write    # also rewrites docs/evaluation.md

Systems, all on the same queries in one run:
- full: dense + BM25 fused, the vocabulary layer, alias bonus and the safeguarding detector;
- bm25: BM25 alone over the same chunks, aggregated to needs the same way;
- dense: FAISS alone over the same chunks, aggregated to needs the same way;
- lunr: the site's own built-in search (lunr over site/search/search_index.json), its pages mapped to needs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import write_between_markers  # noqa: E402
from handbook.contract import load_contract  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from search_service.engine import SAFEGUARDING_SLUG, SearchEngine  # noqa: E402

SYSTEMS = ("full", "bm25", "dense", "lunr")


def load_queries(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


class LunrBaseline:
    """The site's built-in search: lunr over the documents MkDocs Material publishes."""

    def __init__(self, site_dir: Path, need_urls: dict[str, str]) -> None:
        from lunr import lunr

        data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
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
        slugs: list[str] = []
        for result in results:
            page = result["ref"].split("#", 1)[0]
            slug = self.page_to_slug.get(page)
            if slug and slug not in slugs:
                slugs.append(slug)
        return slugs


def score(ranked: list[str], acceptable: list[str]) -> tuple[bool, bool, float]:
    for rank, slug in enumerate(ranked, 1):
        if slug in acceptable:
            return rank == 1, rank <= 3, 1.0 / rank
    return False, False, 0.0


def evaluate(engine: SearchEngine, lunr: LunrBaseline, queries: list[dict[str, Any]], areas: dict[str, str]) -> dict:
    totals: dict[str, dict[str, float]] = {s: defaultdict(float) for s in SYSTEMS}
    per_area: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in SYSTEMS}
    misses: list[str] = []
    false_alarms: list[str] = []
    missed_risks: list[str] = []
    for query in queries:
        text, acceptable = query["query"], query["acceptable"]
        area = areas[acceptable[0]]
        rankings = {
            "full": engine.ranked_slugs(text, "hybrid"),
            "bm25": engine.ranked_slugs(text, "bm25"),
            "dense": engine.ranked_slugs(text, "dense"),
            "lunr": (lunr.rank(text), False),
        }
        for system, (ranked, risk) in rankings.items():
            hit1, hit3, rr = score(ranked, acceptable)
            t = totals[system]
            t["n"] += 1
            t["hit1"] += hit1
            t["hit3"] += hit3
            t["mrr"] += rr
            per_area[system][area].append(hit3)
            if query["safeguarding"]:
                t["sg_n"] += 1
                t["sg_first"] += bool(ranked) and ranked[0] == SAFEGUARDING_SLUG
            elif system == "full":
                t["ordinary_n"] += 1
                t["false_alarm"] += risk
                if risk:
                    false_alarms.append(text)
            if system == "full" and query["safeguarding"] and not risk:
                missed_risks.append(text)
            if system == "full" and not hit3:
                misses.append(f"{text!r}: wanted {acceptable}, got {ranked[:3]}")
    return {
        "totals": totals,
        "per_area": per_area,
        "misses": misses,
        "false_alarms": false_alarms,
        "missed_risks": missed_risks,
    }


def report(result: dict, queries: int, seconds: float) -> str:
    totals, per_area = result["totals"], result["per_area"]
    lines = [
        f"Queries: {queries} (evaluation/queries.yaml). Run time: {seconds:.0f}s. "
        "hit@k: an acceptable need is in the top k. MRR: mean reciprocal rank of the first acceptable need. "
        "Safeguarding first: share of safeguarding queries with `safeguarding-concerns` ranked first.",
        "",
        "| System | hit@1 | hit@3 | MRR | Safeguarding first | False safeguarding alarms |",
        "|---|---|---|---|---|---|",
    ]
    for system in SYSTEMS:
        t = totals[system]
        alarms = f"{t['false_alarm'] / t['ordinary_n']:.3f}" if system == "full" else "n/a"
        lines.append(
            f"| {system} | {t['hit1'] / t['n']:.3f} | {t['hit3'] / t['n']:.3f} | {t['mrr'] / t['n']:.3f} | "
            f"{t['sg_first'] / t['sg_n']:.3f} ({int(t['sg_first'])}/{int(t['sg_n'])}) | {alarms} |"
        )
    areas = sorted(per_area["full"])
    lines += ["", "hit@3 by area (of the first acceptable need):", "", "| System | " + " | ".join(areas) + " |"]
    lines.append("|---|" + "---|" * len(areas))
    for system in SYSTEMS:
        cells = [f"{sum(v) / len(v):.3f} (n={len(v)})" for v in (per_area[system][a] for a in areas)]
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "evaluation" / "queries.yaml")
    parser.add_argument("--write", action="store_true", help="rewrite the results table in docs/evaluation.md")
    parser.add_argument("--misses", action="store_true", help="list the full system's misses")
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path())
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    contract = load_contract(settings.contract_path)
    areas = {need.slug: need.area for need in contract.needs}
    lunr = LunrBaseline(settings.site_dir, {slug: need["url"] for slug, need in engine.needs.items()})
    queries = load_queries(args.queries)
    started = time.perf_counter()
    result = evaluate(engine, lunr, queries, areas)
    table = report(result, len(queries), time.perf_counter() - started)
    print(table)
    if args.misses:
        print("\nMisses (full system, not in top 3):\n" + "\n".join(result["misses"]))
        print("\nFalse safeguarding alarms:\n" + "\n".join(result["false_alarms"]))
        print("\nSafeguarding queries not flagged:\n" + "\n".join(result["missed_risks"]))
    if args.write:
        write_between_markers(ROOT / "docs" / "evaluation.md", "results", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
