"""When each document's result reaches the client, for one process and local Dask clusters (issue 18).

    python benchmarks/timeline.py [--articles 500] [--where jobs:1 local:1 local:2] [--repeat 3]

Runs the map and the cross-document resolution (``graph.pipeline.stream.extract_documents``, as ``build`` does,
without the store) over the first ``--articles`` BBC articles, each configuration in a fresh process, in turns, and
prints for each run the seconds from the process's start to the first document, to the 10%, 50% and 90% points and
to the last; then, from the medians, the fixed start (to the first document) and the steady rate (documents a
second between the 10% and 90% points), and each cluster's whole-run and steady speed-up over ``jobs:1``. The
steady rate is what more workers buy; the start (a process, the pipeline's load, the first partition) is paid once
whatever the workers, so on a short corpus it caps the whole-run speed-up.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

from map_cpu import bbc_documents

ROOT = Path(__file__).resolve().parents[1]
POINTS = ("first", "10%", "50%", "90%", "last")


def child(where: str, count: int) -> None:
    started = time.monotonic()
    from graph.pipeline.stream import extract_documents
    from graph.resolve.resolver import Resolver

    docs = bbc_documents(count)
    kind, n = where.split(":")
    options = {"jobs": int(n)} if kind == "jobs" else {"dask": where}
    times = [time.monotonic() - started
             for _ in extract_documents(docs, Resolver(), total=len(docs), progress=False, **options)]
    k = len(times)
    print(json.dumps(dict(zip(POINTS, (times[0], times[k // 10], times[k // 2], times[9 * k // 10], times[-1]),
                              strict=True))))


def run(where: str, count: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", where, "--articles", str(count)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def steady(points: dict[str, float], count: int) -> float:
    """Documents a second between the 10% and the 90% points."""
    return (9 * count // 10 - count // 10) / (points["90%"] - points["10%"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--where", nargs="+", default=["jobs:1", "local:1", "local:2"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.articles)
        return
    runs: dict[str, list[dict[str, float]]] = {w: [] for w in args.where}
    print("| round | where | " + " | ".join(f"{p} s" for p in POINTS) + " | steady docs/s |")
    print("|---|---|" + "---|" * (len(POINTS) + 1))
    for k in range(args.repeat):
        for where in args.where:
            points = run(where, args.articles)
            runs[where].append(points)
            print(f"| {k + 1} | {where} | " + " | ".join(f"{points[p]:.1f}" for p in POINTS)
                  + f" | {steady(points, args.articles):.2f} |", flush=True)
    base = args.where[0]
    print(f"\nmedians; speed-ups over {base} are medians of each round's ratio")
    for where in args.where:
        last = median(r["last"] for r in runs[where])
        first = median(r["first"] for r in runs[where])
        rate = median(steady(r, args.articles) for r in runs[where])
        line = f"- {where}: start {first:.1f} s, last document {last:.1f} s, steady {rate:.2f} docs/s"
        if where != base:
            whole = median(b["last"] / r["last"] for b, r in zip(runs[base], runs[where], strict=True))
            fast = median(steady(r, args.articles) / steady(b, args.articles)
                          for b, r in zip(runs[base], runs[where], strict=True))
            line += f"; over {base}: whole run {whole:.2f}x, steady {fast:.2f}x"
        print(line)


if __name__ == "__main__":
    main()
