#!/usr/bin/env python3
"""Candidate recall ceiling: the share of gold relations whose two actors the candidate finder proposes.

The pair classifier only ever labels pairs of candidates (``extractors.learned.candidates``), so no gold triple
whose subject or object is not among a sentence's candidates can be found, whatever the model. A gold side
counts as proposed when a candidate of the same text matches it by the shared scorer's token match
(``score_sentences.matches``, the rule the dev figures use).

Usage: python benchmarks/candidates.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.learned.candidates import sentence_candidates  # noqa: E402
from extractors.nlp.pipeline import load_pipeline  # noqa: E402

SETS = [("stance suite", "stance_suite/dev.jsonl", "stance"), ("re3d dev", "external/re3d/dev.jsonl", "stance"),
        ("SEESAW valid", "external/seesaw/valid.jsonl", "stance"),
        ("Park valid", "external/park2021/valid.jsonl", "stance"),
        ("CoNLL04 dev", "external/conll04/dev.jsonl", "affiliation"),
        ("Re-DocRED dev", "external/redocred/dev.jsonl", "affiliation"),
        ("CrossRE politics dev", "external/crossre/politics-dev.jsonl", "affiliation")]


def _scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_sentences", shared / "tools" / "score_sentences.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    scorer = _scorer(args.shared)
    nlp = load_pipeline()
    print("| set | gold relations | both sides proposed | ceiling |")
    print("|---|---|---|---|")
    for name, rel, task in SETS:
        records = scorer.load_gold(args.shared / "data" / rel, task, "local" if "seesaw" in rel else None, None)
        texts = [r["text"] for r in records]
        gold = covered = 0
        for record, doc in zip(records, nlp.pipe(texts, batch_size=64), strict=True):
            found = [{"text": c.text, "label": ""} for sent in doc.sents for c in sentence_candidates(sent)]
            triples = ([(s, o) for s, _, o in record["stance"]] if task == "stance"
                       else list(record["affil"]))
            for s, o in triples:
                gold += 1
                has = [any(scorer.matches(m, side, record["names"], "token") for m in found) for side in (s, o)]
                covered += all(has)
        print(f"| {name} | {gold} | {covered} | {covered / gold:.3f} |" if gold else f"| {name} | 0 | 0 | - |",
              flush=True)


if __name__ == "__main__":
    main()
