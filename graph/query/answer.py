"""``stancegraph query``'s engine room: the query runs in a child process (``graph.query.worker``) that
``--timeout`` can stop, and comes back written by Oxigraph's serialisers in the format asked for (SPARQL results
CSV, TSV or JSON; Turtle or JSON-LD for a graph). Our table is drawn from the JSON.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pyoxigraph as ox

from graph.query.named import RESULT_FORMATS, BoundQuery
from graph.query.service import refuse_service
from graph.query.table import solutions_table
from graph.query.worker import run_stoppable
from graph.store.location import open_store

DEFAULT_TIMEOUT_S = 60.0


def answer_query(source: Path, query: BoundQuery, timeout: float = DEFAULT_TIMEOUT_S, fmt: str = "table",
                 allow_service: bool = False) -> str:
    """The answer to ``query`` on the graph at ``source`` (store directory or file) as text in ``fmt`` (``table``
    or one of ``RESULT_FORMATS``), stopping the query after ``timeout`` seconds with a ``QueryError``. A query
    that calls ``SERVICE`` is refused before it runs unless ``allow_service``."""
    refuse_service(query.text, allow_service)
    answer = run_stoppable(partial(open_store, source), query, RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON),
                           ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE, timeout)
    if fmt == "table" and answer.kind == "solutions":
        solutions = ox.parse_query_results(answer.data, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions_table(solutions)
    if fmt == "table" and answer.kind == "boolean":
        return "true" if b"true" in answer.data else "false"
    return answer.data.decode("utf-8").rstrip("\r\n")
