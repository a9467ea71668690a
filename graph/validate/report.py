"""Validation reports: the shapes' checks run as SPARQL on Oxigraph, in time comparable to loading the graph.
Imports pyoxigraph only (the checks come compiled from ``checks.json``), so ``validate`` starts without rdflib;
rdflib graphs and pyshacl, the reference the tests compare against, are ``graph.validate.conformance``'s."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from graph.validate.checks import Check, stored_checks
from ontology.iris import PREFIX_IRIS

__all__ = ["Report", "Violation", "report_of", "validate_store", "violation_key"]


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
        >>> rdf_type, state = (ox.NamedNode(PREFIX_IRIS[p] + n) for p, n in (("rdf", "type"), ("sg", "State")))
        >>> store.add(ox.Quad(iran, rdf_type, state))
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
    return report_of(found)


@cache
def _checks() -> tuple[Check, ...]:
    """The stored checks (no rdflib), or the shapes compiled afresh where they changed since."""
    stored = stored_checks()
    if stored is not None:
        return stored
    from graph.validate.shapes import compile_ontology

    return tuple(compile_ontology())


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


def violation_key(v: Violation) -> tuple[str, ...]:
    return v.shape, v.focus, v.path or "", v.value or "", v.component


def report_of(found: list[Violation]) -> Report:
    """The report of the violations ``found``, each once, in order of shape and focus node."""
    violations = sorted(set(found), key=violation_key)
    lines = [f"Conforms: {not violations}"]
    if violations:
        lines.append(f"Results ({len(violations)}):")
        lines.extend(v.line() for v in violations)
    return Report(not violations, "\n".join(lines), tuple(violations))


_SHORT = {**{iri: prefix for prefix, iri in PREFIX_IRIS.items()}, "https://w3id.org/stancegraph/shapes#": "sgs"}


def _short(term: str | None) -> str:
    """An IRI in N-Triples form under a known prefix as ``prefix:local``; anything else as it is."""
    if term is None or not term.startswith("<"):
        return term or ""
    iri = term[1:-1]
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = _SHORT.get(iri[:cut])
    return f"{prefix}:{iri[cut:]}" if prefix else term
