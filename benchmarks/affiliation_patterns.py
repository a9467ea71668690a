#!/usr/bin/env python3
"""Precision of each ``affiliation.v1`` pattern on a scored dev set.

Runs the affiliation extractor (with the same speaker lifting and resolution as ``stancegraph extract``) over
a gold JSONL, and counts, per pattern (the claim's ``("pattern", name)`` extra), how many claims the shared
scorer matches to a gold or optional pair. Needs the shared scorer for its matching rules.

Usage: python benchmarks/affiliation_patterns.py GOLD.jsonl [--match token|alias]
           [--scorer ../shared/tools/score_sentences.py]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def load_scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_sentences", path)
    if spec is None or spec.loader is None:
        sys.exit(f"affiliation_patterns: cannot load the scorer {path}; pass --scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--match", default="token", choices=["token", "alias"])
    shared = Path(__file__).resolve().parents[2] / "shared"
    ap.add_argument("--scorer", type=Path, default=shared / "tools" / "score_sentences.py")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)

    from extractors.affiliation.rules import extract_affiliation
    from extractors.nlp.pipeline import load_pipeline
    from extractors.speakers import lift_to_organisations
    from graph.resolve.resolver import Resolver, resolve_claims

    records = scorer.load_gold(args.gold, "affiliation", None, None)
    nlp = load_pipeline()
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        claims = resolve_claims(list(lift_to_organisations(extract_affiliation(doc, record["id"]))), Resolver())
        for claim in claims:
            pattern = dict(claim.extras).get("pattern", "?")
            subject, obj = claim.to_json()["subject"], claim.to_json()["object"]
            total[pattern] += 1
            if any(scorer.matches(subject, a, record["names"], args.match)
                   and scorer.matches(obj, b, record["names"], args.match)
                   for a, b in record["affil"] + record["affil_opt"]):
                right[pattern] += 1
    print(f"{'pattern':<22} {'right':>5} {'claims':>6} {'precision':>9}")
    for pattern, n in total.most_common():
        print(f"{pattern:<22} {right[pattern]:>5} {n:>6} {right[pattern] / n:>9.2f}")


if __name__ == "__main__":
    main()
