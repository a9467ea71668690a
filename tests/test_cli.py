"""The CLI through the real model: every command, and one clear line for every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from graph.cli.app import main

pytestmark = pytest.mark.model

ARTICLE = (
    "Turkey steps up pressure\n\nTurkey condemned the Kurdish militia after the bombing in Ankara. "
    "Iran continues to back the Houthi rebels in Yemen. Washington imposed new sanctions on Moscow and "
    "Tehran on Friday.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, input=stdin, timeout=600
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text(
        json.dumps(
            {
                "id": "b1",
                "title": "Gulf",
                "date": "2017-06-05",
                "text": "Qatar sided with Turkey against the Saudi-led bloc. Jordan joined the coalition against the "
                "Islamic State in 2014.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "c.html").write_text(
        "<html><head><title>Kremlin praise</title></head><body><nav>Home</nav><article><p>The Kremlin praised "
        "Beijing for its neutral stance on the war, officials said on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    return folder


def edges(graph: Graph, prop: str) -> set[tuple[str, str]]:
    rows = graph.query(
        f"SELECT ?a ?b WHERE {{ ?x sg:{prop} ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }}",
        initNs={"sg": "https://w3id.org/stancegraph/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
    )
    return {(str(r[0]), str(r[1])) for r in rows}  # type: ignore[index]


def test_build_reads_every_format_and_resolves_metonymy(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    assert main(["build", str(corpus), "-o", str(out)]) == 0
    g = Graph().parse(out)
    assert {
        ("Turkey", "Kurdish militia"),
        ("United States", "Russia"),
        ("United States", "Iran"),
        ("Qatar", "Saudi-led bloc"),
        ("Jordan", "Islamic State"),
    } <= edges(g, "opposes")
    assert {("Iran", "Houthis"), ("Qatar", "Turkey"), ("Russia", "China")} <= edges(g, "supports")


def test_building_twice_with_append_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(corpus / "a.txt"), "-o", str(out)]) == 0
    first = Graph().parse(out)
    assert main(["build", str(corpus / "a.txt"), "-o", str(out), "--append"]) == 0
    assert isomorphic(first, Graph().parse(out))
    assert main(["build", str(corpus / "c.html"), "-o", str(out), "--append"]) == 0
    grown = Graph().parse(out)
    assert len(grown) > len(first)
    assert ("Russia", "China") in edges(grown, "supports") and ("Turkey", "Kurdish militia") in edges(grown, "opposes")


def test_extract_writes_the_claims_contract(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(corpus / "a.txt"), "-o", str(out)]) == 0
    claims = [json.loads(line) for line in out.read_text().splitlines()]
    text = ARTICLE
    sanction = [c for c in claims if c["object"]["label"] == "Russia"]
    assert sanction and sanction[0]["subject"]["label"] == "United States"
    for c in claims:
        assert set(c) >= {
            "doc_id",
            "sentence_index",
            "sentence",
            "relation",
            "subject",
            "object",
            "role",
            "negated",
            "hedged",
            "attributed_to",
            "confidence",
            "cue",
            "extractor",
        }
        assert c["doc_id"] == "a.txt"
        for side in ("subject", "object"):
            m = c[side]
            assert text[m["start"] : m["end"]] == m["text"]
            assert m["id"].startswith("https://w3id.org/stancegraph/actor/")


def test_query_formats(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    main(["build", str(corpus / "a.txt"), "-o", str(out)])
    q = "SELECT ?b WHERE { ?a sg:supports ?x . ?a rdfs:label ?b } ORDER BY ?b"
    table = run("query", str(out), q)
    assert table.returncode == 0 and "Iran" in table.stdout and "(1 row)" in table.stdout
    as_json = json.loads(run("query", str(out), q, "--format", "json").stdout)
    assert as_json["results"]["bindings"][0]["b"]["value"] == "Iran"
    rq = tmp_path / "q.rq"
    rq.write_text(q)
    assert run("query", str(out), "-f", str(rq), "--format", "csv").stdout.splitlines() == ["b", "Iran"]


def test_validate_and_view(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    main(["build", str(corpus), "-o", str(out)])
    assert run("validate", str(out)).returncode == 0
    html = tmp_path / "v.html"
    assert run("view", str(out), "-o", str(html), "--actor", "Qatar", "--hops", "1").returncode == 0
    page = html.read_text()
    assert "Saudi-led bloc" in page and "Houthi" not in page
    assert "http://" not in page.split("<script>", 1)[0].replace("http://www.w3.org", "")


def test_validate_rejects_an_edge_without_evidence(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix sg: <https://w3id.org/stancegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/stancegraph/actor/a> a sg:State ; rdfs:label "A" ;
    sg:supports <https://w3id.org/stancegraph/actor/b> .
<https://w3id.org/stancegraph/actor/b> a sg:State ; rdfs:label "B", "Bee" .
""")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "without an asserted claim" in result.stdout and "exactly one rdfs:label" in result.stdout


