"""Validation against ``ontology/shapes.ttl``: the shapes compiled to SPARQL and run on Oxigraph (``shapes``,
``report``), pyshacl as a cross-check (``validate_graph(graph, "pyshacl")``), and the documents whose triples
break the shapes taken out of a build (``documents``)."""

from graph.validate.documents import drop_nonconforming
from graph.validate.report import (
    ENGINES,
    Report,
    Violation,
    pyshacl_violations,
    require_conformance,
    validate_graph,
    validate_store,
)
from graph.validate.shapes import ShapeError, compile_shapes, equivalents

__all__ = ["ENGINES", "Report", "ShapeError", "Violation", "compile_shapes", "drop_nonconforming", "equivalents",
           "pyshacl_violations", "require_conformance", "validate_graph", "validate_store"]
