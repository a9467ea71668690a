"""``stancegraph serve``: a real SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper and plain HTTP (its
faults: Host, headers, cancelled queries, kill -9, are probed in ``tests/faults/test_queries.py``)."""

from __future__ import annotations

import csv
import io
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from graph.cli.app import main
from graph.store.files import save_graph
from tests.graphs import Stated, make_graph

PREFIXES = ("PREFIX sg: <https://w3id.org/stancegraph/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
SUPPORTERS = PREFIXES + "SELECT ?name WHERE { ?s sg:supports ?o . ?s rdfs:label ?name . ?o rdfs:label 'Syria' } " \
                        "ORDER BY ?name"


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[str]
    graph: Graph
    stores_before: set[Path]


def _stores() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("stancegraph-serve-*"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    graph = make_graph([Stated("Russia", "supports", "Syria"), Stated("Iran", "supports", "Syria"),
                        Stated("Israel", "opposes", "Iran"), Stated("Iran", "supports", "Hezbollah", hedged=True)])
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    save_graph(graph, path)
    port, before = free_port(), _stores()
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"server did not start: {process.communicate()[1]}")
            time.sleep(0.2)
    yield Server(url, port, process, graph, before)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def http(request: urllib.request.Request) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8", "replace")


def test_sparqlwrapper_select(server: Server) -> None:
    client = SPARQLWrapper(server.url)
    client.setQuery(SUPPORTERS)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert isinstance(result, dict)
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Iran", "Russia"]


def test_sparqlwrapper_post_ask(server: Server) -> None:
    client = SPARQLWrapper(server.url)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(PREFIXES + "ASK { ?s sg:supports ?o . ?o rdfs:label 'Hezbollah' }")
    assert client.query().convert() == {"head": {}, "boolean": False}  # hedged support is no edge


def test_get_with_csv_content_negotiation(server: Server) -> None:
    request = urllib.request.Request(server.url + "?" + urllib.parse.urlencode({"query": SUPPORTERS}),
                                     headers={"Accept": "text/csv"})
    status, kind, body = http(request)
    assert status == 200 and kind.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [["name"], ["Iran"], ["Russia"]]


@pytest.mark.parametrize(("content_type", "encode"), [
    ("application/sparql-query", lambda q: q.encode("utf-8")),
    ("application/x-www-form-urlencoded", lambda q: urllib.parse.urlencode({"query": q}).encode("ascii")),
])
def test_post_query_bodies(server: Server, content_type: str, encode: object) -> None:
    body = encode(SUPPORTERS)  # type: ignore[operator]
    request = urllib.request.Request(server.url, data=body, method="POST", headers={
        "Content-Type": content_type, "Accept": "application/sparql-results+xml"})
    status, kind, text = http(request)
    assert status == 200 and "sparql-results+xml" in kind
    assert text.index("<literal>Iran</literal>") < text.index("<literal>Russia</literal>")


def test_construct_as_turtle_is_the_graph(server: Server) -> None:
    request = urllib.request.Request(server.url + "?" + urllib.parse.urlencode(
        {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}), headers={"Accept": "text/turtle"})
    status, kind, body = http(request)
    assert status == 200 and kind.startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == len(server.graph)


def test_malformed_query_is_400(server: Server) -> None:
    status, _, _ = http(urllib.request.Request(server.url + "?" + urllib.parse.urlencode(
        {"query": "SELECT ?x WHERE { ?x"})))
    assert status == 400


def test_updates_are_refused(server: Server) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    base = server.url.rsplit("/", 1)[0]
    status, _, _ = http(urllib.request.Request(base + "/update", data=update.encode(), method="POST",
                                               headers={"Content-Type": "application/sparql-update"}))
    assert status in (403, 405)
    status, _, _ = http(urllib.request.Request(server.url, data=update.encode(), method="POST",
                                               headers={"Content-Type": "application/sparql-update"}))
    assert status >= 400
    count = http(urllib.request.Request(server.url + "?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}),
        headers={"Accept": "application/sparql-results+json"}))
    assert int(json.loads(count[2])["results"]["bindings"][0]["n"]["value"]) == len(server.graph)


def _listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        lines = Path(table).read_text().splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the Linux socket table")
def test_listens_on_loopback_only(server: Server) -> None:
    assert _listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, little-endian hex


def test_busy_port_is_one_error_line(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.ttl"
    save_graph(server.graph, path)
    assert main(["serve", str(path), "--port", str(server.port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{server.port}" in err


def test_missing_graph_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "none.ttl"), "--port", str(free_port())]) == 1
    assert "no such graph file" in capsys.readouterr().err


def test_sigterm_stops_the_server_and_its_store(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=30) == 0
    err = server.process.stderr.read() if server.process.stderr else ""
    assert "read-only at" in err and "server stopped" in err
    assert _stores() <= server.stores_before  # the temporary Oxigraph store is deleted
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=2):
        pass


def _normal(cell: str) -> str:
    try:
        return repr(float(cell))
    except ValueError:
        return "; ".join(sorted(cell.split("; ")))


@pytest.mark.model
def test_the_endpoint_answers_every_named_query_like_rdflib_on_the_demo_graph(demo_dir: Path) -> None:
    from graph.query.named import named_queries, sparql_string
    from graph.query.sparql import run_query
    from graph.store.database import load_graph
    from ontology import PREFIXES as DECLARED

    graph = load_graph(demo_dir / "graph.ttl")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(demo_dir / "graph.ttl"), "--port",
                                str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in DECLARED.items())
        values = {"actor": "Iran", "other": "israel", "organisation": "Iran", "limit": "5"}
        answered = 0
        for query in named_queries():
            # the endpoint takes query text, so this test writes the values in (stancegraph itself binds them)
            text = query.text
            for p in query.parameters:
                value = values.get(p.name, p.default or "")
                text = text.replace(f"${p.name}", value if p.kind == "integer" else sparql_string(value))
            local = sorted(tuple(_normal(str(v) if v is not None else "") for v in row)
                           for row in run_query(graph, text))
            status, _, body = http(urllib.request.Request(
                url + "?" + urllib.parse.urlencode({"query": prologue + text}), headers={"Accept": "text/csv"}))
            assert status == 200, (query.name, body)
            remote = sorted(tuple(_normal(c) for c in row) for row in list(csv.reader(io.StringIO(body)))[1:])
            assert remote == local, query.name
            answered += bool(local)
        assert answered >= 5  # most queries have answers on the demo graph, so the comparison means something
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_an_article_url_oxigraph_finds_odd_still_loads(tmp_path: Path) -> None:
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    graph = make_graph([Stated("Russia", "supports", "Syria")])
    doc = next(graph.subjects(DCTERMS.identifier, None))
    graph.add((doc, DCTERMS.source, URIRef("http://news.example:abc/a%zz")))  # rdflib accepts it, Oxigraph's
    path = tmp_path / "odd.ttl"                                               # strict parser does not
    save_graph(graph, path)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(path), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        for _ in range(300):
            try:
                status, _, body = http(urllib.request.Request(url, headers={"Accept": "text/csv"}))
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and body.splitlines()[1] == str(len(graph))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