@pytest.mark.parametrize(
    "setup,args,needle,code",
    [
        (None, ["build", "missing-dir", "-o", "OUT.ttl"], "missing-dir: no such file", 1),
        ("empty.txt", ["build", "IN", "-o", "OUT.ttl"], "empty document", 1),
        ("binary.txt", ["build", "IN", "-o", "OUT.ttl"], "binary file", 1),
        ("latin1.txt", ["build", "IN", "-o", "OUT.ttl"], "not valid UTF-8", 1),
        ("bad.jsonl", ["build", "IN", "-o", "OUT.ttl"], "bad.jsonl:1: malformed JSON", 1),
        ("empty.html", ["build", "IN", "-o", "OUT.ttl"], "no article text", 1),
        ("spanish.txt", ["build", "IN", "-o", "OUT.ttl"], "does not look like English", 1),
        ("a.txt", ["build", "IN", "-o", "OUT.xyz"], "unknown graph extension .xyz", 2),
        ("notrdf.ttl", ["query", "IN", "SELECT * WHERE { ?s ?p ?o }"], "not a valid turtle graph", 1),
        ("notrdf.ttl", ["validate", "IN"], "not a valid turtle graph", 1),
    ],
)
def test_bad_input_gets_one_clear_line(
    tmp_path: Path, setup: str | None, args: list[str], needle: str, code: int
) -> None:
    contents = {
        "empty.txt": b"  \n",
        "binary.txt": b"\x00\x01\x02 abc",
        "latin1.txt": "Ankara c\u00e9de".encode("latin-1"),
        "bad.jsonl": b'{"id": "x", "text": "unterminated\n',
        "empty.html": b"<html><body><nav>Home</nav></body></html>",
        "spanish.txt": "Reuni\u00f3n entre el presidente y el ministro en el Kremlin sobre la guerra en Siria y los "
        "acuerdos con Turqu\u00eda para la frontera del norte.".encode(),
        "a.txt": ARTICLE.encode(),
        "notrdf.ttl": b"this is not turtle {",
    }
    src = tmp_path / (setup or "none")
    if setup:
        src.write_bytes(contents[setup])
    out = tmp_path / Path(args[args.index("-o") + 1]).name if "-o" in args else None
    argv = [a.replace("IN", str(src)).replace("OUT.ttl", str(out)).replace("OUT.xyz", str(out)) for a in args]
    result = run(*argv)
    assert result.returncode == code
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    if out is not None:
        assert not out.exists()


def test_invalid_sparql_is_one_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    main(["build", str(corpus / "a.txt"), "-o", str(out)])
    result = run("query", str(out), "SELEKT ?x WHERE {")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "invalid SPARQL" in result.stderr


