"""The view's data, selection and size limit, without a browser (see test_view_browser.py for the page)."""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from pathlib import Path

import pytest
from rdflib import Graph

from graph.cli import app as cli
from graph.errors import InputError, UsageError
from graph.store.files import save_graph
from graph.view import render as view
from graph.view.data import collect_actors, collect_edges
from graph.view.layout import communities, layout_positions
from graph.view.page import source_hash
from tests.graphs import Stated, make_graph
from tests.view_graph import ACTORS, small_graph

RUSSIA, ASSAD, TURKEY, YPG, KAYA = (ACTORS[k].iri for k in ("russia", "assad", "turkey", "ypg", "kaya"))


@pytest.fixture(scope="module")
def edges():  # type: ignore[no-untyped-def]
    graph = small_graph()
    actors = collect_actors(graph)
    return actors, collect_edges(graph, actors)


def _keys(selected: list[view.Edge]) -> set[tuple[str, str, str]]:
    return {(e.source, e.relation, e.target) for e in selected}


def test_edges_carry_every_claim_with_speaker_and_flags(edges) -> None:  # type: ignore[no-untyped-def]
    _, found = edges
    by_key = {(e.source, e.relation, e.target): e for e in found}
    backing = by_key[(RUSSIA, "supports", ASSAD)]
    assert (backing.asserted, len(backing.evidence)) == (2, 3)
    assert [e.hedged for e in backing.evidence] == [False, False, True]  # weak claims listed last
    condemn = by_key[(TURKEY, "opposes", RUSSIA)].evidence[0]
    assert condemn.speaker == "Omer Kaya" and condemn.date == "2024-03-05" and condemn.document == "Report 4"
    assert condemn.extractor == "stance.v1" and backing.evidence[1].extractor.startswith("<img src=z")
    assert condemn.sentence[slice(*condemn.highlights[1][:2])] == "condemned"
    assert (TURKEY, "supports", YPG) not in by_key  # a negated claim never makes an edge


def test_filters_by_evidence_confidence_and_neighbourhood(edges) -> None:  # type: ignore[no-untyped-def]
    actors, found = edges
    assert _keys(view.select_edges(found, actors, None, 2, 2)) == {
        (RUSSIA, "supports", ASSAD), (TURKEY, "opposes", RUSSIA), (TURKEY, "opposes", YPG)}
    assert (TURKEY, "supports", RUSSIA) not in _keys(view.select_edges(found, actors, None, 2, 1, 0.6))
    one_hop = view.select_edges(found, actors, "the Kremlin", 1, 1)  # an alias finds the actor
    assert {e.source for e in one_hop} | {e.target for e in one_hop} == {RUSSIA, ASSAD, TURKEY}
    assert YPG in {e.target for e in view.select_edges(found, actors, "Moscow", 2, 1)}
    with pytest.raises(UsageError, match="no actor named 'Atlantis'"):
        view.select_edges(found, actors, "Atlantis", 2, 1)
    assert view.find_actor(actors, "kreml") == view.find_actor(actors, "Russia")  # part of a name, as the page's search
    with pytest.raises(UsageError, match=r"'a' names \d+ actors \("):
        view.find_actor(actors, "a")


def test_contested_pair_is_marked_and_curved_apart(edges) -> None:  # type: ignore[no-untyped-def]
    _, found = edges
    drawn = {(e["from"], e["relation"], e["to"]): e for e in view.view_edges(found)}
    support, oppose = drawn[(TURKEY, "supports", RUSSIA)], drawn[(TURKEY, "opposes", RUSSIA)]
    assert support["contested"] and oppose["contested"] and support["dashes"] and oppose["shadow"]
    assert support["smooth"]["roundness"] != oppose["smooth"]["roundness"]
    assert not drawn[(RUSSIA, "supports", ASSAD)]["contested"]
    assert not drawn[(YPG, "opposes", TURKEY)]["contested"]  # opposite directions are not a contest


