"""A query in a child process that can be stopped: by a timeout, by the caller (a client that went away), or by
its parent's death.

Oxigraph evaluates a query without giving control back to Python, so no thread or signal of ours can interrupt
it; a forked child can be killed. The child runs the query on the store it is given (opened in the child, or one
the parent holds, shared by the fork) and sends back the answer written by Oxigraph's serialisers, or the error
it met as one line. On Linux the child asks the kernel to kill it when the thread that started it dies, so a
``kill -9`` of ``query`` or ``serve`` leaves no query running.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph.errors import QueryError, StancegraphError
from graph.query.named import QUERY_PREFIXES, BoundQuery, engine_errors

__all__ = ["Answer", "QueryCancelled", "run_stoppable"]

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_POLL_S = 0.05


class QueryCancelled(QueryError):
    """The caller stopped the query (its client went away)."""


@dataclass(frozen=True)
class Answer:
    """An answer as Oxigraph wrote it: ``kind`` is solutions, boolean or triples."""

    kind: str
    data: bytes


def run_stoppable(open_graph: Callable[[], ox.Store], query: BoundQuery, results: ox.QueryResultsFormat,
                  graph: ox.RdfFormat, timeout: float, stopped: Callable[[], bool] = lambda: False) -> Answer:
    """Run ``query`` in a forked child on the store ``open_graph`` returns there; solutions and booleans come back
    in ``results``, triples in ``graph``. Raises ``QueryError`` after ``timeout`` seconds and ``QueryCancelled``
    as soon as ``stopped()`` is true, the child killed in both cases."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(open_graph, query, results, graph, sender, os.getpid()),
                            daemon=True)
    child.start()
    sender.close()
    waited = 0.0
    try:
        while not receiver.poll(_POLL_S):
            waited += _POLL_S
            if stopped():
                raise QueryCancelled("the client went away; the query was stopped")
            if waited >= timeout:
                raise QueryError(f"the query ran past --timeout {timeout:g} s and was stopped; narrow it (more "
                                 f"specific patterns, a LIMIT) or give a larger --timeout")
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
    return Answer(kind, payload)


def _child(open_graph: Callable[[], ox.Store], query: BoundQuery, results: ox.QueryResultsFormat,
           graph: ox.RdfFormat, sender: Connection, parent: int) -> None:
    _die_with_parent(parent)
    try:
        store = open_graph()
        with engine_errors():
            answer = store.query(query.text, prefixes=QUERY_PREFIXES, custom_functions=query.functions())
            if isinstance(answer, ox.QueryTriples):
                data = ox.serialize(answer, format=graph, prefixes=QUERY_PREFIXES)
                kind = "triples"
            else:
                data = answer.serialize(format=results)
                kind = "solutions" if isinstance(answer, ox.QuerySolutions) else "boolean"
            sender.send((kind, data))
    except StancegraphError as err:
        sender.send(("error", err))
    except Exception as err:  # anything else the engine raises is still one line for the user
        sender.send(("error", QueryError(f"the query failed while running: {str(err).strip()[:200]}")))
    finally:
        sender.close()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere the parent's cleanup must do)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
