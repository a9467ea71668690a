"""A graph's conformance to the shapes, for rdflib graphs: checked on Oxigraph (a graph from ``load_graph`` in its
own store, any other copied into one) or by pyshacl, the reference SHACL engine the tests compare against; and the
check a build makes before it writes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import GraphFileError, UsageError
from graph.store.database import store_of
from graph.store.terms import to_oxigraph
from graph.validate.report import Report, Violation, report_of, validate_store, violation_key
from ontology import ontology_path, shapes_path

__all__ = ["ENGINES", "pyshacl_violations", "require_conformance", "shapes_graph", "validate_graph"]

ENGINES = ("oxigraph", "pyshacl")


def validate_graph(graph: Graph, engine: str = "oxigraph") -> Report:
    """Check ``graph`` against the shapes: on Oxigraph (a graph from ``load_graph`` in its own store, any other
    copied into one) or with pyshacl.

    Examples:
        >>> from graph.build import new_graph
        >>> validate_graph(new_graph()).conforms, validate_graph(new_graph(), "pyshacl").conforms
        (True, True)
    """
    if engine == "oxigraph":
        return validate_store(store_of(graph))
    if engine == "pyshacl":
        return report_of(pyshacl_violations(graph))
    raise UsageError(f"unknown validation engine {engine!r}; choose one of {', '.join(ENGINES)}")


def require_conformance(graph: Graph, output: Path) -> None:
    """Raise ``GraphFileError`` when ``graph`` (what a build is about to write to ``output``) breaks a shape, so
    that a build never writes a graph that does not conform. A build checks only what it adds: its documents,
    claims and edges, and the actors it knows.

    Examples:
        >>> from graph.build import new_graph
        >>> require_conformance(new_graph(), Path("news"))  # nothing to break
    """
    report = validate_graph(graph)
    if not report.conforms:
        raise GraphFileError(f"{output}: the graph built breaks the stancegraph shapes "
                             f"({report.violations[0].line()}); nothing written; please report this as a bug")


def pyshacl_violations(graph: Graph) -> list[Violation]:
    """What pyshacl reports for ``graph`` (the ontology beside the data, no inference), as ``Violation``s."""
    from pyshacl import validate  # a second to import, so only when asked for

    shapes = shapes_graph()
    _, results, _ = validate(graph, shacl_graph=shapes, ont_graph=Graph().parse(ontology_path()),
                             inference="none", advanced=True, allow_warnings=False)
    assert isinstance(results, Graph)
    found = []
    for result in results.subjects(SH.focusNode, None):
        source = results.value(result, SH.sourceShape)
        shape = source if isinstance(source, URIRef) else shapes.value(None, SH.property, source)
        path, value = results.value(result, SH.resultPath), results.value(result, SH.value)
        found.append(Violation(_text(shape), _text(results.value(result, SH.focusNode)),
                               None if path is None else _text(path), None if value is None else _text(value),
                               str(results.value(result, SH.sourceConstraintComponent)),
                               str(results.value(result, SH.resultMessage) or "")))
    return sorted(found, key=violation_key)


@cache
def shapes_graph() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def _text(term: Node | None) -> str:
    assert term is not None
    return str(to_oxigraph(term))
