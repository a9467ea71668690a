"""``stancegraph query``'s engine room: the query runs in a child process that a ``--timeout`` can stop.

Oxigraph evaluates a query without giving control back to Python, so no thread or signal of ours can interrupt
it; a forked child can be killed. The child opens the graph (a store read-only, or a file into memory), runs the
query and sends the answer back serialised by Oxigraph (SPARQL results JSON, N-Triples), or the error it met.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
from rdflib.query import Result

from graph.errors import QueryError, StancegraphError
from graph.query.sparql import QUERY_PREFIXES, BoundQuery, engine_errors, to_result
from graph.store.database import open_store

DEFAULT_TIMEOUT_S = 60.0


def answer_query(source: Path, query: BoundQuery, timeout: float = DEFAULT_TIMEOUT_S) -> Result:
    """Run ``query`` on the graph at ``source`` (store directory or file), stopping it after ``timeout``
    seconds with a ``QueryError``."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_answer_in_child, args=(source, query, sender), daemon=True)
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
    return _rebuild(kind, payload, query.limit)


def _answer_in_child(source: Path, query: BoundQuery, sender: Connection) -> None:
    try:
        store = open_store(source)
        with engine_errors():
            answer = store.query(query.text, prefixes=QUERY_PREFIXES, custom_functions=query.functions())
            if isinstance(answer, ox.QuerySolutions):
                sender.send(("solutions", answer.serialize(format=ox.QueryResultsFormat.JSON)))
            elif isinstance(answer, ox.QueryBoolean):
                sender.send(("boolean", bool(answer)))
            else:
                sender.send(("triples", ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES)))
    except StancegraphError as err:
        sender.send(("error", err))
    except Exception as err:  # anything else the engine raises is still one line for the user
        sender.send(("error", QueryError(f"the query failed while running: {str(err).strip()[:200]}")))
    finally:
        sender.close()


def _rebuild(kind: str, payload: object, limit: int | None) -> Result:
    if kind == "solutions":
        assert isinstance(payload, bytes)
        return to_result(ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON), limit)
    if kind == "boolean":
        result = Result("ASK")
        result.askAnswer = bool(payload)
        return result
    assert isinstance(payload, bytes)
    return to_result([quad.triple for quad in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)])
