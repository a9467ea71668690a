"""Hostile and failing queries against the real CLI in subprocesses (issue 20): SERVICE calls refused unless
allowed (a local HTTP server records whether any request reached it), errors as one line; ``serve`` checks the
Host header, sets the usual headers and no CORS, stops a query whose client left, and leaves no process and no
file behind after a kill -9."""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.store.destination import Destination
from tests.graphs import RUNAWAY_QUERY, Stated, make_graph


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


# ---- serve: Host, headers, errors, cancelled and killed queries, against a real `serve` subprocess ----

RUNAWAY = RUNAWAY_QUERY


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Serving:
    process: subprocess.Popen[str]
    port: int
    tmp: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


def _start(graph: Path, tmp: Path, *options: str) -> Serving:
    """``serve`` in a subprocess with its own temporary folder, answering once it has started."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(graph), "--port", str(port),
                                *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp)})
    serving = Serving(process, port, tmp)
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(serving, "ASK {}")
            return serving
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"serve did not start: {process.communicate()[1]}")
            time.sleep(0.2)


def _stop(serving: Serving) -> None:
    if serving.process.poll() is None:
        serving.process.send_signal(signal.SIGTERM)
        serving.process.wait(timeout=30)


def _get(serving: Serving, query: str, headers: dict[str, str] | None = None,
         timeout: float = 30) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(serving.url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def _error_line(body: str) -> str:
    message = json.loads(body)["error"]
    assert isinstance(message, str) and "\n" not in message and "Traceback" not in message
    return message


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture(scope="module")
def serving(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serving]:
    serving = _start(store, tmp_path_factory.mktemp("serve-tmp"), "--timeout", "3")
    yield serving
    _stop(serving)


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.nip.io:{port}",
                                  "127.0.0.1:1", ""])
def test_serve_refuses_a_host_that_is_not_its_address(serving: Serving, host: str) -> None:
    status, _, body = _get(serving, "ASK {}", {"Host": host.replace("{port}", str(serving.port))})
    assert status == 403 and "is not this server's address" in _error_line(body)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_serve_answers_its_own_address(serving: Serving, host: str) -> None:
    status, _, body = _get(serving, "ASK {}", {"Host": host.replace("{port}", str(serving.port)),
                                               "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_sets_the_usual_headers_and_no_cors(serving: Serving) -> None:
    for query in ("ASK {}", "SELECT * WHERE { ?x"):
        _, headers, _ = _get(serving, query, {"Origin": "https://evil.example"})
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert not any(name.lower().startswith("access-control-") for name in headers)
    preflight = urllib.request.Request(serving.url, method="OPTIONS", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    try:
        urllib.request.urlopen(preflight, timeout=10)
        pytest.fail("a preflight was allowed")
    except urllib.error.HTTPError as err:
        assert not any(name.lower().startswith("access-control-") for name in err.headers)


@pytest.mark.parametrize(("query", "status", "needle"), [
    ("SELECT * WHERE { ?x", 400, "invalid SPARQL query"),
    (RUNAWAY, 503, "ran past --timeout 3 s"),
])
def test_serve_errors_are_one_json_line(serving: Serving, query: str, status: int, needle: str) -> None:
    got, headers, body = _get(serving, query)
    assert got == status and headers["Content-Type"] == "application/json" and needle in _error_line(body)


def test_serve_refuses_service_unless_allowed(store: Path, endpoint: tuple[str, list[str]],
                                              serving: Serving, tmp_path: Path) -> None:
    url, requests = endpoint
    for query in CALLS:
        text = query.replace("{url}", url).replace("{base}", url.rsplit("/", 1)[0] + "/")
        status, _, body = _get(serving, text)
        assert status == 400 and "--allow-service" in _error_line(body)
    assert requests == []
    allowing = _start(store, tmp_path / "tmp", "--allow-service")
    try:
        status, _, _ = _get(allowing, CALLS[0].replace("{url}", url))
        assert status == 200 and len(requests) == 1  # the probe can fail: allowed, the request does go out
        status, _, body = _get(allowing, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
        assert status == 500 and "the query failed while running" in _error_line(body)
    finally:
        _stop(allowing)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the query's process in /proc")
def test_a_client_that_goes_away_stops_its_query(store: Path, tmp_path: Path) -> None:
    serving = _start(store, tmp_path / "tmp")
    try:
        client = socket.create_connection(("127.0.0.1", serving.port))
        path = "/query?" + urllib.parse.urlencode({"query": RUNAWAY})
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{serving.port}\r\n\r\n".encode())
        assert _wait(lambda: bool(_children(serving.process.pid))), "no query started"
        [worker] = _children(serving.process.pid)
        client.close()
        assert _wait(lambda: not _alive(worker), 10), "the query kept running after its client left"
        status, _, _ = _get(serving, "ASK {}")
        assert status == 200  # the server itself goes on
    finally:
        _stop(serving)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the query's process in /proc")
def test_kill_9_of_serve_leaves_no_process_and_no_file(store: Path, tmp_path: Path) -> None:
    graph_file = tmp_path / "world.ttl"
    done = run("export", str(store), "-o", str(graph_file))
    assert done.returncode == 0, done.stderr
    for graph in (store, graph_file):  # a store served as it is, a file read into memory
        before = set(tmp_path.rglob("*"))
        serving = _start(graph, tmp_path / f"tmp-{graph.name}")
        client = socket.create_connection(("127.0.0.1", serving.port))
        path = "/query?" + urllib.parse.urlencode({"query": RUNAWAY})
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{serving.port}\r\n\r\n".encode())
        assert _wait(lambda: bool(_children(serving.process.pid))), "no query started"  # noqa: B023
        workers = _children(serving.process.pid)
        os.kill(serving.process.pid, signal.SIGKILL)
        serving.process.wait()
        client.close()
        assert _wait(lambda: not any(_alive(w) for w in workers), 10), "a query outlived serve"  # noqa: B023
        assert set(tmp_path.rglob("*")) == before | {serving.tmp}  # nothing written, in TMPDIR or anywhere
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", serving.port), timeout=2):
            pass
