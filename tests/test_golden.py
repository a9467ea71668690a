"""Golden graph: a small article built end to end must give exactly the graph in ``tests/golden``.

Regenerate after an intended change with ``SG_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.cli.commands import build
from graph.validate import validate_graph

pytestmark = pytest.mark.model

HERE = Path(__file__).parent
ARTICLE = HERE / "data" / "golden_article.txt"
GOLDEN = HERE / "golden" / "golden_article.ttl"


def _dump(g: Graph) -> str:
    return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in g))


def test_article_builds_the_golden_graph(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    build([str(ARTICLE)], out)
    built = Graph().parse(out)
    if os.environ.get("SG_UPDATE_GOLDEN"):
        GOLDEN.write_text(out.read_text())
    golden = Graph().parse(GOLDEN)
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        pytest.fail(f"graph differs from {GOLDEN.name}\nonly in the build:\n{_dump(only_built)}\n"
                    f"only in the golden file:\n{_dump(only_golden)}")


def test_golden_graph_conforms_to_the_shapes() -> None:
    report = validate_graph(Graph().parse(GOLDEN))
    assert report.conforms, report.text
