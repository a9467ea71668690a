"""Where the time of a build goes, phase by phase, on the client and on each worker (issue 18).

    python benchmarks/scale_phases.py [--articles 500] [--where jobs:1 local:1 local:2]

Each build runs in this process (``graph.cli.commands.build`` into a new store, the first ``--articles`` BBC
articles), with the client's phases timed around the functions that do them: the cluster's start and stop,
reading the documents, waiting for the workers' results, cross-document resolution,
the quads and commits of the store, and the shapes check of each chunk. Each worker logs, through a worker
plugin, when it started, when its pipeline had loaded, and when each partition began and ended; the table gives
the worker's start-up (process start to pipeline loaded, counted from the cluster's start), its busy time on
partitions, and its idle time between the first partition and the last. Seconds of wall clock; the phases of the
client overlap with the workers' (that is the point of the map and reduce), so they do not add up to the total.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import graph.cli.commands as commands
import graph.pipeline.preload as preload
import graph.pipeline.stream as stream
from graph.pipeline.cluster import DaskRunner, InlineRunner
from graph.pipeline.mapping import Settings, loaded
from graph.store.chunks import ChunkWriter

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "bbc" / "articles.jsonl"


class _TimedLoader(preload.PipelineLoader):
    """The pipeline's preload, with a log line per event in $STANCEGRAPH_PHASES_LOG/PID.jsonl."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.log_dir = os.environ["STANCEGRAPH_PHASES_LOG"]  # read here, on the client: the instance travels

    def setup(self, worker: Any) -> None:
        self._log("setup")
        super().setup(worker)
        import threading

        threading.Thread(target=self._after_load, daemon=True).start()

    def _after_load(self) -> None:
        loaded(self.settings)  # returns when the preload thread has loaded the pipeline
        self._log("loaded")

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing":
            self._log("begin")
        elif start == "executing":
            self._log("end")

    def _log(self, event: str) -> None:
        with open(os.path.join(self.log_dir, f"{os.getpid()}.jsonl"), "a", encoding="utf-8") as out:
            out.write(json.dumps([event, time.time()]) + "\n")


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.marks: dict[str, float] = {}

    def wrap(self, owner: Any, name: str, phase: str) -> None:
        """Time every call of ``owner.name`` under ``phase``."""
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - began

        setattr(owner, name, timed)

    def wrap_iterator(self, owner: Any, name: str, phase: str) -> None:
        """Time the steps of the iterators ``owner.name`` returns under ``phase``."""
        inner: Callable[..., Iterator[Any]] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(inner(*args, **kwargs))
            while True:
                began = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.seconds[phase] += time.perf_counter() - began
                    return
                self.seconds[phase] += time.perf_counter() - began
                yield item

        setattr(owner, name, timed)


def timed_build(articles: Path, out: Path, where: str, log_dir: Path) -> tuple[dict[str, float], list[list[Any]]]:
    clock = _Clock()
    start = time.time()
    runner_opened = stream.open_runner

    @contextmanager
    def open_timed(settings: Settings, jobs: int = 1, dask: str | None = None) -> Iterator[Any]:
        began = time.perf_counter()
        with runner_opened(settings, jobs, dask) as runner:
            clock.seconds["client: cluster start"] = time.perf_counter() - began
            yield runner
            began = time.perf_counter()
        clock.seconds["client: cluster stop"] = time.perf_counter() - began

    patched = [(stream, "open_runner"), (stream, "_resolved"), (commands, "read_documents"), (commands, "_check"),
               (ChunkWriter, "add"), (ChunkWriter, "finish"), (DaskRunner, "collect"), (InlineRunner, "submit"),
               (preload, "PipelineLoader")]
    saved = [getattr(owner, name) for owner, name in patched]
    os.environ["STANCEGRAPH_PHASES_LOG"] = str(log_dir)
    try:
        stream.open_runner = open_timed
        preload.PipelineLoader = _TimedLoader
        clock.wrap(stream, "_resolved", "client: cross-document resolution")
        clock.wrap_iterator(commands, "read_documents", "client: reading")
        clock.wrap(commands, "_check", "client: shapes check of the chunks")
        clock.wrap(ChunkWriter, "add", "client: quads and commits (with the check)")
        clock.wrap(ChunkWriter, "finish", "client: quads and commits (with the check)")
        clock.wrap(DaskRunner, "collect", "client: waiting for the workers")
        clock.wrap(InlineRunner, "submit", "client: map step in process (--jobs 1)")
        kind = where.partition(":")[0]
        began = time.perf_counter()
        report = commands.build([str(articles)], out, **({"jobs": 1} if kind == "jobs" else {"dask": where}))
        clock.seconds["total"] = time.perf_counter() - began
    finally:
        for (owner, name), value in zip(patched, saved, strict=True):
            setattr(owner, name, value)
    clock.seconds["(documents, claims)"] = float(report.documents * 100000 + report.claims)
    workers = []
    for log in sorted(log_dir.glob("*.jsonl")):
        events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        times = defaultdict(list)
        for event, at in events:
            times[event].append(at)
        busy = sum(end - begin for begin, end in zip(times["begin"], times["end"], strict=False))
        span = (max(times["end"]) - min(times["begin"])) if times["begin"] and times["end"] else 0.0
        workers.append([log.stem, min(times["setup"]) - start, (min(times["loaded"]) - start) if times["loaded"]
                        else float("nan"), len(times["begin"]), busy, span - busy])
    return clock.seconds, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--where", nargs="+", default=["jobs:1", "local:1", "local:2"])
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with BBC.open(encoding="utf-8") as source:
            articles.write_text("".join(line for _, line in zip(range(args.articles), source, strict=False)),
                                encoding="utf-8")
        for number, where in enumerate(args.where):
            logs = Path(tmp) / f"logs{number}"
            logs.mkdir()
            seconds, workers = timed_build(articles, Path(tmp) / f"store{number}", where, logs)
            documents, claims = divmod(int(seconds.pop("(documents, claims)")), 100000)
            print(f"\n{where}: {args.articles} articles, {documents} documents built, {claims} claims; "
                  f"load average {os.getloadavg()[0]:.1f}\n\n| client phase | s |\n|---|---|")
            for phase, value in seconds.items():
                print(f"| {phase} | {value:.1f} |")
            if workers:
                print("\n| worker (pid) | started s | pipeline loaded s | partitions | busy s | idle between "
                      "first and last partition s |\n|---|---|---|---|---|---|")
                for pid, started, ready, tasks, busy, idle in workers:
                    print(f"| {pid} | {started:.1f} | {ready:.1f} | {tasks} | {busy:.1f} | {idle:.1f} |")
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
