"""``stancegraph serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph (``graph.query.protocol``).

A store directory is opened read-only as it is; a graph file is read into memory by Oxigraph. Either way nothing
is written to disk, so a ``kill -9`` leaves nothing behind, and each query runs in a child process that dies with
the server. Any SPARQL client (SPARQLWrapper, curl, YASGUI) can query ``http://HOST:PORT/query``.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import FrameType

import pyoxigraph as ox

from graph.errors import StancegraphError, UsageError
from graph.query.protocol import Endpoint, allowed_hosts
from graph.store.location import open_store

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class ServerError(StancegraphError):
    """The SPARQL server cannot be started: port taken, or an address not this machine's."""


def endpoint_url(host: str, port: int) -> str:
    """The query URL of the endpoint on ``host``:``port``.

    Examples:
        >>> endpoint_url("127.0.0.1", 7878)
        'http://127.0.0.1:7878/query'
    """
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/query"


def check_port(host: str, port: int) -> None:
    """Raise ``ServerError`` when ``host``:``port`` cannot be listened on (in use, or not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise ServerError(f"cannot listen on {host}:{port} ({err.strerror}); choose another --port or "
                              f"--host") from None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a second server on a busy port must fail, not share it


def serve_graph(graph_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 60.0,
                allow_service: bool = False) -> int:
    """Serve the graph at ``graph_path`` (store directory or file) read-only on ``host``:``port`` until
    interrupted (Ctrl-C or SIGTERM), stopping any query after ``timeout`` seconds; returns the exit code."""
    if not host.strip():
        raise UsageError("--host is empty; give an address such as 127.0.0.1")
    check_port(host, port)
    store = open_store(graph_path)  # a missing or foreign path is one clear line here; a file is read now
    endpoint = Endpoint(lambda: _shared(store), allowed_hosts(host, port), timeout, allow_service)
    _Server.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        server = _Server((host, port), endpoint.handler())
    except OSError as err:
        raise ServerError(f"cannot listen on {host}:{port} ({err.strerror}); choose another --port or "
                          f"--host") from None
    if host not in LOCAL_HOSTS:
        print(f"stancegraph: warning: listening on {host}, so other machines may query this graph",
              file=sys.stderr)
    print(f"serving {graph_path} read-only at {endpoint_url(host, port)} (SPARQL 1.1 Protocol); Ctrl-C stops it",
          file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    worker = threading.Thread(target=server.serve_forever, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.5)
    except KeyboardInterrupt:
        server.shutdown()
        print("stancegraph: server stopped", file=sys.stderr)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    return 0


def _shared(store: ox.Store) -> ox.Store:
    return store  # opened once by the server; each query's child shares it through the fork


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does; running queries' children die with it
