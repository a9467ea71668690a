"""Hostile and failing queries against the real CLI in subprocesses: SERVICE calls refused unless allowed (a
local HTTP server records whether any request reached it), runtime errors as one line (issue 20)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.destination import Destination
from tests.graphs import Stated, make_graph


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=120)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self._answer()

    def _answer(self) -> None:
        type(self).requests.append(self.path)
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def endpoint() -> Iterator[tuple[str, list[str]]]:
    """A local SPARQL endpoint that records every request it gets."""
    requests: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", requests
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "world"
    Destination(path).write(make_graph([Stated("Russia", "supports", "Syria")]))
    return path


CALLS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { sErViCe <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE # a comment between the keyword and the address\n <{url}> { ?s ?p ?o } }",
    "PREFIX remote: <{base}>\nSELECT * WHERE { SERVICE remote:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE SILENT <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND (<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", CALLS)
def test_service_is_refused_before_any_request(store: Path, endpoint: tuple[str, list[str]], query: str) -> None:
    url, requests = endpoint
    text = query.replace("{url}", url).replace("{base}", url.rsplit("/", 1)[0] + "/")
    done = run("query", str(store), text)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "SERVICE" in done.stderr and "--allow-service" in done.stderr and "Traceback" not in done.stderr
    assert requests == []


def test_service_in_a_query_file_is_refused_too(store: Path, endpoint: tuple[str, list[str]],
                                                tmp_path: Path) -> None:
    url, requests = endpoint
    rq = tmp_path / "q.rq"
    rq.write_text(CALLS[0].replace("{url}", url), encoding="utf-8")
    done = run("query", str(store), "-f", str(rq))
    assert done.returncode == 1 and "--allow-service" in done.stderr and requests == []


def test_allow_service_lets_the_query_reach_the_endpoint(store: Path, endpoint: tuple[str, list[str]]) -> None:
    url, requests = endpoint  # the probe can fail: with the switch, the same query does reach the server
    done = run("query", str(store), CALLS[0].replace("{url}", url), "--allow-service", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(requests) == 1


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service ?p "SERVICE <http://127.0.0.1:1/>" } # SERVICE <http://127.0.0.1:1/>',
    "PREFIX service: <https://w3id.org/stancegraph/ontology#>\nSELECT * WHERE { ?a service:supports ?b }",
    "SELECT * WHERE { ?a <http://example.org/SERVICE> ?b }",
])
def test_the_word_service_elsewhere_is_no_call(store: Path, query: str) -> None:
    done = run("query", str(store), query)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("query", "needle"), [
    ("SELECT * WHERE { ?x", "invalid SPARQL query"),
    ('SELECT * WHERE { ?s ?p ?o } ORDER BY xsd:integer("x") LIMIT "a"', "invalid SPARQL query"),
])
def test_a_bad_query_is_one_line(store: Path, query: str, needle: str) -> None:
    done = run("query", str(store), query)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and needle in done.stderr, done.stderr
