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
1, between 2 of 300 states or ``--people`` people, default 200, each naming its speaker; seeded), made and taken
one document at a time as a build streams them: cross-document resolution (``resolve_document`` in input order,
as ``graph.pipeline.stream`` does), then the chunk writer (``graph.store.chunks``: quads, commits every
``--chunk-size`` documents into a new Oxigraph store) and the shapes check of each chunk, timed separately, with
the microseconds per claim for each size (flat means linear). The engine alone: the same transactions (the
quads each commit inserted, one transaction a chunk) made again in a bare ``pyoxigraph.Store``, so that the
engine's growth with the store's size can be told from ours. Last, what ``build --append`` onto that store
reads before its first document (seconds and MiB), and then what each new document's lookups cost.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from statistics import median

import psutil
import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from extractors.records import Claim, Mention
from graph.build import document_iri, new_graph
from graph.pipeline.mapping import Mapped
from graph.pipeline.stream import Extracted
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver
from graph.store.chunks import CHUNK_DOCUMENTS, ChunkWriter
from graph.store.database import in_memory_graph, open_writer
from graph.store.destination import Destination
from graph.validate import drop_nonconforming
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


def synthetic_results(count: int, per_document: int = 1, seed: int = 18, people: int = 200) -> Iterator[Mapped]:
    """Map results as the workers return them, one at a time: each document ``per_document`` claims between
    states or ``people`` people, each said by one of the people. The first 200 people are ten first names times
    twenty surnames; more people take surnames with a suffix of letters ("Bergab")."""
    from extractors.kb.actors import load_kb

    rng = random.Random(seed)
    states = sorted({a.label for a in load_kb().actors.values() if a.type == "State"})[:300]
    pairs = len(_FIRST) * len(_LAST)
    names = [f"{_FIRST[n // len(_LAST) % len(_FIRST)]} {_LAST[n % len(_LAST)]}{_letters(n // pairs)}"
             for n in range(people)]
    for number in range(count):
        doc_id = f"synthetic-{number}"
        claims, mentions, text = [], [], ""
        for index in range(per_document):
            a, b = rng.sample(states if rng.random() < 0.8 else names, 2)
            speaker = rng.choice(names)
            sentence = f"{a} backs {b}, {speaker} said. "
            start = len(text)
            subject = Mention(a, start, start + len(a), "GPE")
            obj = Mention(b, start + len(a) + 7, start + len(a) + 7 + len(b), "GPE")
            said = Mention(speaker, start + len(a) + len(b) + 9, start + len(a) + len(b) + 9 + len(speaker), "PERSON")
            text += sentence
            mentions += [subject, obj, said]
            claims.append(Claim(doc_id, index, sentence.strip(), start, rng.choice(["supports", "opposes"]), subject,
                                obj, "back", "stance.v1", round(rng.random(), 3), attributed_to=said))
        yield Mapped(Document(doc_id, text), claims, mentions, [])


_FIRST = ("Anna", "Omar", "Li", "Maria", "Ivan", "Sara", "Jean", "Ali", "Eva", "Tom")
_LAST = ("Berg", "Haddad", "Chen", "Rossi", "Petrov", "Klein", "Dubois", "Khan", "Novak", "Smith", "Okafor", "Silva",
         "Tanaka", "Moreau", "Weber", "Costa", "Nagy", "Ionescu", "Larsen", "Quinn")


def _letters(number: int) -> str:
    """"" for 0, then "a" ... "z", "ba" ...: a suffix that keeps made-up surnames apart."""
    out = ""
    while number:
        number, rest = divmod(number, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[rest] + out
    return out


class _TimedCheck:
    """The build's shapes check of each chunk (``drop_nonconforming``, as ``build`` runs it), timed."""

    def __init__(self, path: Path) -> None:
        self.path, self.seconds = path, 0.0

    def __call__(self, graph: Graph) -> bool:
        began = time.perf_counter()
        dropped = drop_nonconforming(graph, self.path)
        self.seconds += time.perf_counter() - began
        return bool(dropped)


class _Recorded:
    """A store that writes each transaction the chunk writer makes into a file of its own under ``chunks``
    (``.nq``: the quads of an ``extend``; ``.ru``: the text of an ``update``) before making it, for the engine
    alone to make again; ``seconds`` is the time the files took."""

    def __init__(self, store: ox.Store, chunks: Path) -> None:
        self.store, self.chunks, self.seconds, self.made = store, chunks, 0.0, 0
        chunks.mkdir()

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        began, quads = time.perf_counter(), list(quads)
        ox.serialize(quads, self.chunks / f"{self.made:06d}.nq", ox.RdfFormat.N_QUADS)
        self._made(began)
        self.store.extend(quads)

    def update(self, text: str) -> None:
        began = time.perf_counter()
        (self.chunks / f"{self.made:06d}.ru").write_text(text, encoding="utf-8")
        self._made(began)
        self.store.update(text)

    def _made(self, began: float) -> None:
        self.made += 1
        self.seconds += time.perf_counter() - began

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)

    def __len__(self) -> int:
        return len(self.store)


