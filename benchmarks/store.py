"""Our CLI on a store side by side with the bare ``oxigraph`` CLI on the same data, in one run.

    python benchmarks/store.py --claims 600 5000 [--articles DIR] [--validate]

For each size, a synthetic graph made with the real graph builders (``benchmarks/queries.py``'s generator: 300
states, random dated stance claims) is written as N-Triples, then timed (wall clock, one run each, start-up
included): loading it (``oxigraph load`` against ``stancegraph import``), every named query (``oxigraph query``
with the values written into the text against ``stancegraph query --name`` with ``--param``), exporting N-Quads
(``oxigraph dump`` against ``stancegraph export``), opening the store (``stancegraph query`` of an ASK), and,
with ``--articles``, appending those articles to the store against building them into an empty one; with
``--validate``, ``stancegraph validate`` on the store. Prints a Markdown table per size with the ratio of ours to
the bare CLI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from queries import synthetic_graph  # noqa: E402  (benchmarks/queries.py, the same synthetic graph)

from graph.query.sparql import named_queries, sparql_string  # noqa: E402
from graph.store.files import save_graph  # noqa: E402
from ontology import PREFIXES  # noqa: E402

OXIGRAPH = str(Path(sysconfig.get_path("scripts")) / "oxigraph")
VALUES = {"actor": "State 1", "other": "State 2", "organisation": "State 3", "limit": "10"}


def timed(*command: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - start


def ours(*args: str) -> float:
    return timed(sys.executable, "-m", "graph.cli", *args)


def row(name: str, mine: float, bare: float | None) -> str:
    ratio = f"{mine / bare:.2f}" if bare else ""
    return f"| {name} | {mine:.2f} | {'' if bare is None else f'{bare:.2f}'} | {ratio} |"


def measure(claims: int, articles: Path | None, validate: bool, tmp: Path) -> None:
    graph = synthetic_graph(300, claims)
    data = tmp / f"g{claims}.nt"
    save_graph(graph, data)
    store, bare = tmp / f"store{claims}", tmp / f"bare{claims}"
    print(f"\n### {len(graph):,} triples ({claims} claims)\n")
    print("| step | stancegraph s | bare oxigraph s | ratio |\n|---|---|---|---|")
    print(row("load", ours("import", str(data), "-o", str(store)),
              timed(OXIGRAPH, "load", "--location", str(bare), "--file", str(data))))
    print(row("open (ASK {})", ours("query", str(store), "ASK {}"), None))
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    for query in named_queries():
        text = query.text
        for p in query.parameters:
            text = text.replace(f"${p.name}", VALUES[p.name] if p.kind == "integer" else sparql_string(VALUES[p.name]))
        params = [f"--param={p.name}={VALUES[p.name]}" for p in query.parameters]
        print(row(f"query {query.name}", ours("query", str(store), "--name", query.name, *params),
                  timed(OXIGRAPH, "query", "--location", str(bare), "--query", prologue + text,
                        "--results-format", "csv", "--results-file", str(tmp / "out.csv"))))
    print(row("export .nq", ours("export", str(store), "-o", str(tmp / "ours.nq")),
              timed(OXIGRAPH, "dump", "--location", str(bare), "--file", str(tmp / "bare.nq"))))
    if articles is not None:
        empty = ours("build", str(articles), "-o", str(tmp / f"empty{claims}"))
        print(row("append articles (bare = build them into an empty store)",
                  ours("build", str(articles), "-o", str(store), "--append"), empty))
    if validate:
        print(row("validate", ours("validate", str(store)), None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[600, 5000])
    parser.add_argument("--articles", type=Path, help="a folder of articles to append")
    parser.add_argument("--validate", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for claims in args.claims:
            measure(claims, args.articles, args.validate, Path(tmp))


if __name__ == "__main__":
    main()
