"""Our CLI on a store side by side with the bare ``oxigraph`` CLI on the same data, in one run.

    python benchmarks/store.py --claims 600 5000 51630 [--data FILE.nt ...] [--articles DIR]

For each size, a synthetic graph made with the real graph builders (``benchmarks/queries.py``'s generator: 300
states, random dated stance claims) is written as N-Triples, then timed (wall clock, one run each, start-up
included): loading it (``oxigraph load`` against ``stancegraph import``), every named query (``oxigraph query``
with the values written into the text against ``stancegraph query --name`` with ``--param``), exporting N-Quads
(``oxigraph dump`` against ``stancegraph export``), opening the store (``stancegraph query`` of an ASK), and,
with ``--articles``, appending those articles to the store against building them into an empty one, and
``stancegraph validate`` on the store against the bare load. ``--data`` gives ready N-Triples files instead of
``--claims`` (51,630 claims make 987,832 triples, five minutes to generate). Prints a Markdown table per size with
the ratio of ours to the bare CLI, the issue's target for each ratio, and the machine's load average before and
after (the machine is shared: only ratios taken side by side in one run compare).
"""

from __future__ import annotations

import argparse
import os
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


def row(name: str, mine: float, bare: float | None, factor: float | None = None, extra: float = 0.0) -> str:
    """A table row; with ``factor``, the target ``mine <= factor * bare + extra`` and whether it holds."""
    ratio = f"{mine / bare:.2f}" if bare else ""
    target = "" if factor is None else f"<= {factor:g}x" + (f" + {extra:g} s" if extra else "")
    met = "" if factor is None or bare is None else ("yes" if mine <= factor * bare + extra else "**no**")
    return f"| {name} | {mine:.2f} | {'' if bare is None else f'{bare:.2f}'} | {ratio} | {target} | {met} |"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(data: Path, articles: Path | None, tmp: Path) -> None:
    triples = sum(1 for line in data.open(encoding="utf-8") if line.strip())
    store, bare = tmp / f"store-{data.stem}", tmp / f"bare-{data.stem}"
    print(f"\n### {triples:,} triples ({data.name}; load average before: {load()})\n")
    print("| step | stancegraph s | bare oxigraph s | ratio | target | met |\n|---|---|---|---|---|---|")
    bare_load = timed(OXIGRAPH, "load", "--location", str(bare), "--file", str(data))
    print(row("load", ours("import", str(data), "-o", str(store)), bare_load))
    opened = ours("query", str(store), "ASK {}")
    print(f"| open (`query DIR \"ASK {{}}\"`) | {opened:.2f} | | | < 1 s | {'yes' if opened < 1 else '**no**'} |")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    for query in named_queries():
        text = query.text
        for p in query.parameters:
            text = text.replace(f"${p.name}", VALUES[p.name] if p.kind == "integer" else sparql_string(VALUES[p.name]))
        params = [f"--param={p.name}={VALUES[p.name]}" for p in query.parameters]
        print(row(f"query {query.name}", ours("query", str(store), "--timeout", "3600", "--name", query.name, *params),
                  timed(OXIGRAPH, "query", "--location", str(bare), "--query", prologue + text,
                        "--results-format", "csv", "--results-file", str(tmp / "out.csv")), 1.5, 0.5))
    print(row("export .nq / dump", ours("export", str(store), "-o", str(tmp / "ours.nq")),
              timed(OXIGRAPH, "dump", "--location", str(bare), "--file", str(tmp / "bare.nq")), 2))
    print(row("validate / bare load", ours("validate", str(store)), bare_load, 3))
    if articles is not None:
        empty = ours("build", str(articles), "-o", str(tmp / f"empty-{data.stem}"))
        print(row("append articles / build them into an empty store",
                  ours("build", str(articles), "-o", str(store), "--append"), empty, 2))
    print(f"\nLoad average after: {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="*", default=[600, 5000])
    parser.add_argument("--data", type=Path, nargs="*", default=[], help="N-Triples files to use as they are")
    parser.add_argument("--articles", type=Path, help="a folder of articles to append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for claims in args.claims:
            data = Path(tmp) / f"g{claims}.nt"
            save_graph(synthetic_graph(300, claims), data)
            measure(data, args.articles, Path(tmp))
        for data in args.data:
            measure(data, args.articles, Path(tmp))


if __name__ == "__main__":
    main()
