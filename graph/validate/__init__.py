"""Validation against ``ontology/shapes.ttl``: the shapes compiled to SPARQL (``shapes``, stored compiled in
``checks.json``: ``checks``) and run on Oxigraph (``report``, pyoxigraph only), rdflib graphs checked on Oxigraph
or by pyshacl as a cross-check (``conformance``), and the documents whose triples break the shapes taken out of a
build (``documents``).

The names are loaded on first use, so ``stancegraph validate`` (``report``) starts without importing rdflib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.lazy import lazy_names

if TYPE_CHECKING:
    from graph.validate.conformance import ENGINES, pyshacl_violations, require_conformance, validate_graph
    from graph.validate.documents import drop_nonconforming
    from graph.validate.report import Report, Violation, validate_store
    from graph.validate.shapes import ShapeError, compile_shapes, equivalents

__all__ = ["ENGINES", "Report", "ShapeError", "Violation", "compile_shapes", "drop_nonconforming", "equivalents",
           "pyshacl_violations", "require_conformance", "validate_graph", "validate_store"]

_HOMES = {**dict.fromkeys(("ENGINES", "pyshacl_violations", "require_conformance", "validate_graph"), "conformance"),
          "drop_nonconforming": "documents",
          **dict.fromkeys(("Report", "Violation", "validate_store"), "report"),
          **dict.fromkeys(("ShapeError", "compile_shapes", "equivalents"), "shapes")}

__getattr__ = lazy_names(__name__, _HOMES)
