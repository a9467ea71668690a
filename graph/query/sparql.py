"""SPARQL 1.1 over an rdflib graph on Oxigraph's engine, for notebooks and the analysis: results as rdflib
``Result``s, rendered as our table or as SPARQL results CSV, TSV or JSON written by the libraries. The named
queries and bound queries themselves live in ``graph.query.named`` (no rdflib), and are re-exported here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Variable

from graph.errors import UsageError
from graph.query.named import OUTPUT_FORMATS, QUERY_PREFIXES, RESULT_FORMATS, BoundQuery, engine_errors, named_query
from graph.query.table import cell, draw_table
from graph.store.database import store_of
from graph.store.terms import from_oxigraph
from ontology import PREFIXES

__all__ = ["execute", "format_result", "run_named_query", "run_query", "to_result"]


def run_query(graph: Graph, sparql: str) -> Result:
    """Run ``sparql`` on ``graph`` with Oxigraph; prefixes sg:, skos:, dcterms:, owl:, prov:, actor:, wd: need no
    declaration. A graph from ``load_graph`` is queried in its store; a plain rdflib graph is copied into one.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> _ = g.add((URIRef("https://w3id.org/stancegraph/actor/iran"), PREFIXES["sg"].supports,
        ...            URIRef("https://w3id.org/stancegraph/actor/hezbollah")))
        >>> [str(r.b) for r in run_query(g, "SELECT ?b WHERE { ?a sg:supports ?b }")]
        ['https://w3id.org/stancegraph/actor/hezbollah']
    """
    return execute(store_of(graph), BoundQuery(sparql))


def execute(store: ox.Store, query: BoundQuery) -> Result:
    """Run ``query`` on ``store``; a query that does not parse or fails while running raises ``QueryError``
    with the engine's one-line reason."""
    with engine_errors():
        return to_result(store.query(query.text, prefixes=QUERY_PREFIXES, custom_functions=query.functions()))


def to_result(answer: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple]) -> Result:
    """An Oxigraph answer (solutions, boolean or triples) as an rdflib ``Result``."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        result.bindings = [{v: cast(Identifier, from_oxigraph(term)) for v, term in zip(result.vars, row, strict=True)
                            if term is not None} for row in answer]
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        for t in answer:
            result.graph.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
    return result


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as our aligned text table, or in a standard format written by the libraries: SPARQL
    1.1 results CSV, TSV or JSON (Turtle, or JSON-LD for ``json``, for a graph).

    Examples:
        >>> from graph.build import new_graph
        >>> result = run_query(new_graph(), 'SELECT ?x ?n WHERE { VALUES (?x ?n) { ("a b" 2) } }')
        >>> format_result(result, "tsv").splitlines()
        ['?x\\t?n', '"a b"\\t2']
    """
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return str(result.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    if fmt != "table":  # rdflib writes SPARQL JSON; Oxigraph reads it and writes every format
        answer = ox.parse_query_results(result.serialize(format="json"), format=ox.QueryResultsFormat.JSON)
        return _written(answer.serialize(format=RESULT_FORMATS[fmt]))
    if result.type == "ASK":
        return str(bool(result.askAnswer)).lower()
    names = [str(v) for v in (result.vars or [])]
    return draw_table(names, [[_cell(row[i]) for i in range(len(names))] for row in result])  # type: ignore[index]


def _written(data: bytes | None) -> str:
    assert data is not None  # serialised to bytes, not to a file
    return data.decode("utf-8").rstrip("\r\n")


def _cell(term: Any) -> str:
    return "" if term is None else cell(str(term), isinstance(term, URIRef))


def run_named_query(graph: Graph, name: str, values: Mapping[str, str] | None = None) -> Result:
    """Run the bundled query ``name`` on ``graph`` with parameter ``values``.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> list(run_named_query(g, "supporters-of", {"actor": 'Russia" } #'}))
        []
    """
    return execute(store_of(graph), named_query(name).bind(values or {}))
