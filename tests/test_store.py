"""The store as the graph's home: builds into an Oxigraph store directory, every reading command on a store or a
file (read by Oxigraph), one writer at a time, queries stopped by --timeout, engine errors as one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from graph.cli.app import main
from graph.query.sparql import run_named_query, run_query
from graph.store.database import load_graph, open_writer
from graph.store.destination import Destination
from graph.store.files import save_graph
from graph.store.location import open_store
from tests.graphs import RUNAWAY_QUERY, Stated, make_graph

ARTICLES = [
    "Iran continues to back the Houthi rebels in Yemen. Israel condemned Hezbollah after the attack.",
    "Turkey condemned the Kurdish militia after the bombing in Ankara. Russia supports the Syrian government.",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=600)


def quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def world() -> Graph:
    return make_graph([Stated("Russia", "supports", "Syria"), Stated("Iran", "supports", "Syria"),
                       Stated("Israel", "opposes", "Iran"), Stated("Turkey", "opposes", "Iran", hedged=True)],
                      aliases={"Russia": {"Moscow"}})


@pytest.fixture()
def world_store(world: Graph, tmp_path: Path) -> Path:
    path = tmp_path / "world"
    Destination(path).write(world)
    return path


def test_a_store_holds_what_the_file_holds(world: Graph, world_store: Path, tmp_path: Path) -> None:
    file = tmp_path / "world.ttl"
    save_graph(world, file)
    assert quads(open_store(world_store)) == quads(open_store(file))
    assert len(quads(open_store(file))) == len(world)


@pytest.mark.parametrize("kind", ["store", "file"])
def test_the_python_api_reads_a_store_or_a_file_through_oxigraph(world: Graph, world_store: Path, tmp_path: Path,
                                                                  kind: str) -> None:
    path = world_store
    if kind == "file":
        path = tmp_path / "world.nt"
        save_graph(world, path)
    graph = load_graph(path)
    assert isinstance(graph.store, OxigraphStore)
    assert len(graph) == len(world)
    assert [(str(r[0]), str(r[2])) for r in run_named_query(graph, "supporters-of", {"actor": "syria"})] == [
        ("Iran", "1"), ("Russia", "1")]
    assert {str(r[0]) for r in run_query(graph, "SELECT ?l WHERE { ?a sg:opposes ?b . ?a rdfs:label ?l }")} == {
        "Israel"}


def test_an_odd_address_rdflib_accepts_still_loads(world: Graph, tmp_path: Path) -> None:
    graph = Graph() + world
    doc = next(graph.subjects(DCTERMS.identifier, None))
    graph.add((doc, DCTERMS.source, URIRef("http://news.example:abc/a%zz")))
    path = tmp_path / "odd.ttl"
    save_graph(graph, path)
    assert len(load_graph(path)) == len(graph)


def test_writing_again_replaces_in_one_go_and_keeps_what_is_the_same(world: Graph, world_store: Path) -> None:
    smaller = make_graph([Stated("Russia", "supports", "Syria")])
    out = Destination(world_store)
    out.write(smaller)
    del out
    assert len(load_graph(world_store)) == len(smaller)


def test_cli_query_view_and_validate_take_a_store(world_store: Path, tmp_path: Path) -> None:
    done = run("query", str(world_store), "--name", "opponents-of", "--param", "actor=iran", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["opponent,opposed,evidence", "Israel,Iran,1"]
    done = run("validate", str(world_store))
    assert done.returncode == 0 and "conforms" in done.stdout, done.stderr
    view = tmp_path / "view.html"
    done = run("view", str(world_store), "-o", str(view))
    assert done.returncode == 0 and '"Israel"' in view.read_text(encoding="utf-8"), done.stderr


def test_a_second_writer_is_told_the_store_is_busy(world_store: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    before = quads(open_store(world_store))
    writer = open_writer(world_store)  # this test process is the first writer
    try:
        done = run("build", str(article), "-o", str(world_store), "--append")
    finally:
        del writer
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and len(errors) == 1 and "store is busy" in errors[0], done.stderr
    assert quads(open_store(world_store)) == before


def test_a_runaway_query_is_stopped_by_the_timeout(world_store: Path) -> None:
    done = run("query", str(world_store), RUNAWAY_QUERY, "--timeout", "1")
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "ran past --timeout 1 s" in done.stderr and "Traceback" not in done.stderr


def test_an_error_while_running_is_one_line(world_store: Path) -> None:
    done = run("query", str(world_store), "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
               "--allow-service")
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "the query failed while running" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: p.mkdir(), "is not a stancegraph store"),
    (lambda p: None, "no such store or graph file"),
])
def test_a_missing_or_foreign_store_is_one_line(tmp_path: Path, make: object, needle: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nostore"
    make(path)  # type: ignore[operator]
    assert main(["query", str(path), "SELECT * WHERE { ?s ?p ?o }"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err



def _write_articles(folder: Path) -> list[Path]:
    """``ARTICLES`` as a.txt files in ``folder``, in order."""
    paths = [folder / f"a{i}.txt" for i in range(len(ARTICLES))]
    for path, text in zip(paths, ARTICLES, strict=True):
        path.write_text(text, encoding="utf-8")
    return paths

@pytest.mark.model
def test_build_into_a_store_equals_the_file_build_and_append_adds_once(tmp_path: Path) -> None:
    articles = _write_articles(tmp_path)
    store, file = tmp_path / "news", tmp_path / "news.ttl"
    assert main(["build", *map(str, articles), "-o", str(file)]) == 0
    assert main(["build", str(articles[0]), "-o", str(store)]) == 0
    assert main(["build", *map(str, articles), "-o", str(store), "--append"]) == 0
    assert quads(open_store(store)) == quads(open_store(file))
    again = quads(open_store(store))
    assert main(["build", str(articles[1]), "-o", str(store), "--append"]) == 0
    assert quads(open_store(store)) == again
    assert main(["build", str(articles[1]), "-o", str(store)]) == 0  # without --append: the store is replaced
    assert len(quads(open_store(store))) < len(again)


@pytest.mark.model
def test_a_failed_build_leaves_no_new_store_behind(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    done = run("build", str(empty), "-o", str(tmp_path / "news"))
    assert done.returncode == 1 and not (tmp_path / "news").exists(), done.stderr


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_every_export_format_round_trips_through_import(world_store: Path, tmp_path: Path, suffix: str) -> None:
    exported = tmp_path / f"world{suffix}"
    done = run("export", str(world_store), "-o", str(exported))
    assert done.returncode == 0 and exported.stat().st_size > 0, done.stderr
    back = tmp_path / "back"
    done = run("import", str(exported), "-o", str(back))
    assert done.returncode == 0, done.stderr
    assert quads(open_store(back)) == quads(open_store(world_store))  # every triple, in the default graph


def test_quads_formats_name_their_graph_and_json_ld_is_compacted(world_store: Path, tmp_path: Path) -> None:
    from graph.store.transfer import GRAPH_IRI, export_store

    export_store(world_store, tmp_path / "w.nq")
    assert {str(q.graph_name.value) for q in ox.parse(path=str(tmp_path / "w.nq"))} == {GRAPH_IRI}
    export_store(world_store, tmp_path / "w.jsonld")
    text = (tmp_path / "w.jsonld").read_text(encoding="utf-8")
    assert '"@context"' in text and '"sg": "https://w3id.org/stancegraph/ontology#"' in text and "sg:supports" in text


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_a_graph_written_as_quads_is_in_the_named_graph_and_reads_back_whole(world: Graph, tmp_path: Path,
                                                                              suffix: str) -> None:
    from graph.store.files import GRAPH_IRI

    path = tmp_path / f"world{suffix}"
    Destination(path).write(world)  # what build -o world.trig writes
    names = {q.graph_name for q in ox.parse(path=str(path))}
    assert names == {ox.NamedNode(GRAPH_IRI)}  # a named graph with an IRI, never a blank node
    nt = tmp_path / "world.nt"
    save_graph(world, nt)
    assert quads(open_store(path)) == quads(open_store(nt)) and len(quads(open_store(path))) == len(world)


def test_import_adds_files_in_one_transaction_and_a_bad_file_adds_nothing(world: Graph, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    save_graph(world, good)
    bad.write_text("this is not turtle {", encoding="utf-8")
    store = tmp_path / "imported"
    done = run("import", str(good), str(bad), "-o", str(store))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "bad.ttl: not a valid turtle graph" in done.stderr
    assert not store.exists()
    done = run("import", str(good), "-o", str(store))
    assert done.returncode == 0 and f"{len(world)} new triples" in done.stderr, done.stderr
    done = run("import", str(good), "-o", str(store))
    assert done.returncode == 0 and " 0 new triples" in done.stderr, done.stderr


def test_export_to_an_unknown_format_is_a_usage_error(world_store: Path, tmp_path: Path) -> None:
    done = run("export", str(world_store), "-o", str(tmp_path / "w.xyz"))
    assert done.returncode == 2 and "cannot export to .xyz" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_the_network_export_reads_back_in_networkx(world_store: Path, tmp_path: Path, suffix: str) -> None:
    import networkx as nx

    out = tmp_path / f"net{suffix}"
    done = run("export", str(world_store), "-o", str(out))
    assert done.returncode == 0, done.stderr
    net = nx.read_graphml(out) if suffix == ".graphml" else nx.read_gexf(out)
    labels = {d["label"]: n for n, d in net.nodes(data=True)}
    assert {"Russia", "Syria", "Iran", "Israel", "Turkey"} <= set(labels)
    assert net.nodes[labels["Russia"]]["type"] == "State"
    edges = {(net.nodes[u]["label"], d["relation"], net.nodes[v]["label"]): d for u, v, d in net.edges(data=True)}
    assert set(edges) == {("Russia", "supports", "Syria"), ("Iran", "supports", "Syria"), ("Israel", "opposes", "Iran")}
    israel = edges[("Israel", "opposes", "Iran")]
    assert int(israel["polarity"]) == -1 and int(israel["claims"]) == 1 and float(israel["mean_confidence"]) > 0


def test_the_csv_export_writes_edges_and_nodes(world_store: Path, tmp_path: Path) -> None:
    import csv

    done = run("export", str(world_store), "-o", str(tmp_path / "net.csv"))
    assert done.returncode == 0, done.stderr
    edges = list(csv.DictReader((tmp_path / "net.csv").open(encoding="utf-8")))
    nodes = {r["id"]: r for r in csv.DictReader((tmp_path / "net-nodes.csv").open(encoding="utf-8"))}
    assert sorted((nodes[e["source"]]["label"], e["relation"], nodes[e["target"]]["label"], e["polarity"])
                  for e in edges) == [("Iran", "supports", "Syria", "1"), ("Israel", "opposes", "Iran", "-1"),
                                      ("Russia", "supports", "Syria", "1")]
    assert "Moscow" in {n["label"]: n for n in nodes.values()}["Russia"]["aliases"]
    assert "Turkey" in {n["label"] for n in nodes.values()}  # an actor with hedged claims only is still a node


@pytest.mark.model
def test_an_append_says_how_many_articles_were_new_and_how_many_already_there(tmp_path: Path) -> None:
    articles = _write_articles(tmp_path)
    store = tmp_path / "news"
    assert run("build", str(articles[0]), "-o", str(store)).returncode == 0
    done = run("build", *map(str, articles), "-o", str(store), "--append")
    assert done.returncode == 0 and "(1 new, 1 already there)" in done.stderr, done.stderr
    before = quads(open_store(store))
    done = run("build", *map(str, articles), "-o", str(store), "--append")
    assert done.returncode == 0 and "0 documents" in done.stderr and "(0 new, 2 already there)" in done.stderr
    assert quads(open_store(store)) == before


def test_an_append_adds_what_is_new_and_replaces_a_changed_label(world: Graph, world_store: Path) -> None:
    from rdflib import RDF, RDFS, Literal

    from ontology import SG

    russia = next(s for s, o in world.subject_objects(RDFS.label) if str(o) == "Russia")
    before = quads(open_store(world_store))
    update = Graph().add((russia, RDF.type, SG.State)).add((russia, RDFS.label, Literal("Russian Federation")))
    out = Destination(world_store)
    out.write(update, append=True)
    del out
    graph = load_graph(world_store)
    assert [str(o) for o in graph.objects(russia, RDFS.label)] == ["Russian Federation"]
    after = quads(open_store(world_store))
    assert len(before - after) == 1 and len(after - before) == 1  # the old label out, the new one in; the rest kept


def test_an_append_reads_a_stores_actors_at_the_start_and_its_documents_one_lookup_at_a_time(
        world: Graph, world_store: Path) -> None:
    from rdflib import RDF

    from graph.build import actors_in, add_document, document_iri, documents_by_id, new_graph
    from graph.readers.documents import Document
    from ontology import SG

    out = Destination(world_store)
    known = out.known(new_graph())
    assert not set(known.subjects(RDF.type, SG.Document))  # no stored article read before the first new one
    assert sorted(actors_in(known), key=lambda a: a.key) == sorted(actors_in(world), key=lambda a: a.key)
    stored, by_id = out.documents(new_graph()), documents_by_id(world)
    assert len(by_id) == 4
    for doc_id, iris in by_id.items():
        assert stored.under(doc_id) == iris and all(map(stored.holds, iris))
    later = Document(id="d0.txt", text="Another text under a stored id.")
    assert not stored.holds(document_iri(later)) and stored.under("nowhere.txt") == []
    update = new_graph()
    add_document(update, later)
    out.write(update, append=True)
    assert stored.holds(document_iri(later))  # asked of the store when asked, not read at the start
    assert sorted(stored.under("d0.txt")) == sorted([*by_id["d0.txt"], document_iri(later)])  # as an old store may


@pytest.mark.model
def test_kill_9_during_an_append_leaves_the_store_as_before_or_after(world_store: Path, tmp_path: Path) -> None:
    import os
    import shutil
    import signal
    import time

    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(12):
        (articles / f"a{i}.txt").write_text(f"Report {i}. " + ARTICLES[i % 2], encoding="utf-8")
    finished = tmp_path / "finished"
    shutil.copytree(world_store, finished)
    assert run("build", str(articles), "-o", str(finished), "--append").returncode == 0
    after, before = quads(open_store(finished)), quads(open_store(world_store))
    assert after != before
    beside = set(world_store.parent.iterdir())
    for delay in (0.3, 1.5, 2.5, 3.5, 5.0):
        process = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(articles), "-o", str(world_store),
                                    "--append"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert quads(open_store(world_store)) in (before, after), delay  # readable, and one transaction or none
        assert set(world_store.parent.iterdir()) == beside  # nothing stray beside the store


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_quads_files_are_built_read_back_whole_and_appended_to(tmp_path: Path, suffix: str) -> None:
    articles = _write_articles(tmp_path)
    out, whole = tmp_path / f"g{suffix}", tmp_path / "whole.nt"
    assert main(["build", str(articles[0]), "-o", str(out)]) == 0
    assert main(["build", str(articles[1]), "-o", str(out), "--append"]) == 0
    assert main(["build", *map(str, articles), "-o", str(whole)]) == 0
    assert quads(open_store(out)) == quads(open_store(whole))
