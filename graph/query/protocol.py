"""The SPARQL 1.1 Protocol over HTTP, read-only: what ``stancegraph serve`` answers and how.

``GET /query?query=...`` and ``POST /query`` (``application/sparql-query`` or a form) run the query in a child
process (``graph.query.worker``) that is killed when the client goes away or ``--timeout`` passes. Results come
in the format the ``Accept`` header asks for, written by Oxigraph. Every response says ``nosniff``,
``no-referrer`` and a Content-Security-Policy that allows nothing; no CORS header is sent, so browsers keep other
sites' pages from reading answers. A request whose ``Host`` is not this server's address is refused (a page on
another site could otherwise reach the endpoint through DNS rebinding). Every error is a JSON object with one
line, ``{"error": "..."}``; updates are refused (403).
"""

from __future__ import annotations

import ipaddress
import json
import select
import socket
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler

import pyoxigraph as ox

from graph.errors import QueryError
from graph.query.named import BoundQuery
from graph.query.service import refuse_service
from graph.query.worker import QueryCancelled, run_stoppable

__all__ = ["SECURITY_HEADERS", "Endpoint", "allowed_hosts"]

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
                    "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "application/xml": ox.QueryResultsFormat.XML,
            "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_GRAPHS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
           "application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG,
           "text/plain": ox.RdfFormat.N_TRIPLES}
_MAX_BODY = 1 << 20  # a query of a megabyte is plenty


class Endpoint:
    """What every request shares: the store, the limits, the names this server answers to."""

    def __init__(self, open_graph: Callable[[], ox.Store], hosts: set[str], timeout: float,
                 allow_service: bool) -> None:
        self.open_graph = open_graph
        self.hosts = hosts
        self.timeout = timeout
        self.allow_service = allow_service

    def handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(_Handler):
            shared = endpoint

        return Handler


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` header values a server bound to ``host``:``port`` accepts: its address (and ``localhost`` on
    a loopback address); on a wildcard address any IP address, never a name.

    Examples:
        >>> sorted(allowed_hosts("127.0.0.1", 7878))
        ['127.0.0.1:7878', 'localhost:7878']
    """
    shown = f"[{host}]" if ":" in host else host
    hosts = {f"{shown}:{port}"}
    if host in ("localhost", "127.0.0.1"):
        hosts |= {f"localhost:{port}", f"127.0.0.1:{port}"}
    elif host == "::1":
        hosts.add(f"localhost:{port}")
    elif host in ("0.0.0.0", "::"):
        hosts.add("*")
    return hosts


def _is_ip_literal(host: str) -> bool:
    name = host.rsplit(":", 1)[0].strip("[]") if host.count(":") == 1 or host.startswith("[") else host
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _Handler(BaseHTTPRequestHandler):
    shared: Endpoint
    server_version = "stancegraph"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's names)
        if self._refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._error(HTTPStatus.NOT_FOUND, f"no such page {url.path}; query at /query")
        queries = urllib.parse.parse_qs(url.query).get("query", [])
        self._answer(queries)

    def do_POST(self) -> None:  # noqa: N802
        if self._refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/update" or self.headers.get("Content-Type", "").startswith("application/sparql-update"):
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")
        if url.path != "/query":
            return self._error(HTTPStatus.NOT_FOUND, f"no such page {url.path}; query at /query")
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the query is over 1 MB; shorten it")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == "application/sparql-query":
            self._answer([body])
        elif kind == "application/x-www-form-urlencoded":
            self._answer(urllib.parse.parse_qs(body).get("query", []))
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"cannot read a {kind or 'body without a type'}; send "
                        f"application/sparql-query or a form with query=")

    def do_PUT(self) -> None:  # noqa: N802
        if not self._refused():
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802 (a CORS preflight gets no CORS headers: cross-site use is off)
        if not self._refused():
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "cross-origin requests are not allowed")

    def _refused(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host in self.shared.hosts or ("*" in self.shared.hosts and _is_ip_literal(host)):
            return False
        names = ", ".join(sorted(self.shared.hosts - {"*"}) + (["an IP address"] if "*" in self.shared.hosts else []))
        self._error(HTTPStatus.FORBIDDEN, f"Host {host or '(none)'!r} is not this server's address; address it "
                                          f"as {names}")
        return True

    def _answer(self, queries: list[str]) -> None:
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
        query = BoundQuery(queries[0])
        try:
            refuse_service(query.text, self.shared.allow_service, "start serve with --allow-service")
            results, graph, results_type, graph_type = self._formats()
            answer = run_stoppable(self.shared.open_graph, query, results, graph, self.shared.timeout,
                                   self._client_gone)
        except QueryCancelled:
            self.close_connection = True
            return
        except QueryError as err:
            status = (HTTPStatus.BAD_REQUEST if "invalid SPARQL" in str(err) or "SERVICE" in str(err) else
                      HTTPStatus.SERVICE_UNAVAILABLE if "--timeout" in str(err) else HTTPStatus.INTERNAL_SERVER_ERROR)
            return self._error(status, str(err))
        except LookupError as err:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, str(err.args[0]))
        self._send(HTTPStatus.OK, graph_type if answer.kind == "triples" else results_type, answer.data)

    def _formats(self) -> tuple[ox.QueryResultsFormat, ox.RdfFormat, str, str]:
        """The result formats the Accept header prefers (by q), for solutions and for a graph."""
        ranked = []
        for i, part in enumerate((self.headers.get("Accept") or "*/*").split(",")):
            media, *params = (p.strip() for p in part.split(";"))
            q = next((float(p[2:]) for p in params if p.startswith("q=") and _number(p[2:])), 1.0)
            ranked.append((-q, i, media.lower()))
        wanted = [m for _, _, m in sorted(ranked)]
        results = next((m for m in wanted if m in _RESULTS), None)
        graph = next((m for m in wanted if m in _GRAPHS), None)
        anything = any(m in ("*/*", "application/*", "text/*") for m in wanted)
        if results is None and graph is None and not anything:
            raise LookupError(f"cannot answer in {self.headers.get('Accept')}; accept one of "
                              f"{', '.join([*_RESULTS, *_GRAPHS])}")
        results = results or "application/sparql-results+json"
        graph = graph or "text/turtle"
        return _RESULTS[results], _GRAPHS[graph], results, graph

    def _client_gone(self) -> bool:
        """Whether the client closed its connection (readable with nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return True

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "application/json", json.dumps({"error": message}).encode("utf-8"))

    def _send(self, status: HTTPStatus, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8" if media.startswith("text/") else media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the standard library's name)
        pass  # one line a request would drown the start-up line; the client sees every error


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
