"""The build on 1 and 2 workers, and the reduce step alone (issue 18).

    python benchmarks/scale.py build [--articles 500] [--workers 1 2] [--repeat 3]
    python benchmarks/scale.py reduce [--docs 10000 30000 100000]

``build``: the first ``--articles`` BBC articles (``shared/data/external/bbc/articles.jsonl``) built with the
real CLI in a subprocess, once in one process (``--jobs 1``, no cluster) and once per ``--dask local:N``; wall
time, documents a second, the speed-up over ``local:1``, and the peak resident memory of the client process and
of the largest worker process (sampled every 0.2 s with psutil); the graphs must be isomorphic. The machine's
load average is printed before and after, because other work on the cores disturbs the speed-up. With
``--repeat N`` the configurations run in turns N times (jobs:1, local:1, local:2, jobs:1, ...): each run is
printed, then each configuration's median and the median of each round's speed-ups.

``reduce``: the client's share alone on synthetic map results (``--claims-per-doc`` claims a document, default
1, between 2 of 300 states or 200 people, each naming its speaker; seeded): cross-document resolution
(``resolve_document`` in input order, as ``graph.pipeline.stream`` does), the RDF graph (``build_graph``) and the
write into a new Oxigraph store, timed separately, with the microseconds per claim for each size (flat means
linear).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import psutil
import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from extractors.records import Claim, Mention
from graph.pipeline.mapping import Mapped
from graph.pipeline.stream import Extracted
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver
from graph.store.chunks import CHUNK_DOCUMENTS
from graph.store.database import in_memory_graph
from graph.store.destination import Destination
from graph.validate import require_conformance
from ontology import SG

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "bbc" / "articles.jsonl"
_SAMPLE_S = 0.2


def measured_build(articles: Path, output: Path, *where: str) -> tuple[float, float, float, float, float]:
    """Wall seconds, the client's peak RSS and the largest worker's peak RSS (MiB), and the CPU seconds of the
    client and of all workers together, of one CLI build."""
    start = time.perf_counter()
    log = output.with_suffix(".log")
    with log.open("w", encoding="utf-8") as errors:  # a file, not a pipe: a full pipe would stall the build
        run = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(articles), "-o", str(output), *where],
                               stdout=subprocess.DEVNULL, stderr=errors, text=True)
    client = psutil.Process(run.pid)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    while run.poll() is None:
        try:
            for proc in [client, *client.children(recursive=True)]:
                peaks[proc.pid] = max(peaks.get(proc.pid, 0.0), proc.memory_info().rss / 2**20)
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(_SAMPLE_S)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"build {' '.join(where)} failed: {log.read_text(encoding='utf-8')[-500:]}")
    workers = [mib for pid, mib in peaks.items() if pid != run.pid]
    worker_cpu = sum(seconds for pid, seconds in cpu.items() if pid != run.pid)
    return wall, peaks.get(run.pid, 0.0), max(workers, default=0.0), cpu.get(run.pid, 0.0), worker_cpu


def bench_build(count: int, workers: list[int], output: str = "store", repeat: int = 1) -> None:
    """Build the first ``count`` BBC articles with ``--jobs 1`` and each ``--dask local:N``, ``repeat`` times
    in turns (jobs:1, local:1, local:2, jobs:1, ...), and print each run, the median of each configuration and
    each round's speed-ups, so that a ratio is not one run's luck."""
    print(f"load average before: {os.getloadavg()}")
    runs = [("--jobs 1 (no cluster)", ["--jobs", "1"])] + [(f"--dask local:{n}", ["--dask", f"local:{n}"])
                                                          for n in workers]
    rows: list[tuple[int, str, float, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with BBC.open(encoding="utf-8") as source:
            articles.write_text("".join(line for _, line in zip(range(count), source, strict=False)),
                                encoding="utf-8")
        graphs: list[Graph] = []
        for round_ in range(1, repeat + 1):
            for name, where in runs:
                out = Path(tmp) / (f"{len(graphs)}" if output == "store" else f"{len(graphs)}.{output}")
                rows.append((round_, name, *measured_build(articles, out, *where)))
                graphs.append(in_memory_graph(ox.Store.read_only(str(out))) if output == "store"
                              else Graph().parse(out))
                print(f"round {round_}, {name}: {rows[-1][2]:.1f} s (load {os.getloadavg()[0]:.2f})", flush=True)
        print(f"load average after: {os.getloadavg()}")
    print(f"\n{count} BBC articles, {os.cpu_count()} cores, {repeat} round(s)\n")
    _print_runs(count, rows)
    _print_medians(count, rows, [name for name, _ in runs])
    _print_graphs([name for _, name, *_ in rows], graphs)


def _print_runs(count: int, rows: list[tuple[int, str, float, float, float, float, float]]) -> None:
    local_1 = {round_: wall for round_, name, wall, *_ in rows if name == "--dask local:1"}
    print("| round | run | wall s | docs/s | speed-up vs local:1 of the round | client peak MiB | worker peak MiB | "
          "client CPU s | workers' CPU s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for round_, name, wall, client, worker, client_cpu, worker_cpu in rows:
        speed = f"{local_1[round_] / wall:.2f}" if round_ in local_1 else ""
        print(f"| {round_} | {name} | {wall:.1f} | {count / wall:.1f} | {speed} | {client:.0f} | {worker:.0f} | "
              f"{client_cpu:.1f} | {worker_cpu:.1f} |")


def _print_medians(count: int, rows: list[tuple[int, str, float, float, float, float, float]],
                   names: list[str]) -> None:
    """The median of each configuration's runs, and the median over rounds of each round's speed-ups."""
    walls = {name: {round_: wall for round_, n, wall, *_ in rows if n == name} for name in names}
    print("\n| run (median of the rounds) | wall s | docs/s | client CPU s | workers' CPU s | all CPU s | "
          "speed-up vs local:1 | speed-up vs --jobs 1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        mine = [row for row in rows if row[1] == name]
        wall = median(row[2] for row in mine)
        client_cpu, worker_cpu = median(row[5] for row in mine), median(row[6] for row in mine)
        total = median(row[5] + row[6] for row in mine)
        ratios = [_ratio(walls, reference, name) for reference in ("--dask local:1", "--jobs 1 (no cluster)")]
        print(f"| {name} | {wall:.1f} | {count / wall:.1f} | {client_cpu:.1f} | {worker_cpu:.1f} | {total:.1f} | "
              + " | ".join(ratios) + " |")


def _ratio(walls: dict[str, dict[int, float]], reference: str, name: str) -> str:
    """The median over rounds of ``reference``'s wall time over ``name``'s in the same round."""
    if reference not in walls:
        return ""
    return f"{median(walls[reference][r] / walls[name][r] for r in walls[name]):.2f}"


def _print_graphs(names: list[str], graphs: list[Graph]) -> None:
    for name, graph in zip(names[1:], graphs[1:], strict=True):
        if not isomorphic(graphs[0], graph):
            print(f"{name}: {len(set(graph) - set(graphs[0]))} triples not in the first run's graph, "
                  f"{len(set(graphs[0]) - set(graph))} missing from it")
    same = all(isomorphic(graphs[0], g) for g in graphs[1:])
    claims = sum(1 for kind in (SG.StanceClaim, SG.AffiliationClaim) for _ in graphs[0].subjects(RDF.type, kind))
    print(f"\ngraphs isomorphic across runs: {same} ({len(graphs[0])} triples, {claims} claims)")


def synthetic_results(count: int, per_document: int = 1, seed: int = 18) -> list[Mapped]:
    """Map results as the workers return them: each document ``per_document`` claims between states or people,
    each said by a named person."""
    from extractors.kb.actors import load_kb

    rng = random.Random(seed)
    states = sorted({a.label for a in load_kb().actors.values() if a.type == "State"})[:300]
    people = [f"{first} {last}" for first in ("Anna", "Omar", "Li", "Maria", "Ivan", "Sara", "Jean", "Ali", "Eva",
                                               "Tom") for last in ("Berg", "Haddad", "Chen", "Rossi", "Petrov",
                                                                   "Klein", "Dubois", "Khan", "Novak", "Smith",
                                                                   "Okafor", "Silva", "Tanaka", "Moreau", "Weber",
                                                                   "Costa", "Nagy", "Ionescu", "Larsen", "Quinn")]
    out = []
    for number in range(count):
        doc_id = f"synthetic-{number}"
        claims, mentions, text = [], [], ""
        for index in range(per_document):
            a, b = rng.sample(states if rng.random() < 0.8 else people, 2)
            speaker = rng.choice(people)
            sentence = f"{a} backs {b}, {speaker} said. "
            start = len(text)
            subject = Mention(a, start, start + len(a), "GPE")
            obj = Mention(b, start + len(a) + 7, start + len(a) + 7 + len(b), "GPE")
            said = Mention(speaker, start + len(a) + len(b) + 9, start + len(a) + len(b) + 9 + len(speaker), "PERSON")
            text += sentence
            mentions += [subject, obj, said]
            claims.append(Claim(doc_id, index, sentence.strip(), start, rng.choice(["supports", "opposes"]), subject,
                                obj, "back", "stance.v1", round(rng.random(), 3), attributed_to=said))
        out.append(Mapped(Document(doc_id, text), claims, mentions, []))
    return out


class _TimedCheck:
    """The build's shape check of each chunk, timed."""

    def __init__(self, path: Path) -> None:
        self.path, self.seconds = path, 0.0

    def __call__(self, graph: Graph) -> None:
        began = time.perf_counter()
        require_conformance(graph, self.path)
        self.seconds += time.perf_counter() - began


