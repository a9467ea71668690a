"""SPARQL over a graph: the named queries and queries bound for Oxigraph (``named``, the ``queries/*.rq``
library), queries on rdflib graphs for notebooks (``sparql``), the CLI's query (``answer``) and the read-only SPARQL
endpoint (``endpoint``). Never imports spaCy.

The names are loaded on first use, so ``stancegraph query`` and ``serve`` (``answer``, ``endpoint``, ``named``)
start without importing rdflib; ``run_query`` and the others of ``sparql`` import it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.lazy import lazy_names

if TYPE_CHECKING:
    from graph.query.named import NamedQuery, named_queries, named_query, parse_params, sparql_string
    from graph.query.sparql import format_result, run_named_query, run_query

__all__ = ["NamedQuery", "format_result", "named_queries", "named_query", "parse_params", "run_named_query",
           "run_query", "sparql_string"]

_HOMES = {**dict.fromkeys(("NamedQuery", "named_queries", "named_query", "parse_params", "sparql_string"), "named"),
          **dict.fromkeys(("format_result", "run_named_query", "run_query"), "sparql")}

__getattr__ = lazy_names(__name__, _HOMES)