def test_bad_document_is_skipped_and_the_rest_built(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    out = tmp_path / "g.ttl"
    result = run("build", str(corpus), "-o", str(out))
    assert result.returncode == 1  # some documents were skipped (the README's exit codes); the rest are built
    assert "broken.txt" in result.stderr and "binary file" in result.stderr
    assert ("Turkey", "Kurdish militia") in edges(Graph().parse(out), "opposes")


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_odd_article_addresses_never_stop_a_build(tmp_path: Path, suffix: str) -> None:
    # A url with a space and a quote is no IRI as written, one without a scheme is none at all: the articles are
    # built, the first address percent-encoded, the second kept as text.
    lines = [json.dumps({"id": "a", "text": ARTICLE, "url": 'https://news.example/a story"1'}),
             json.dumps({"id": "b", "text": ARTICLE + " ", "url": "www.news.example/b"})]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / f"g{suffix}"
    result = run("build", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(out)
    sources = {str(o) for o in graph.objects(None, DCTERMS.source)}
    assert sources == {"https://news.example/a%20story%221", "www.news.example/b"}
    assert ("Iran", "Houthis") in edges(graph, "supports")


def test_failed_build_leaves_an_existing_graph_untouched(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    main(["build", str(corpus / "a.txt"), "-o", str(out)])
    before = out.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("build", str(empty), "-o", str(out), "--append").returncode == 1
    assert out.read_bytes() == before


def test_stdin_input(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = run("build", "-", "-o", str(out), stdin=ARTICLE)
    assert result.returncode == 0
    assert ("Iran", "Houthis") in edges(Graph().parse(out), "supports")


def test_output_cut_short_by_the_reader_is_no_traceback(demo_dir: Path) -> None:
    # `stancegraph query ... | head -1`: the reader closes the pipe long before the table is written.
    cmd = [sys.executable, "-m", "graph.cli", "query", str(demo_dir / "graph.ttl"), "SELECT * WHERE { ?s ?p ?o }"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=600)
    assert first.strip(), "the first line of the table arrives"
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert code == 141


def test_the_cli_imports_what_only_other_commands_need_when_they_run() -> None:
    # build and extract start faster without the SHACL validator and the view's graph libraries (seconds a run).
    code = "import sys, graph.cli; print(sorted(m for m in ('pyshacl', 'pyvis', 'networkx') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_a_directory_s_readme_and_licence_are_not_articles(tmp_path: Path) -> None:
    from graph.readers.documents import read_documents

    (tmp_path / "README.md").write_text("# My corpus\n\nArticles scraped in May; Iran backs Hezbollah.\n")
    (tmp_path / "LICENSE.txt").write_text("Permission is hereby granted to Norway and Chile.\n")
    (tmp_path / "a.txt").write_text("Headline\n\nIran continues to back the Houthi rebels in Yemen.\n")
    errors: list[Exception] = []
    assert [d.id for d in read_documents([str(tmp_path)], errors.append)] == ["a.txt"]
    named = list(read_documents([str(tmp_path / "README.md")], errors.append))  # named on purpose: read
    assert [d.id for d in named] == ["README.md"] and errors == []


def test_extract_arguments_have_help() -> None:
    from graph.cli.app import _parser

    extract = _parser()._subparsers._group_actions[0].choices["extract"]  # type: ignore[union-attr]
    assert all(action.help for action in extract._actions if action.dest != "help")


@pytest.mark.parametrize("text", [
    "Президент России заявил во вторник, что Россия продолжит поддерживать правительство Сирии.",
    "俄罗斯总统普京周二表示，俄罗斯将继续支持叙利亚政府，并向大马士革提供更多援助。",
    "Die Bundesregierung hat am Dienstag weitere militärische Hilfe für die Ukraine angekündigt.",
])
def test_a_non_english_article_is_skipped_with_its_reason(text: str, tmp_path: Path) -> None:
    (tmp_path / "foreign.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("build", str(tmp_path), "-o", str(tmp_path / "g.ttl"))
    assert "foreign.txt: does not look like English" in result.stderr
    assert (tmp_path / "g.ttl").exists()  # the English article is built
