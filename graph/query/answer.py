"""``stancegraph query``'s engine room: the query runs in a child process that a ``--timeout`` can stop.

Oxigraph evaluates a query without giving control back to Python, so no thread or signal of ours can interrupt
it; a forked child can be killed. The child opens the graph (a store read-only, or a file into memory), runs the
query and sends the answer back written by Oxigraph's serialisers in the format asked for (SPARQL results CSV,
TSV or JSON; Turtle or JSON-LD for a graph), or the error it met. Our table is drawn from the JSON.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError, StancegraphError
from graph.query.service import refuse_service
from graph.query.sparql import QUERY_PREFIXES, RESULT_FORMATS, BoundQuery, engine_errors, format_result, to_result
from graph.store.database import open_store

DEFAULT_TIMEOUT_S = 60.0


def answer_query(source: Path, query: BoundQuery, timeout: float = DEFAULT_TIMEOUT_S, fmt: str = "table",
                 allow_service: bool = False) -> str:
    """The answer to ``query`` on the graph at ``source`` (store directory or file) as text in ``fmt`` (``table``
    or one of ``RESULT_FORMATS``), stopping the query after ``timeout`` seconds with a ``QueryError``. A query
    that calls ``SERVICE`` is refused before it runs unless ``allow_service``."""
    refuse_service(query.text, allow_service)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_answer_in_child, args=(source, query, fmt, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"the query ran past --timeout {timeout:g} s and was stopped; narrow it (more specific "
                             f"patterns, a LIMIT) or give a larger --timeout")
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise QueryError("the query engine stopped without an answer (out of memory?); narrow the "
                             "query") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "error":
        raise payload
    data: bytes = payload
    if fmt == "table" and kind == "solutions":
        return format_result(to_result(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)))
    return data.decode("utf-8").rstrip("\r\n")


def _answer_in_child(source: Path, query: BoundQuery, fmt: str, sender: Connection) -> None:
    try:
        store = open_store(source)
        with engine_errors():
            answer = store.query(query.text, prefixes=QUERY_PREFIXES, custom_functions=query.functions())
            sender.send(_serialised(answer, fmt))
    except StancegraphError as err:
        sender.send(("error", err))
    except Exception as err:  # anything else the engine raises is still one line for the user
        sender.send(("error", QueryError(f"the query failed while running: {str(err).strip()[:200]}")))
    finally:
        sender.close()


def _serialised(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> tuple[str, bytes]:
    """``answer`` written by Oxigraph: solutions and booleans in ``fmt`` (JSON for our table, which is drawn
    from it), a graph as JSON-LD for ``json`` and Turtle otherwise."""
    if isinstance(answer, ox.QueryTriples):
        rdf = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
        data = ox.serialize(answer, format=rdf, prefixes=QUERY_PREFIXES)
        kind = "triples"
    else:
        data = answer.serialize(format=RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON))
        kind = "solutions" if isinstance(answer, ox.QuerySolutions) else "boolean"
    if kind == "boolean" and fmt == "table":
        data = str(bool(answer)).lower().encode("utf-8")
    assert data is not None  # serialised to bytes, not to a file
    return kind, data
