"""The map step's CPU in this process (``--jobs 1``) and on the one worker of ``--dask local:1`` (issue 18).

    python benchmarks/map_cpu.py [--articles 96] [--repeat 2] [--where inline dask-defaults local]

The first ``--articles`` BBC articles go through ``map_partition`` in partitions of 16, after one partition of
warm-up (first-call loads), in one of three places, each run in a fresh process (a nanny writes its worker
environment into its parent's, so one place would leak into the next):

- ``inline``: in the process itself, as ``--jobs 1`` runs the map;
- ``thread``: in the process itself, but in a second thread, as a Dask worker runs a task (glibc gives each
  thread its own malloc arena);
- ``dask-defaults``: on a ``LocalCluster`` worker with Dask's settings (only the profiler off, as before map5);
- ``local``: on a worker started as ``graph.pipeline.cluster.open_runner`` starts it (``--dask local:1``).

For each run: the wall time, the CPU seconds of the process doing the map (user and system, from
``getrusage``), the part of it spent in the thread running the partitions (``time.thread_time``; the rest is
Dask's event loop and monitors), the minor page faults and the voluntary context switches. CPU seconds, not
wall time, are what compares between places; they still grow with the machine's load (caches are shared), so
the places run in turns, ``--repeat`` times, and the load average is printed with each run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.pipeline.mapping import Outcome, Settings, loaded, map_partition
from graph.readers.documents import Document

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "bbc" / "articles.jsonl"
PARTITION = 16
_DASK_DEFAULTS = {"distributed.worker.profile.enabled": False}


def usage() -> tuple[float, float, int, int]:
    """This process's user and system CPU seconds, minor page faults and voluntary context switches."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime, used.ru_stime, used.ru_minflt, used.ru_nvcsw


def timed_partition(documents: Sequence[Document], settings: Settings) -> tuple[list[Outcome], float]:
    """``map_partition``'s outcomes and the CPU seconds of the thread that ran it."""
    began = time.thread_time()
    out = map_partition(documents, settings)
    return out, time.thread_time() - began


def bbc_documents(count: int) -> list[Document]:
    with BBC.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(count), lines, strict=False)]
    return [Document(r["id"], r["text"], r.get("title")) for r in records]


def _partitions(documents: Sequence[Document]) -> list[Sequence[Document]]:
    return [documents[start:start + PARTITION] for start in range(0, len(documents), PARTITION)]


def _figures(wall: float, before: tuple[float, float, int, int], after: tuple[float, float, int, int],
             thread: float) -> dict[str, float]:
    user, system = after[0] - before[0], after[1] - before[1]
    return {"wall": wall, "user": user, "sys": system, "thread": thread, "others": user + system - thread,
            "faults": after[2] - before[2], "switches": after[3] - before[3]}


def run_in_thread(documents: list[Document]) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(run_inline, documents).result()


def run_inline(documents: list[Document]) -> dict[str, float]:
    settings = Settings()
    loaded(settings)
    map_partition(documents[:PARTITION], settings)
    before, began = usage(), time.perf_counter()
    thread = sum(timed_partition(part, settings)[1] for part in _partitions(documents[PARTITION:]))
    return _figures(time.perf_counter() - began, before, usage(), thread)


def run_on_worker(documents: list[Document], dask_defaults: bool) -> dict[str, float]:
    import graph.pipeline.cluster as cluster

    if dask_defaults:
        cluster._LOCAL_WORKERS = _DASK_DEFAULTS  # type: ignore[assignment]
    settings = Settings()
    with cluster.open_runner(settings, dask="local:1") as runner:
        client: Any = runner.client  # type: ignore[attr-defined]
        client.submit(map_partition, documents[:PARTITION], settings, pure=False).result()
        [before] = client.run(usage).values()
        began = time.perf_counter()
        futures = [client.submit(timed_partition, part, settings, pure=False)
                   for part in _partitions(documents[PARTITION:])]
        thread = sum(future.result()[1] for future in futures)
        wall = time.perf_counter() - began
        [after] = client.run(usage).values()
    return _figures(wall, tuple(before), tuple(after), thread)


def _one(where: str, count: int) -> None:
    documents = bbc_documents(count)
    if where in ("inline", "thread"):
        figures = run_inline(documents) if where == "inline" else run_in_thread(documents)
    else:
        figures = run_on_worker(documents, where == "dask-defaults")
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--where", nargs="+", default=["inline", "dask-defaults", "local"],
                        choices=["inline", "thread", "dask-defaults", "local"])
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a single run, in the subprocess main() starts
    args = parser.parse_args()
    if args.one:
        _one(args.one, args.articles)
        return
    print(f"{args.articles - PARTITION} BBC articles measured (after {PARTITION} of warm-up), partitions of "
          f"{PARTITION}; load average before: {os.getloadavg()}\n")
    print("| round | where | load | wall s | user s | sys s | partitions' thread s | other threads s | minor faults "
          "| voluntary switches |\n|---|---|---|---|---|---|---|---|---|---|")
    for round_ in range(1, args.repeat + 1):
        for where in args.where:
            done = subprocess.run([sys.executable, __file__, "--one", where, "--articles", str(args.articles)],
                                  capture_output=True, text=True, check=True)
            f = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {round_} | {where} | {os.getloadavg()[0]:.1f} | {f['wall']:.1f} | {f['user']:.2f} | "
                  f"{f['sys']:.2f} | {f['thread']:.2f} | {f['others']:.2f} | {f['faults']:.0f} | "
                  f"{f['switches']:.0f} |", flush=True)
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
