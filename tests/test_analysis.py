"""The analysis API: tables, networkx graphs with signs and evidence, balance, blocs and bridges, on small
signed graphs whose right answers are known, and on the demo graph."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from graph.analysis import draw_blocs, stance_by_period, stance_changes, stance_timeline
from graph.analysis.tables import (
    actors_frame,
    blocs_frame,
    edges_frame,
    find_blocs,
    find_bridges,
    find_triads,
    frustration,
    load,
    signed_graph,
    to_networkx,
    triads_frame,
)
from graph.errors import UsageError
from tests.graphs import Stated, actor_key, make_graph

IRI = "https://w3id.org/stancegraph/actor/"


def signed(edges: list[tuple[str, str, int]]) -> nx.Graph:
    g = nx.Graph()
    for u, v, s in edges:
        g.add_edge(u, v, sign=s, weight=1)
    return g


def two_blocs(left: list[str], right: list[str], drop: int = 0) -> nx.Graph:
    """Support inside each side, opposition across, every ``drop``-th pair left out (0: none)."""
    edges = [(a, b, 1) for side in (left, right) for a, b in itertools.combinations(side, 2)]
    edges += [(a, b, -1) for a in left for b in right]
    return signed([e for i, e in enumerate(edges) if not drop or i % drop])


def partition(blocs: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for node, bloc in blocs.items():
        groups.setdefault(bloc, set()).add(node)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("drop", [0, 3, 4])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_a_balanced_two_bloc_graph_is_split_exactly(drop: int, seed: int) -> None:
    left, right = ["Iran", "Russia", "Syria", "Hezbollah"], ["US", "Israel", "Saudi Arabia"]
    g = two_blocs(left, right, drop)
    assert nx.is_connected(g)
    blocs = find_blocs(g, seed=seed)
    assert partition(blocs) == {frozenset(left), frozenset(right)}
    assert blocs["Iran"] == 0 and frustration(g, blocs) == 0  # the larger bloc is numbered 0
    assert all(t.balanced for t in find_triads(g))


def test_three_mutual_enemies_are_three_blocs() -> None:
    g = signed([("A", "B", -1), ("B", "C", -1), ("A", "C", -1)])
    assert partition(find_blocs(g)) == {frozenset("A"), frozenset("B"), frozenset("C")}


def test_enemy_of_my_enemy_joins_my_bloc() -> None:
    g = signed([("Israel", "Iran", -1), ("US", "Iran", -1), ("Iran", "Hezbollah", 1)])
    assert partition(find_blocs(g)) == {frozenset({"Israel", "US"}), frozenset({"Iran", "Hezbollah"})}


def test_the_partition_minimises_frustration_exhaustively() -> None:
    g = signed([("A", "B", 1), ("B", "C", 1), ("A", "C", -1), ("C", "D", -1), ("D", "E", 1), ("B", "E", -1),
                ("A", "E", 1)])
    nodes = sorted(g.nodes)
    best = min(frustration(g, dict(zip(nodes, labels, strict=True)))
               for labels in itertools.product(range(len(nodes)), repeat=len(nodes)))
    assert best > 0
    assert frustration(g, find_blocs(g)) == best


def test_an_unbalanced_triad_is_found_and_described() -> None:
    g = two_blocs(["A", "B"], ["X", "Y"])
    g.add_edge("A", "C", sign=-1, weight=1)
    g.add_edge("B", "C", sign=-1, weight=1)
    g.add_edge("A", "B", sign=-1, weight=1)  # A and B fall out: both oppose C but oppose each other
    unbalanced = [t for t in find_triads(g) if not t.balanced]
    assert ("A", "B", "C") in [t.nodes for t in unbalanced]
    described = {t.nodes: t.describe() for t in unbalanced}
    assert "A and B both oppose C but oppose each other" in described[("A", "B", "C")]
    # the four triangles of A, B, X, Y and ABC; with A-B now opposition, ABX and ABY are unbalanced too
    assert len(find_triads(g)) == 5
    assert sorted(described) == [("A", "B", "C"), ("A", "B", "X"), ("A", "B", "Y")]


def test_a_friend_of_two_enemies_is_unbalanced() -> None:
    [triad] = find_triads(signed([("Qatar", "Turkey", 1), ("Qatar", "Egypt", 1), ("Turkey", "Egypt", -1)]))
    assert not triad.balanced and triad.describe().startswith("Qatar supports both Egypt and Turkey")


def test_contested_edges_take_no_part() -> None:
    g = signed([("A", "B", 1), ("B", "C", 1), ("A", "C", 0)])
    assert find_triads(g) == []
    assert frustration(g, {"A": 0, "B": 1, "C": 2}) == 2


def test_bridges_support_into_another_bloc() -> None:
    g = two_blocs(["A", "B", "C"], ["X", "Y", "Z"])
    g.remove_edge("C", "X")
    g.add_edge("C", "X", sign=1, weight=1)
    blocs = find_blocs(g)
    assert partition(blocs) == {frozenset("ABC"), frozenset("XYZ")}
    bridges = find_bridges(g, blocs)
    assert [(b.actor, b.cross_support, b.own_support) for b in bridges] == [("C", 1.0, 2.0), ("X", 1.0, 2.0)]


@pytest.fixture(scope="module")
def stances() -> nx.DiGraph:
    return make_graph([
        Stated("Russia", "supports", "Syria"), Stated("Russia", "supports", "Syria"),
        Stated("Syria", "supports", "Russia"), Stated("Syria", "opposes", "Russia"),
        Stated("Iran", "supports", "Syria"), Stated("Iran", "supports", "Russia", hedged=True),
        Stated("Israel", "opposes", "Iran"), Stated("Turkey", "supports", "Qatar"),
        Stated("Qatar", "opposes", "Turkey"), Stated("Qatar", "supports", "Turkey", negated=True),
        Stated("Ann Lee", "affiliated_with", "Qatar", role="envoy"),
    ], aliases={"Russia": {"Moscow"}}, types={"Ann Lee": "Person"})


def test_tables_count_evidence(stances: nx.DiGraph) -> None:
    actors = actors_frame(stances)
    assert actors.set_index("label").loc["Russia", "aliases"] == ["Moscow"]
    assert actors.set_index("label").loc["Ann Lee", "type"] == "Person"
    edges = edges_frame(stances).set_index(["source", "relation", "target"])
    assert edges.loc[("Russia", "supports", "Syria"), "evidence"] == 2
    assert tuple(edges.loc[("Iran", "supports", "Russia"), ["evidence", "hedged_claims"]]) == (0, 1)
    assert tuple(edges.loc[("Qatar", "supports", "Turkey"), ["evidence", "negated_claims"]]) == (0, 1)
    assert edges.loc[("Ann Lee", "affiliatedWith", "Qatar"), "evidence"] == 1


def test_networkx_graphs_carry_sign_and_evidence(stances: nx.DiGraph) -> None:
    d = to_networkx(stances)
    russia, syria, iran = (IRI + actor_key(n) for n in ("Russia", "Syria", "Iran"))
    assert d.nodes[russia]["label"] == "Russia"
    assert d[russia][syria] == {"supports": 2, "opposes": 0, "affiliated": 0, "evidence": 2, "sign": 1}
    assert d[syria][russia]["sign"] == 0  # one support, one opposition
    assert not d.has_edge(iran, russia)  # hedged only
    assert not any(data["affiliated"] for _, _, data in d.edges(data=True))
    assert any(data["affiliated"] for _, _, data in to_networkx(stances, include_affiliations=True).edges(data=True))
    s = signed_graph(stances)
    assert (s[russia][syria]["supports"], s[russia][syria]["opposes"], s[russia][syria]["sign"]) == (3, 1, 1)
    assert s[russia][syria]["weight"] == 2
    turkey, qatar = IRI + actor_key("Turkey"), IRI + actor_key("Qatar")
    assert s[turkey][qatar]["sign"] == 0


def test_frames_of_triads_and_blocs_use_labels(stances: nx.DiGraph) -> None:
    s = signed_graph(stances)
    s.add_edge(IRI + "israel", IRI + "syria", supports=0, opposes=1, sign=-1, weight=1)
    triads = triads_frame(s)
    assert triads[["a", "b", "c", "signs", "balanced"]].values.tolist() == [["Iran", "Israel", "Syria", "-+-", True]]
    blocs = blocs_frame(s, find_blocs(s))
    assert blocs["members"].tolist() == [["Iran", "Russia", "Syria"], ["Israel"]]


@pytest.mark.model
def test_the_demo_graph_puts_israel_and_the_united_states_together(demo_dir: Path) -> None:
    s = signed_graph(load(demo_dir / "graph.ttl"))
    labels = {n: d["label"] for n, d in s.nodes(data=True)}
    by_label = {labels[n]: b for n, b in find_blocs(s, seed=0).items()}
    assert by_label["Israel"] == by_label["United States"] != by_label["Iran"]


@pytest.mark.model
def test_the_demo_graph(demo_dir: Path) -> None:
    g = load(demo_dir / "graph.ttl")
    s = signed_graph(g)
    labels = {n: d["label"] for n, d in s.nodes(data=True)}
    blocs = find_blocs(s, seed=0)
    by_label = {labels[n]: b for n, b in blocs.items()}
    assert by_label["Russia"] == by_label["Iran"] == by_label["Hezbollah"]
    assert by_label["Israel"] != by_label["Iran"]
    assert by_label["Turkey"] != by_label["YPG"]
    # every bloc's inside is support and its outside opposition, up to the frustration the partition reports
    inside_opposition = sum(1 for u, v, d in s.edges(data=True) if d["sign"] < 0 and blocs[u] == blocs[v])
    assert inside_opposition <= frustration(s, blocs)
    assert find_blocs(s, seed=0) == blocs
    triads = {t.nodes: t.balanced for t in find_triads(s)}
    assert triads.get(("Iran", "Russia", "United States")) is True


def _dated_world() -> Graph:
    return make_graph([Stated("Turkey", "supports", "Qatar", date="2020-01-10"),
                       Stated("Turkey", "supports", "Qatar", date="2020-01-20"),
                       Stated("Qatar", "supports", "Turkey", date="2020-03-01"),
                       Stated("Turkey", "opposes", "Qatar", date="2020-04-30"),
                       Stated("Turkey", "supports", "Qatar", date="2020-04-02", hedged=True),
                       Stated("Turkey", "opposes", "Syria", date="2020-02-02"),
                       Stated("Turkey", "opposes", "Iran")],
                      aliases={"Turkey": {"Ankara"}})


def test_stance_timeline_counts_a_pairs_claims_per_month_both_ways() -> None:
    pair = stance_timeline(_dated_world(), "ankara", "Qatar")
    assert pair.values.tolist() == [
        ["2020-01", "Turkey", "supports", "Qatar", 2, 0],
        ["2020-03", "Qatar", "supports", "Turkey", 1, 0],
        ["2020-04", "Turkey", "opposes", "Qatar", 1, 0],
        ["2020-04", "Turkey", "supports", "Qatar", 0, 1]]  # hedged: a weak claim, not an asserted one
    series = stance_by_period(pair)
    assert series.index.tolist() == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert series["supports"].tolist() == [2, 0, 1, 0] and series["opposes"].tolist() == [0, 0, 0, 1]
    assert stance_by_period(pair, weak=True)["supports"].tolist() == [0, 0, 0, 1]


def test_stance_timeline_of_an_actor_covers_every_dated_pair() -> None:
    actor = stance_timeline(_dated_world(), "Turkey")
    assert sorted(set(actor.object)) == ["Qatar", "Syria", "Turkey"]  # Iran's claim has no date
    assert stance_timeline(_dated_world(), "Turkey", period="year").claims.sum() == 5
    assert stance_timeline(_dated_world(), "Atlantis").empty
    with pytest.raises(UsageError, match="period 'week' is not one of month, year"):
        stance_timeline(_dated_world(), "Turkey", period="week")


def test_stance_changes_reads_the_same_claims() -> None:
    changes = stance_changes(_dated_world())
    assert changes.values.tolist() == [["Turkey", "Qatar", "supports", "2020-01-10", "2020-01-20", 2],
                                       ["Turkey", "Qatar", "opposes", "2020-04-30", "2020-04-30", 1]]


def test_the_bloc_drawing_leaves_out_actors_without_a_signed_tie() -> None:
    s = signed([("A", "B", 1), ("B", "C", -1), ("C", "D", -1)])
    s.add_node("lonely", label="Lonely")
    figure = draw_blocs(s, {"A": 0, "B": 0, "C": 1, "D": 0, "lonely": 2})
    axes = figure.axes[0]
    assert sorted(t.get_text() for t in axes.texts) == ["A", "B", "C", "D"]
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    for text in axes.texts:  # every label inside the drawing area
        x, y = text.get_position()
        assert x0 < x < x1 and y0 < y < y1
