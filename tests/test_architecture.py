"""The tree is the architecture: imports follow the data flow, nothing imports in a circle, and the rooms that
read graphs (query, view, analysis, store, ontology) never load spaCy.

The import graph is read from the source with ``ast`` (every ``import`` and ``from ... import``, at any depth of
a module), so a new module that imports against the flow fails here before anyone runs it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "graph", "ontology")

# Rooms in data-flow order: a module may import its own room, any earlier room, and nothing later.
FLOW: list[tuple[str, ...]] = [
    ("ontology",),
    ("extractors.errors", "extractors.records", "extractors.lexicon", "extractors.data", "extractors.kb"),
    ("extractors.spans", "extractors.nlp"),
    ("extractors.stance", "extractors.affiliation", "extractors.speakers"),
    ("extractors.registry", "extractors.learned", "extractors"),
    ("graph.errors", "graph"),
    ("graph.readers",),
    ("graph.resolve",),
    ("graph.pipeline",),
    ("graph.build",),
    ("graph.store", "graph.validate"),
    ("graph.query", "graph.view"),
    ("graph.analysis",),
    ("graph.cli",),
]
# Rooms that read graphs must never import spaCy, not even through another module of ours.
NO_SPACY = ("ontology", "graph.store", "graph.query", "graph.view", "graph.analysis", "graph.validate", "graph.cli",
            "extractors.registry", "extractors.nlp.models")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path, *, top_level_only: bool) -> set[str]:
    return _imports_in(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", top_level_only)


def _imports_in(source: str, name: str, is_package: bool, top_level_only: bool) -> set[str]:
    """Every module ``name`` imports: ours by their most specific module, others by their top-level package."""
    tree = ast.parse(source)
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m if m in MODULES or m.split(".")[0] in PACKAGES else m.split(".")[0] for m in out}


def _graph(*, top_level_only: bool) -> nx.DiGraph:
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        graph.add_node(name)
        for target in _imports(name, path, top_level_only=top_level_only):
            graph.add_edge(name, target)
    return graph


def _room(module: str) -> int:
    best, rank = -1, -1
    for i, room in enumerate(FLOW):
        for prefix in room:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    return rank


def test_every_module_has_a_room() -> None:
    assert [m for m in MODULES if _room(m) < 0] == []


def test_no_import_circles() -> None:
    graph = _graph(top_level_only=False)
    ours = graph.subgraph(MODULES)
    # A package's __init__ re-exporting its own modules is no circle: a module importing a sibling by the
    # package path leads back to the package only through Python's import of parents, not an edge here.
    cycles = list(nx.simple_cycles(ours))
    assert cycles == [], f"import circles: {cycles[:5]}"


def _against(edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in edges if b in MODULES and _room(b) > _room(a)]


def test_imports_follow_the_flow() -> None:
    against = _against(list(_graph(top_level_only=False).edges))
    assert against == [], "imports that run against the data flow (see FLOW): " + ", ".join(
        f"{a} -> {b}" for a, b in against)


def test_extractors_never_import_rdflib_or_graph() -> None:
    graph = _graph(top_level_only=False)
    bad = [(a, b) for a, b in graph.edges if a.startswith("extractors") and (b == "rdflib" or b.startswith("graph"))]
    assert bad == []


@pytest.mark.parametrize("room", NO_SPACY)
def test_graph_readers_never_reach_spacy(room: str) -> None:
    graph = _graph(top_level_only=True)
    for module in [m for m in MODULES if m == room or m.startswith(room + ".")]:
        reached = nx.descendants(graph, module)
        assert "spacy" not in reached, f"{module} imports spaCy through {sorted(reached & set(MODULES))}"


def test_importing_query_analysis_and_the_cli_loads_no_spacy() -> None:
    code = ("import sys, graph.query, graph.analysis, graph.view, graph.store, graph.cli; "
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


_STATE = ("<https://w3id.org/stancegraph/actor/iran> a <https://w3id.org/stancegraph/ontology#State> ; "
          "<http://www.w3.org/2000/01/rdf-schema#label> \"Iran\" .\n")
_NOT_ON_THE_QUERY_PATH = ("rdflib", "oxrdflib", "pyshacl", "spacy", "networkx")


@pytest.mark.parametrize("where", ["store", "file"])
def test_query_serve_and_validate_start_without_rdflib_or_spacy(tmp_path: Path, where: str) -> None:
    # `stancegraph query`, `serve` and `validate` speak to Oxigraph alone; rdflib (0.4 s to import on an idle
    # machine, 2 s on a loaded one) and spaCy must stay out of their start-up, for a store directory and a file.
    import pyoxigraph as ox

    graph = tmp_path / "g.ttl"
    graph.write_text(_STATE, encoding="utf-8")
    target = graph
    if where == "store":
        target = tmp_path / "news"
        store = ox.Store(str(target))
        store.load(path=str(graph), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
    code = ("import sys\n"
            "from graph.cli.app import main\n"
            "import graph.query.endpoint\n"
            f"codes = [main(['query', {str(target)!r}, 'SELECT ?a ?l WHERE {{ ?a rdfs:label ?l }}']),\n"
            f"         main(['query', {str(target)!r}, '--name', 'most-connected', '--format', 'csv']),\n"
            f"         main(['validate', {str(target)!r}])]\n"
            f"print(codes, [m for m in {_NOT_ON_THE_QUERY_PATH!r} if m in sys.modules])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert "actor:iran  Iran" in done.stdout  # the table, drawn from Oxigraph's terms, prefixes shortened
    assert "conforms to the stancegraph shapes" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[0, 0, 0] []", done.stdout + done.stderr


def test_modules_stay_small_and_are_not_named_like_their_package() -> None:
    too_long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert too_long == {}
    echoes = [m for m in MODULES if "." in m and m.rsplit(".", 1)[1] == m.rsplit(".", 2)[-2]]
    assert echoes == []
    assert not [m for m in MODULES if m.rsplit(".", 1)[-1] in {"utils", "util", "helpers", "misc"}]


def test_the_checks_catch_a_module_against_the_flow() -> None:
    # The checks themselves can fail: an extractor importing the graph builder, a query importing the CLI.
    source = "from graph.build import build_graph\n\ndef f():\n    from graph.cli import commands\n"
    found = _imports_in(source, "extractors.stance.extra", False, top_level_only=False)
    assert found == {"graph.build", "graph.cli.commands"}
    assert _against([("extractors.stance.extra", m) for m in sorted(found)]) == [
        ("extractors.stance.extra", "graph.build"), ("extractors.stance.extra", "graph.cli.commands")]
    assert _imports_in(source, "graph.query.extra", False, top_level_only=True) == {"graph.build"}