def _page_data(page: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script type="application/json" id="stancegraph-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_page_holds_untrusted_text_only_as_escaped_json() -> None:
    page = view.render_view(small_graph())
    assert "<img src=x" not in page and "</script><img" not in page
    sentences = [ev["sentence"] for e in _page_data(page)["edges"] for ev in e["evidence"]]
    assert any("<img src=x onerror=window.pwned=1>" in s for s in sentences)


def test_the_policy_allows_exactly_the_pages_own_scripts_and_styles() -> None:
    page = view.render_view(small_graph())
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None
    csp = html.unescape(policy.group(1))
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and csp.startswith("default-src 'none';")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    code = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(code) == 2 and len(styles) == 1  # vis-network and the view's script; the view's stylesheet
    assert directives["script-src"].split() == [f"'{source_hash(c)}'" for c in code]
    assert directives["style-src"].split() == [f"'{source_hash(c)}'" for c in styles]
    assert ' style="' not in page and " onclick=" not in page  # inline attributes would be refused


def test_vendored_vis_network_is_the_npm_file() -> None:
    vendored = Path(view.__file__).parent / "vendor"
    digest = hashlib.sha256((vendored / "vis-network.min.js").read_bytes()).hexdigest()
    assert digest == "f6ee3a6560dd2bc7fce0b08149a30f2111e78255c5bb677e02c6517acc770379"  # vis-network 9.1.9
    assert digest in (vendored / "README.md").read_text(encoding="utf-8")
    assert "MIT License" in (vendored / "LICENSE-MIT").read_text(encoding="utf-8")
    assert "Apache License" in (vendored / "LICENSE-APACHE-2.0").read_text(encoding="utf-8")


def test_too_many_actors_exits_1_with_a_filter_that_fits(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    save_graph(small_graph(), tmp_path / "g.ttl")
    monkeypatch.setattr(view, "MAX_ACTORS", 4)
    code = cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "v.html")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and not (tmp_path / "v.html").exists()
    assert err == ("stancegraph: error: the graph has 5 actors; the view holds 4: use --min-evidence 2 or "
                   "--actor Turkey --hops 2")
    assert cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "v.html"), "--min-evidence", "2",
                     "--min-confidence", "0.85"]) == 0