def reduce_alone(results: Iterable[Mapped], path: Path, chunks: Path,
                 size: int) -> tuple[float, float, float, int, int]:
    """Resolve ``results`` in input order and write them into a new store at ``path`` in chunks of ``size``
    documents, one document at a time as ``build`` does: seconds resolving, seconds adding and committing (the
    shapes check left out), seconds checking, the store's triples and the resolver's actors."""
    resolver = Resolver()
    check = _TimedCheck(path)
    store = _Recorded(open_writer(path), chunks)
    writer = ChunkWriter(store, resolver, check, size=size, where=path)  # type: ignore[arg-type]
    resolving = writing = 0.0
    for result in results:
        began = time.perf_counter()
        claims = resolve_document(result.claims, result.mentions, resolver, result.definitions)
        item = Extracted(result.document, claims)
        resolved = time.perf_counter()
        writer.add(item)
        writing += time.perf_counter() - resolved
        resolving += resolved - began
    began = time.perf_counter()
    writer.finish()
    writing += time.perf_counter() - began - check.seconds - store.seconds
    return resolving, writing, check.seconds, len(store), len(resolver.actors)


def engine_alone(chunks: Path, path: Path) -> float:
    """Seconds a bare Oxigraph store at ``path`` takes to make the transactions recorded in ``chunks`` again, in
    order (``Store.extend`` the quads of a ``.nq`` file, ``Store.update`` the text of a ``.ru`` one), and to
    flush at the end: the engine's share of a reduce's commits, with none of our code around it. Reading the
    files is left out."""
    store = ox.Store(str(path))
    seconds = 0.0
    for made in sorted(chunks.iterdir()):
        quads = list(ox.parse(path=made, format=ox.RdfFormat.N_QUADS)) if made.suffix == ".nq" else []
        text = made.read_text(encoding="utf-8") if made.suffix == ".ru" else ""
        began = time.perf_counter()
        if text:
            store.update(text)
        else:
            store.extend(quads)
        seconds += time.perf_counter() - began
    began = time.perf_counter()
    store.flush()
    return seconds + time.perf_counter() - began


def append_start(path: Path, lookups: int = 1000) -> tuple[float, float, float]:
    """Seconds and MiB (growth of this process's resident memory) for what ``build --append`` reads of the store
    at ``path`` before its first document: every actor's description (``Destination.known``) and the documents'
    lookup (``Destination.documents``, which reads nothing yet). Once a run, whatever the number of new documents.
    Then the microseconds each new document's lookups take (``holds`` and ``under``), over ``lookups`` documents,
    half of them in the store (the first ones ``synthetic_results`` made) and half not."""
    process = psutil.Process()
    before, began = process.memory_info().rss, time.perf_counter()
    target = Destination(path)
    known = target.known(new_graph())
    stored = target.documents(new_graph())
    seconds = time.perf_counter() - began
    grown = (process.memory_info().rss - before) / 2**20
    half = lookups // 2
    documents = [mapped.document for mapped in synthetic_results(half)]
    documents += [Document(f"new-{number}", f"A new text {number}.") for number in range(half)]
    began = time.perf_counter()
    found = sum(stored.holds(document_iri(document)) + len(stored.under(document.id)) for document in documents)
    each = 1e6 * (time.perf_counter() - began) / len(documents)
    if found != 2 * half:
        raise SystemExit(f"{path}: the lookups found {found} documents, not the {2 * half} stored ones")
    del target, known, stored
    return seconds, grown, each


def bench_reduce(sizes: list[int], per_document: int, chunk: int = CHUNK_DOCUMENTS, people: int = 200) -> None:
    print(f"load average before: {os.getloadavg()}")
    print("| documents | claims | actors | resolve s | triples and commits s | validation s | triples | us/claim "
          "resolve | us/claim triples and commits | us/claim validation | us/claim total | us/claim engine alone | "
          "us/claim ours (total - engine alone) | append start s | append start MiB | append us/document |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            resolved, written, checked, triples, actors = reduce_alone(
                synthetic_results(size, per_document, people=people), Path(tmp) / "store", Path(tmp) / "chunks", chunk)
            engine = engine_alone(Path(tmp) / "chunks", Path(tmp) / "bare")
            started, grown, each = append_start(Path(tmp) / "store")
        claims = size * per_document
        total = resolved + written + checked
        per = [1e6 * t / claims for t in (resolved, written, checked, total, engine, total - engine)]
        print(f"| {size} | {claims} | {actors} | {resolved:.1f} | {written:.1f} | {checked:.1f} | {triples} | "
              + " | ".join(f"{p:.0f}" for p in per) + f" | {started:.1f} | {grown:.0f} | {each:.0f} |", flush=True)
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
    p.add_argument("--people", type=int, default=200, help="how many people the claims name (the actors grow with "
                                                          "the documents when this does)")
    args = parser.parse_args()
    if args.what == "build":
        bench_build(args.articles, args.workers, args.output, args.repeat)
    else:
        bench_reduce(args.docs, args.claims_per_doc, args.chunk_size, args.people)


if __name__ == "__main__":
    main()
