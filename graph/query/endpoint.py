"""A read-only SPARQL 1.1 Protocol endpoint over a graph, served by the Oxigraph server.

The PyPI package ``oxigraph`` ships Oxigraph's command-line server. ``serve_graph`` runs ``oxigraph
serve-read-only`` on a store directory as it is, or on a temporary store holding a graph file (deleted on exit),
so any SPARQL client (SPARQLWrapper, curl, YASGUI) can query ``http://HOST:PORT/query``; updates are refused
(HTTP 403).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pyoxigraph as ox

from graph.errors import StancegraphError, UsageError
from graph.store.database import is_store_path, open_store, read_file_into

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class ServerError(StancegraphError):
    """The SPARQL server cannot be started: not installed, port taken, or the store failed to load."""


def endpoint_url(host: str, port: int) -> str:
    """The query URL of the endpoint on ``host``:``port``.

    Examples:
        >>> endpoint_url("127.0.0.1", 7878)
        'http://127.0.0.1:7878/query'
    """
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/query"


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server installed beside this Python (the ``oxigraph`` PyPI package), else on PATH."""
    for name in ("oxigraph", "oxigraph.exe"):
        beside = Path(sysconfig.get_path("scripts")) / name
        if beside.is_file():
            return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError("the Oxigraph server is not installed; run 'pip install oxigraph' (a stancegraph "
                          "dependency) in this environment")
    return Path(found)


@contextmanager
def prepared_store(graph_path: Path) -> Iterator[Path]:
    """The Oxigraph store to serve: a store directory as it is, or a temporary store holding the graph file at
    ``graph_path`` (read by Oxigraph, leniently, so odd article addresses do not stop it), deleted when the block
    ends."""
    if is_store_path(graph_path):
        open_store(graph_path)  # a missing or foreign directory is one clear line here, not the server's
        yield graph_path
        return
    with tempfile.TemporaryDirectory(prefix="stancegraph-serve-") as tmp:
        location = Path(tmp) / "store"
        store = ox.Store(str(location))
        read_file_into(store, graph_path)
        store.flush()
        del store  # closes the store and its lock, so the read-only server can open it
        yield location


def check_port(host: str, port: int) -> None:
    """Raise ``ServerError`` when ``host``:``port`` cannot be listened on (in use, or not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise ServerError(f"cannot listen on {host}:{port} ({err.strerror}); choose another --port or "
                              f"--host") from None


def serve_graph(graph_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float | None = None) -> int:
    """Serve the graph at ``graph_path`` (store directory or file) read-only on ``host``:``port`` until
    interrupted, stopping any query after ``timeout`` seconds; returns the exit code."""
    if not host.strip():
        raise UsageError("--host is empty; give an address such as 127.0.0.1")
    check_port(host, port)
    with prepared_store(graph_path) as store:
        command = [str(oxigraph_binary()), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"]
        if timeout is not None:
            command += ["--timeout-s", str(max(1, round(timeout)))]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if host not in LOCAL_HOSTS:
            print(f"stancegraph: warning: listening on {host}, so other machines may query this graph",
                  file=sys.stderr)
        print(f"serving {graph_path} read-only at {endpoint_url(host, port)} (SPARQL 1.1 Protocol); "
              f"Ctrl-C stops it", file=sys.stderr, flush=True)
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            _, errors = server.communicate()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
            print("stancegraph: server stopped", file=sys.stderr)
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
        if server.returncode != 0:
            detail = (errors.strip().splitlines() or ["no message"])[-1][:200]
            raise ServerError(f"the Oxigraph server stopped ({detail})")
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does: the child ends and the store is deleted
