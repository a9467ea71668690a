"""What two processes can give on this machine: the map step alone and two copies of it at once (issue 18).

    python benchmarks/cores.py [--articles 240] [--repeat 3] [--partition 16]

No Dask and no client: each run is a fresh process that loads the pipeline, maps one partition of warm-up and
then maps ``--articles`` BBC articles in partitions of ``--partition`` (``map_partition``, as ``--jobs 1`` and a
worker run it). Two halves of the articles, A and B, are mapped

- **alone**: A, then B, one process at a time;
- **together**: A and B in two processes started at once.

The ceiling of any two-way split of the map is the halves' walls alone, added, over the slower half's wall
together; the CPU the halves spend together over what they spend alone says how much the two cores slow each
other down (shared cache and memory bandwidth, or a host that shares the cores). No scheduler can beat that
ceiling, so it bounds what ``--dask local:2`` can give over one process before the client's and the start's own
costs are counted. Halves alone and together run in turns, ``--repeat`` times, with the load average printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from map_cpu import bbc_documents, timed_partition, usage

from graph.pipeline.mapping import Settings, loaded, map_partition


def _one(first: int, count: int, partition: int) -> None:
    documents = bbc_documents(2 * count + partition)
    settings = Settings()
    loaded(settings)
    map_partition(documents[2 * count:], settings)  # warm-up: first calls, on articles neither half measures
    before, began = usage(), time.perf_counter()
    part = documents[first:first + count]
    for start in range(0, count, partition):
        timed_partition(part[start:start + partition], settings)
    after = usage()
    print(json.dumps({"wall": time.perf_counter() - began, "cpu": after[0] + after[1] - before[0] - before[1]}))


def _start(first: int, count: int, partition: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, __file__, "--one", str(first), "--articles", str(count),
                             "--partition", str(partition)], stdout=subprocess.PIPE, text=True)


def _result(process: subprocess.Popen[str]) -> dict[str, float]:
    out, _ = process.communicate()
    if process.returncode:
        sys.exit(f"cores.py: a measuring process failed (exit {process.returncode})")
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=240, help="articles in all, half to each process")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition", type=int, default=16)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single run from this article on
    args = parser.parse_args()
    half = args.articles // 2
    if args.one is not None:
        _one(args.one, half, args.partition)
        return
    print(f"{2 * half} BBC articles, halves of {half}, partitions of {args.partition}; load average before: "
          f"{os.getloadavg()}\n")
    print("| round | load | A alone s | B alone s | A together s | B together s | ceiling | CPU together / alone |\n"
          "|---|---|---|---|---|---|---|---|")
    ceilings = []
    for round_ in range(1, args.repeat + 1):
        alone = [_result(_start(first, 2 * half, args.partition)) for first in (0, half)]
        pair = [_start(first, 2 * half, args.partition) for first in (0, half)]
        together = [_result(p) for p in pair]
        ceiling = sum(a["wall"] for a in alone) / max(t["wall"] for t in together)
        inflation = sum(t["cpu"] for t in together) / sum(a["cpu"] for a in alone)
        ceilings.append(ceiling)
        print(f"| {round_} | {os.getloadavg()[0]:.1f} | {alone[0]['wall']:.1f} | {alone[1]['wall']:.1f} | "
              f"{together[0]['wall']:.1f} | {together[1]['wall']:.1f} | {ceiling:.2f} | {inflation:.2f} |",
              flush=True)
    print(f"\nceiling, median of rounds: {sorted(ceilings)[len(ceilings) // 2]:.2f}; load average after: "
          f"{os.getloadavg()}")


if __name__ == "__main__":
    main()