def test_check_size_without_a_fitting_threshold_names_the_hub(edges, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    actors, found = edges
    monkeypatch.setattr(view, "MAX_ACTORS", 1)
    with pytest.raises(InputError, match=r"holds 1: use --actor Turkey --hops 2$"):
        view.check_size(found, actors, 1)


def test_nodes_are_sized_and_ranked_by_their_evidence(edges) -> None:  # type: ignore[no-untyped-def]
    actors, found = edges
    nodes = {n["id"]: n for n in view.view_nodes(actors, found, None)}
    # Russia: 2 asserted claims for Assad, 1 of Turkey's support, 2 of Turkey's opposition
    assert nodes[RUSSIA]["value"] == 5 and nodes[KAYA]["value"] == 1
    assert sorted(nodes, key=lambda iri: nodes[iri]["rank"])[:2] == [TURKEY, RUSSIA]  # Turkey: 8 claims


def test_pairs_linked_only_by_affiliation_are_marked() -> None:
    graph = make_graph([Stated("Turkey", "opposes", "YPG"), Stated("Omer Kaya", "affiliated_with", "Turkey"),
                        Stated("Sara Klein", "affiliated_with", "Wilson Center")],
                       types={"Omer Kaya": "Person", "Sara Klein": "Person", "Wilson Center": "Organization"})
    actors = collect_actors(graph)
    drawn = {(actors[e["from"]].label, actors[e["to"]].label): e["affiliationOnly"]
             for e in view.view_edges(collect_edges(graph, actors))}
    assert drawn == {("Turkey", "YPG"): False, ("Omer Kaya", "Turkey"): False, ("Sara Klein", "Wilson Center"): True}


def _dated() -> Graph:
    return make_graph([Stated("Turkey", "supports", "Qatar", date="2020-01-10"),
                       Stated("Turkey", "supports", "Qatar", date="2020-02-01"),
                       Stated("Turkey", "opposes", "Qatar", date="2021-06-30"),
                       Stated("Iran", "supports", "Syria"),
                       Stated("Omer Kaya", "affiliated_with", "Turkey", date="2020-01-12")],
                      types={"Omer Kaya": "Person"})


def test_the_command_lines_time_range_relations_and_types_reach_the_page() -> None:
    every = _page_data(view.render_view(_dated()))
    assert every["settings"]["months"] == ["2020-01", "2020-02", "2021-06"]
    assert len(every["edges"]) == 4  # the undated Iran -> Syria too
    narrowed = _page_data(view.render_view(_dated(), filters=view.ViewFilters(
        since="2020-02", until="2021", relations=frozenset({"supports", "opposes"}),
        types=frozenset({"State"}))))
    settings = narrowed["settings"]
    assert settings["months"] == ["2020-02", "2021-06"] and settings["relations"] == ["opposes", "supports"]
    assert settings["types"] == ["State"]
    kept = sorted((e["relation"], len(e["evidence"])) for e in narrowed["edges"])
    assert kept == [("opposes", 1), ("supports", 1)]  # one supporting claim left in the range, none undated
    two = view.render_view(_dated(), min_evidence=2)
    assert [e["relation"] for e in _page_data(two)["edges"]] == ["supports"]


def test_view_options_on_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    save_graph(_dated(), tmp_path / "g.ttl")
    out = tmp_path / "v.html"
    assert cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(out), "--since", "2020-02", "--relation",
                     "opposes", "--type", "State"]) == 0
    settings = _page_data(out.read_text(encoding="utf-8"))["settings"]
    assert settings["relations"] == ["opposes"] and settings["months"] == ["2021-06"]
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(out), "--since", "June 2020"])
    assert exit_info.value.code == 2
    assert "'June 2020' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD" in capsys.readouterr().err


def test_layout_packs_separate_parts_instead_of_a_ring() -> None:
    big = [(f"h{i}", f"h{j}") for i in range(12) for j in range(i + 1, 12) if (i + j) % 3]
    pairs = [(f"p{i}", f"q{i}") for i in range(15)]
    names = sorted({n for e in big + pairs for n in e})
    pos = layout_positions(names, big + pairs)
    hub_x = [pos[n][0] for n in names if n.startswith("h")]
    hub_y = [pos[n][1] for n in names if n.startswith("h")]
    for a, b in pairs:
        for x, y in (pos[a], pos[b]):  # outside the big part's box, never around it: beside it or below
            outside = not (min(hub_x) <= x <= max(hub_x) and min(hub_y) <= y <= max(hub_y))
            assert outside and (x > max(hub_x) or y > max(hub_y)), (a, x, y)
        assert math.dist(pos[a], pos[b]) < (max(hub_x) - min(hub_x))  # a pair stays together


def test_layout_keeps_communities_together() -> None:
    left = [(f"l{i}", f"l{j}") for i in range(10) for j in range(i + 1, 10)]
    right = [(f"r{i}", f"r{j}") for i in range(10) for j in range(i + 1, 10)]
    edges = left + right + [("l0", "r0"), ("l1", "r1")]
    names = sorted({n for e in edges for n in e})
    assert len(set(communities(names, edges).values())) == 2
    pos = layout_positions(names, edges)

    def centre(prefix: str) -> tuple[float, float]:
        points = [pos[n] for n in names if n.startswith(prefix)]
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))

    inside = max(math.dist(pos[n], centre(n[0])) for n in names)
    assert math.dist(centre("l"), centre("r")) > inside  # each community nearer its own centre than the other's