def bench_reduce(sizes: list[int], per_document: int, chunk: int = CHUNK_DOCUMENTS) -> None:
    print(f"load average before: {os.getloadavg()}")
    print("| documents | claims | resolve s | triples and commits s | validation s | triples | us/claim resolve | "
          "us/claim triples and commits | us/claim validation | us/claim total |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        results = synthetic_results(size, per_document)
        claims = sum(len(r.claims) for r in results)
        resolver = Resolver()
        start = time.perf_counter()
        extracted = [Extracted(r.document, resolve_document(r.claims, r.mentions, resolver, r.definitions))
                     for r in results]
        resolved = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "store"
            check = _TimedCheck(path)
            start = time.perf_counter()
            target = Destination(path)
            writer = target.chunks(resolver, check, size=chunk)
            assert writer is not None
            for item in extracted:
                writer.add(item)
            writer.finish()
            written = time.perf_counter() - start - check.seconds
            triples = len(writer.store)
            del target, writer
        per = [1e6 * t / claims for t in (resolved, written, check.seconds, resolved + written + check.seconds)]
        print(f"| {size} | {claims} | {resolved:.1f} | {written:.1f} | {check.seconds:.1f} | {triples} | "
              + " | ".join(f"{p:.0f}" for p in per) + " |", flush=True)
    print(f"load average after: {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("build")
    p.add_argument("--articles", type=int, default=500)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--output", default="store", help="store (a store directory, the default) or an RDF extension "
                                                     "(nt, ttl): what the builds write")
    p.add_argument("--repeat", type=int, default=1, help="rounds of all the configurations, run in turns")
    p = sub.add_parser("reduce")
    p.add_argument("--docs", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    p.add_argument("--claims-per-doc", type=int, default=1)
    p.add_argument("--chunk-size", type=int, default=CHUNK_DOCUMENTS)
    args = parser.parse_args()
    if args.what == "build":
        bench_build(args.articles, args.workers, args.output, args.repeat)
    else:
        bench_reduce(args.docs, args.claims_per_doc, args.chunk_size)


if __name__ == "__main__":
    main()
