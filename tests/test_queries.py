"""The bundled SPARQL library: each query's answers on small hand-built graphs, safe parameters, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from graph.cli.app import main
from graph.errors import UsageError
from graph.query.named import named_queries, named_query, sparql_string
from graph.query.sparql import execute, run_named_query, run_query
from graph.store.database import store_of
from graph.store.files import save_graph
from tests.graphs import Stated, make_graph

EXPECTED = {"supporters-of", "opponents-of", "allies-of-allies", "enemies-of-enemies", "contested-pairs",
            "evidence-for", "affiliations-of", "most-connected", "stance-changes", "stance-over-time"}
TRICKY = 'The "Quote" {Front} \\ }'


@pytest.fixture(scope="module")
def world() -> Graph:
    return make_graph([
        Stated("Russia", "supports", "Syria"),
        Stated("Russia", "supports", "Syria"),
        Stated("Iran", "supports", "Syria"),
        Stated("Iran", "supports", "Hezbollah"),
        Stated("Iran", "supports", "Russia", hedged=True),
        Stated("Israel", "opposes", "Iran"),
        Stated("Israel", "opposes", "Hezbollah"),
        Stated("United States", "opposes", "Iran"),
        Stated("Turkey", "supports", "Qatar", date="2020-01-10"),
        Stated("Turkey", "supports", "Qatar", date="2020-02-01"),
        Stated("Turkey", "opposes", "Qatar", date="2021-06-30"),
        Stated("Turkey", "supports", "Iran", negated=True),
        Stated(TRICKY, "supports", "Syria"),
        Stated("Mark Toner", "affiliated_with", "United States", role="spokesman"),
        Stated("Mark Toner", "affiliated_with", "United States", role="deputy spokesman"),
    ], aliases={"Russia": {"Moscow", "the Kremlin"}, "United States": {"Washington"}},
        types={"Mark Toner": "Person"})


def rows(graph: Graph, name: str, **params: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) if v is not None else "" for v in row) for row in run_named_query(graph, name, params)]


def test_library_has_every_query_with_a_description() -> None:
    library = {q.name: q for q in named_queries()}
    assert set(library) >= EXPECTED
    for query in library.values():
        assert query.description.endswith(".") and len(query.description) > 30, query.name
        placeholders = {p.name for p in query.parameters}
        for param in placeholders:
            assert f"${param}" in query.text, (query.name, param)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_parses_and_runs_on_an_empty_graph(name: str) -> None:
    query = named_query(name)
    values = {p.name: "x" if p.kind == "string" else "3" for p in query.parameters}
    assert list(execute(store_of(Graph()), query.bind(values))) == []


@pytest.mark.parametrize("alias", ["Syria", "syria", "SYRIA"])
def test_supporters_of_counts_asserted_claims_only(world: Graph, alias: str) -> None:
    assert rows(world, "supporters-of", actor=alias) == [
        ("Russia", "Syria", "2"), ("Iran", "Syria", "1"), (TRICKY, "Syria", "1")]


@pytest.mark.parametrize("alias", ["Russia", "moscow", "The Kremlin"])
def test_an_actor_is_found_by_any_alias(world: Graph, alias: str) -> None:
    assert rows(world, "allies-of-allies", actor=alias) == [("Russia", "Syria", "Iran"), ("Russia", "Syria", TRICKY)]


def test_hedged_support_is_no_alliance(world: Graph) -> None:
    assert rows(world, "supporters-of", actor="Russia") == []


def test_opponents_of(world: Graph) -> None:
    assert rows(world, "opponents-of", actor="Tehran") == []
    assert rows(world, "opponents-of", actor="Iran") == [("Israel", "Iran", "1"), ("United States", "Iran", "1")]


def test_enemies_of_enemies_says_how_they_relate(world: Graph) -> None:
    got = rows(world, "enemies-of-enemies", actor="Washington")
    assert ("United States", "Iran", "Israel", "none") in got
    assert all(r[2] != "United States" for r in got)
    assert ("Hezbollah", "Israel", "Iran", "allied") in rows(world, "enemies-of-enemies", actor="Hezbollah")


def test_contested_pairs(world: Graph) -> None:
    assert rows(world, "contested-pairs") == [("Turkey", "Qatar", "2", "1")]


def test_evidence_for_a_pair_lists_every_claim_both_ways(world: Graph) -> None:
    got = rows(world, "evidence-for", actor="Iran", other="Turkey")
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in got] == [("Turkey", "supports", "Iran", "true", "false")]
    got = rows(world, "evidence-for", actor="russia", other="IRAN")
    assert [(r[0], r[1], r[4]) for r in got] == [("Iran", "supports", "true")]
    assert got[0][6].startswith("Sentence 4:") and got[0][7] == "Article 4"


def test_affiliations_of_collects_roles(world: Graph) -> None:
    [(person, org, roles, evidence)] = rows(world, "affiliations-of", organisation="washington")
    assert (person, org, evidence) == ("Mark Toner", "United States", "2")
    assert sorted(roles.split("; ")) == ["deputy spokesman", "spokesman"]


def test_most_connected_honours_the_limit(world: Graph) -> None:
    got = rows(world, "most-connected", limit="2")
    assert [r[0] for r in got] == ["Iran", "Syria"]
    assert got == [("Iran", "4", "4"), ("Syria", "3", "4")]
    assert len(rows(world, "most-connected")) == 10


def test_stance_changes_by_document_date(world: Graph) -> None:
    assert rows(world, "stance-changes") == [
        ("Turkey", "Qatar", "supports", "2020-01-10", "2020-02-01", "2"),
        ("Turkey", "Qatar", "opposes", "2021-06-30", "2021-06-30", "1")]


def test_a_value_with_quotes_and_braces_is_one_literal(world: Graph) -> None:
    assert rows(world, "opponents-of", actor=TRICKY) == []
    assert rows(world, "allies-of-allies", actor=TRICKY)[0][:2] == (TRICKY, "Syria")
    escape = 'x") || true || ("'
    breakout = 'x" . } UNION { ?source sg:supports ?target . ?source rdfs:label ?supporter . ' \
               '?target rdfs:label ?supported . ?claim sg:subject ?source #'
    for value in (escape, breakout, "x'''", "x\n} #", "x\\"):
        assert rows(world, "supporters-of", actor=value) == [], value


def test_sparql_string_round_trips_through_the_engine() -> None:
    for value in (TRICKY, "line\nbreak", "tab\there", "'single'", "back\\slash", "ünïcödé"):
        got = [str(r[0]) for r in run_query(Graph(), f"SELECT ?v WHERE {{ BIND ({sparql_string(value)} AS ?v) }}")]
        assert got == [value]


def test_bad_parameters_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="needs --param actor"):
        named_query("supporters-of").bind({})
    with pytest.raises(UsageError, match="no parameter 'who'.*actor"):
        named_query("supporters-of").bind({"actor": "x", "who": "y"})
    with pytest.raises(UsageError, match="whole number"):
        named_query("most-connected").bind({"limit": "10 } LIMIT 1"})
    with pytest.raises(UsageError, match="supporters-of"):
        named_query("supporters-off")


@pytest.fixture(scope="module")
def world_file(world: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("world") / "world.ttl"
    save_graph(world, path)
    return path


def test_cli_runs_a_named_query(world_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(world_file), "--name", "supporters-of", "--param", "actor=SYRIA",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "supporter,supported,evidence", "Russia,Syria,2", "Iran,Syria,1", f'"{TRICKY.replace(chr(34), 2 * chr(34))}"'
                                                                          ",Syria,1"]


def test_cli_writes_tsv_and_json_with_the_engine_serialisers(world_file: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(world_file), "--name", "supporters-of", "--param", "actor=syria", "--format",
                 "tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["?supporter\t?supported\t?evidence", '"Russia"\t"Syria"\t2', '"Iran"\t"Syria"\t1']
    assert lines[3] == '"The \\"Quote\\" {Front} \\\\ }"\t"Syria"\t1'  # quotes and backslash escaped, one line
    assert main(["query", str(world_file), "SELECT ?a WHERE { ?a sg:opposes actor:iran } ORDER BY ?a", "--format",
                 "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert [b["a"] for b in answer["results"]["bindings"]] == [
        {"type": "uri", "value": f"https://w3id.org/stancegraph/actor/{key}"} for key in ("israel", "united_states")]


def test_cli_lists_the_queries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sorted(line.split()[0] for line in out) == sorted(EXPECTED)
    assert any(line.startswith("supporters-of") and "Who supports an actor" in line and "actor=" in line
               for line in out)


@pytest.mark.parametrize(("argv", "message"), [
    (["--name", "nope"], "no named query 'nope'; choose one of affiliations-of, allies-of-allies"),
    (["--name", "supporters-of"], "needs --param actor=...; its parameters: actor (string)"),
    (["--name", "supporters-of", "--param", "actor"], "is not NAME=VALUE"),
    (["--name", "supporters-of", "--param", "actor=x", "--param", "side=y"], "no parameter 'side'"),
    (["--name", "most-connected", "--param", "limit=many"], "must be a whole number"),
    (["SELECT * {}", "--name", "contested-pairs"], "exactly one of them"),
    (["SELECT * {}", "--param", "a=b"], "--param goes with --name"),
])
def test_cli_usage_errors_exit_2_with_one_line(world_file: Path, argv: list[str], message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(world_file), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_cli_query_without_graph_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--name", "contested-pairs"]) == 2
    assert "give the GRAPH file" in capsys.readouterr().err


@pytest.mark.model
def test_named_query_on_the_demo_graph(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(demo_dir / "graph.ttl"), "--name", "supporters-of", "--param", "actor=Moscow",
                 "--format", "csv"]) == 0
    assert "Iran,Russia," in capsys.readouterr().out
    assert main(["query", str(demo_dir / "graph.ttl"), "--name", "affiliations-of", "--param",
                 "organisation=tehran", "--format", "csv"]) == 0
    assert "Mehdi Rostami,Iran,ministry spokesman,1" in capsys.readouterr().out


def test_evidence_for_names_the_speaker() -> None:
    g = make_graph([Stated("Iran", "opposes", "Israel", speaker="Ali Vaez", date="2024-03-01")],
                   types={"Ali Vaez": "Person"})
    [row] = rows(g, "evidence-for", actor="israel", other="iran")
    assert (row[0], row[1], row[2], row[8], row[9]) == ("Iran", "opposes", "Israel", "2024-03-01", "Ali Vaez")


def test_a_name_matching_label_and_alias_gives_each_row_once() -> None:
    g = make_graph([Stated("Qatar", "supports", "Rebel factions"), Stated("Rebel factions", "opposes", "Syria")],
                   aliases={"Rebel factions": {"rebel factions", "REBEL FACTIONS"}})
    assert len(rows(g, "evidence-for", actor="rebel factions", other="qatar")) == 1
    assert rows(g, "enemies-of-enemies", actor="Rebel Factions") == []
    assert rows(g, "allies-of-allies", actor="syria") == []
