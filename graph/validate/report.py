"""Validation reports: the shapes' checks run as SPARQL on Oxigraph (the default, in time comparable to loading
the graph), or by pyshacl (``engine="pyshacl"``, the reference the tests compare against)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import GraphFileError, UsageError
from graph.store.database import store_of
from graph.store.terms import to_oxigraph
from graph.validate.shapes import Check, compile_shapes
from ontology import PREFIXES, ontology_path, shapes_path

__all__ = ["ENGINES", "Report", "Violation", "pyshacl_violations", "require_conformance", "shapes_graph",
           "validate_graph", "validate_store"]

ENGINES = ("oxigraph", "pyshacl")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result: terms in N-Triples form, ``component`` the constraint component's IRI."""

    shape: str
    focus: str
    path: str | None
    value: str | None
    component: str
    message: str

    def line(self) -> str:
        where = f"{_short(self.focus)}" + (f" {_short(self.path)}" if self.path else "")
        value = f" = {_short(self.value)}" if self.value is not None and self.path else ""
        return f"{where}{value}: {self.message} [{_kind(self.component)}, {_short(self.shape)}]"


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    violations: tuple[Violation, ...] = ()


def validate_store(store: ox.Store) -> Report:
    """Check the default graph of ``store`` against ``ontology/shapes.ttl``, one SPARQL query per shape and
    constraint kind (``graph.validate.shapes``).

    Examples:
        >>> store = ox.Store()
        >>> iran = ox.NamedNode("https://w3id.org/stancegraph/actor/iran")
        >>> store.add(ox.Quad(iran, ox.NamedNode(str(PREFIXES["rdf"].type)), ox.NamedNode(str(PREFIXES["sg"].State))))
        >>> report = validate_store(store)
        >>> print(report.conforms, report.violations[0].line())
        False actor:iran rdfs:label: an actor has exactly one rdfs:label (its preferred name) [MinCount, sgs:ActorShape]
    """
    found: list[Violation] = []
    for check in _checks():
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            found.extend(_violations(check, row))
    return _report(sorted(set(found), key=_order))


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
        return _report(pyshacl_violations(graph))
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
    return sorted(found, key=_order)


@cache
def shapes_graph() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@cache
def _checks() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes_graph(), Graph().parse(ontology_path(), format="turtle")))


def _violations(check: Check, row: ox.QuerySolution) -> list[Violation]:
    value = str(row["value"]) if check.has_value and row["value"] is not None else None
    components = check.components if not check.columns else [
        component for component, column in zip(check.components, check.columns, strict=True)
        if _true(row[column])]
    return [Violation(f"<{check.shape}>", str(row["this"]), check.path and f"<{check.path}>", value, component,
                      check.message or _default_message(component, check.path)) for component in components]


def _true(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value == "true"


def _kind(component: str) -> str:
    return component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")


def _default_message(component: str, path: str | None) -> str:
    return f"{_kind(component)} constraint broken" + (f" on {_short(f'<{path}>')}" if path else "")


def _order(v: Violation) -> tuple[str, ...]:
    return v.shape, v.focus, v.path or "", v.value or "", v.component


def _report(violations: list[Violation]) -> Report:
    lines = [f"Conforms: {not violations}"]
    if violations:
        lines.append(f"Results ({len(violations)}):")
        lines.extend(v.line() for v in violations)
    return Report(not violations, "\n".join(lines), tuple(violations))


def _text(term: Node | None) -> str:
    assert term is not None
    return str(to_oxigraph(term))


_SHORT = {**{str(ns): prefix for prefix, ns in PREFIXES.items()}, "https://w3id.org/stancegraph/shapes#": "sgs"}


def _short(term: str | None) -> str:
    """An IRI in N-Triples form under a known prefix as ``prefix:local``; anything else as it is."""
    if term is None or not term.startswith("<"):
        return term or ""
    iri = term[1:-1]
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = _SHORT.get(iri[:cut])
    return f"{prefix}:{iri[cut:]}" if prefix else term
