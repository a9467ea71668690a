"""Time every named query on a synthetic graph: Oxigraph in process (what ``stancegraph query`` runs) against the
Oxigraph endpoint of ``stancegraph serve`` over HTTP.

    python benchmarks/queries.py --actors 500 --claims 5000 [--repeat 3]

The graph is made with the real graph builders from random stances between ``--actors`` states (seeded, so runs
are comparable); one document per 10 claims with dates over two years; 10% of claims negated, 10% hedged.
Prints a Markdown table of the best time of ``--repeat`` runs per query and engine.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import Graph

from extractors.records import Claim, Mention
from graph.build import add_actor, add_claim, add_document, new_graph
from graph.query.named import named_queries, sparql_string
from graph.query.sparql import execute
from graph.readers.documents import Document
from graph.resolve.resolver import Actor
from graph.store.database import store_of
from graph.store.files import save_graph
from ontology import PREFIXES


def synthetic_graph(actors: int, claims: int, seed: int = 0) -> Graph:
    rng = random.Random(seed)
    names = [f"State {i}" for i in range(actors)]
    graph = new_graph()
    for start in range(0, claims, 10):
        day = rng.randrange(730)
        text = f"Article {start}. " + " ".join(f"Sentence {i}." for i in range(10))
        doc = add_document(graph, Document(id=f"a{start}.txt", text=text, title=f"Article {start}",
                                           date=f"{2023 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"))
        for i in range(start, min(start + 10, claims)):
            a, b = rng.sample(range(actors), 2)
            mentions = [Mention(text=names[x], start=0, end=len(names[x]), label=names[x],
                                id=Actor(f"s{x}", names[x], "State").iri, type="State") for x in (a, b)]
            roll = rng.random()
            add_claim(graph, Claim(doc_id=f"a{start}.txt", sentence_index=i, sentence=f"Sentence {i}.",
                                   sentence_start=0, relation=rng.choice(["supports", "opposes"]),
                                   subject=mentions[0], object=mentions[1], cue="back", extractor="bench.v1",
                                   confidence=0.8, negated=roll < 0.1, hedged=0.1 <= roll < 0.2), doc)
    for x, name in enumerate(names):
        add_actor(graph, Actor(f"s{x}", name, "State", None, {name, f"Capital {x}"}))
    return graph


def best_of(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def start_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(path), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).read()
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the endpoint did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    graph = synthetic_graph(args.actors, args.claims)
    store = store_of(graph)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    values = {"actor": "State 1", "other": "Capital 2", "organisation": "State 3"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        save_graph(graph, path)
        server, url = start_server(path)
        try:
            print(f"{args.actors} actors, {args.claims} claims, {len(graph)} triples; best of {args.repeat}\n")
            print("| query | rows | in process (Oxigraph) s | Oxigraph endpoint s |\n|---|---|---|---|")
            for query in named_queries():
                bound = query.bind({p.name: values[p.name] for p in query.parameters if p.name in values})
                rows = len(list(execute(store, bound)))
                local = best_of(args.repeat, lambda b=bound: list(execute(store, b)))
                text = query.text  # the endpoint takes text: this benchmark writes the values in
                for p in query.parameters:
                    value = values.get(p.name, p.default or "")
                    text = text.replace(f"${p.name}", value if p.kind == "integer" else sparql_string(value))
                request = url + "?" + urllib.parse.urlencode({"query": prologue + text})
                remote = best_of(args.repeat, lambda r=request: urllib.request.urlopen(urllib.request.Request(
                    r, headers={"Accept": "text/csv"}), timeout=600).read())
                print(f"| `{query.name}` | {rows} | {local:.3f} | {remote:.3f} |")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
