"""SPARQL 1.1 over a graph, with the project's prefixes predeclared, and results as table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from graph.build import PREFIXES
from graph.errors import QueryError, UsageError

OUTPUT_FORMATS = ("table", "csv", "json")


def run_query(graph: Graph, sparql: str) -> Result:
    """Run ``sparql`` on ``graph``; prefixes sg:, skos:, dcterms:, owl:, prov:, actor:, wd: need no declaration.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> _ = g.add((URIRef("https://w3id.org/stancegraph/actor/iran"), PREFIXES["sg"].supports,
        ...            URIRef("https://w3id.org/stancegraph/actor/hezbollah")))
        >>> [str(r.b) for r in run_query(g, "SELECT ?b WHERE { ?a sg:supports ?b }")]
        ['https://w3id.org/stancegraph/actor/hezbollah']
    """
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib raise several error types for bad queries
        first = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
        raise QueryError(f"invalid SPARQL query: {first}; check the syntax (prefixes sg:, skos:, dcterms: are "
                         f"predeclared)") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as an aligned text table, CSV, or SPARQL 1.1 results JSON."""
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" else str(
            bool(result.askAnswer)).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return str(result.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    names = [str(v) for v in (result.vars or [])]
    rows = [[_cell(row[i], fmt) for i in range(len(names))] for row in result]  # type: ignore[index]
    if fmt == "json":
        return json.dumps(_results_json(names, result), indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    return _table(names, rows)


def _cell(term: Any, fmt: str) -> str:
    if fmt == "table":  # one line a row: white space in sentences folded
        return " ".join(_cell(term, "csv").split())
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
        return text
    return str(term)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def _results_json(names: list[str], result: Result) -> dict[str, Any]:
    bindings = []
    for row in result:
        binding: dict[str, Any] = {}
        for i, name in enumerate(names):
            term = row[i]  # type: ignore[index]
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[name] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                value: dict[str, Any] = {"type": "literal", "value": str(term)}
                if term.language:
                    value["xml:lang"] = term.language
                elif term.datatype:
                    value["datatype"] = str(term.datatype)
                binding[name] = value
        bindings.append(binding)
    return {"head": {"vars": names}, "results": {"bindings": bindings}}
