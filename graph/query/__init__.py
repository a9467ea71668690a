"""SPARQL over a graph: ad-hoc and named queries with typed parameters (``sparql``, the ``queries/*.rq``
library) and the read-only SPARQL endpoint (``endpoint``). Never imports spaCy."""

from graph.query.sparql import (
    NamedQuery,
    format_result,
    named_queries,
    named_query,
    parse_params,
    run_named_query,
    run_query,
    sparql_string,
)

__all__ = ["NamedQuery", "format_result", "named_queries", "named_query", "parse_params", "run_named_query",
           "run_query", "sparql_string"]
