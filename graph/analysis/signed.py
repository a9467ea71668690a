"""Signed-network analysis on a networkx graph whose edges carry ``sign`` (+1 support, -1 opposition, 0 contested)
and ``weight`` (how much evidence): structural balance of triads, blocs, and the actors that bridge blocs.

Works on any undirected ``nx.Graph`` with those attributes, so it can be tested on small hand-built graphs;
``graph.analysis.tables.signed_graph`` makes one from a stancegraph graph. Edges with sign 0 (as much support as
opposition) take part in nothing here.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

Node = Hashable


@dataclass(frozen=True)
class Triad:
    """Three actors, each pair linked by support (+1) or opposition (-1); balanced when the signs' product is +1."""

    nodes: tuple[str, str, str]
    signs: tuple[int, int, int]  # of the pairs (0,1), (0,2), (1,2)

    @property
    def balanced(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0

    def describe(self) -> str:
        """A sentence saying what the triad is, e.g. 'A and B both oppose C but oppose each other'.

        Examples:
            >>> Triad(("A", "B", "C"), (-1, -1, -1)).describe()
            'A, B and C all oppose one another (unbalanced: A and B both oppose C but oppose each other)'
            >>> Triad(("A", "B", "C"), (1, -1, -1)).describe()
            'A and B are allies against C (balanced)'
        """
        a, b, c = self.nodes
        pairs = {(a, b): self.signs[0], (a, c): self.signs[1], (b, c): self.signs[2]}
        negatives = [p for p, s in pairs.items() if s < 0]
        if not negatives:
            return f"{a}, {b} and {c} all support one another (balanced)"
        if len(negatives) == 3:
            return f"{a}, {b} and {c} all oppose one another (unbalanced: {a} and {b} both oppose {c} but oppose " \
                   f"each other)"
        if len(negatives) == 2:
            (allies,) = [p for p, s in pairs.items() if s > 0]
            (other,) = set(self.nodes) - set(allies)
            return f"{allies[0]} and {allies[1]} are allies against {other} (balanced)"
        (enemies,) = negatives
        (friend,) = set(self.nodes) - set(enemies)
        return f"{friend} supports both {enemies[0]} and {enemies[1]}, but they oppose each other (unbalanced)"


def _label(graph: nx.Graph, node: Node) -> str:
    return str(graph.nodes[node].get("label", node))


def _signed_edges(graph: nx.Graph) -> Iterable[tuple[Node, Node, int, float]]:
    for u, v, data in graph.edges(data=True):
        sign = int(data.get("sign", 0))
        if sign and u != v:
            yield u, v, sign, float(data.get("weight", 1.0))


def find_triads(graph: nx.Graph) -> list[Triad]:
    """Every triangle of signed (non-zero) edges, nodes named by their ``label`` attribute, sorted.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "C", sign=-1); g.add_edge("B", "C", sign=-1); g.add_edge("A", "B", sign=-1)
        >>> [(t.nodes, t.balanced) for t in find_triads(g)]
        [(('A', 'B', 'C'), False)]
    """
    sign: dict[frozenset[Node], int] = {}
    neighbours: dict[Node, set[Node]] = defaultdict(set)
    for u, v, s, _ in _signed_edges(graph):
        sign[frozenset((u, v))] = s
        neighbours[u].add(v)
        neighbours[v].add(u)
    order = {n: i for i, n in enumerate(sorted(neighbours, key=lambda n: (_label(graph, n), str(n))))}
    found = []
    for u in neighbours:
        for v in neighbours[u]:
            if order[v] <= order[u]:
                continue
            for w in neighbours[u] & neighbours[v]:
                if order[w] > order[v]:
                    found.append(Triad((_label(graph, u), _label(graph, v), _label(graph, w)),
                                       (sign[frozenset((u, v))], sign[frozenset((u, w))], sign[frozenset((v, w))])))
    return sorted(found, key=lambda t: t.nodes)


def frustration(graph: nx.Graph, blocs: dict[Node, int]) -> float:
    """Evidence weight of support between blocs plus opposition within a bloc: 0 for a perfectly split graph.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", sign=1, weight=2); g.add_edge("A", "C", sign=-1, weight=1)
        >>> frustration(g, {"A": 0, "B": 0, "C": 1}), frustration(g, {"A": 0, "B": 1, "C": 0})
        (0.0, 3.0)
    """
    return float(sum(w for u, v, s, w in _signed_edges(graph) if (s > 0) != (blocs[u] == blocs[v])))


def find_blocs(graph: nx.Graph, seed: int = 0, restarts: int = 20) -> dict[Node, int]:
    """A partition into blocs with support inside and opposition between (least frustration, then fewest blocs).

    Local search per connected component of signed edges: each actor moves to the bloc (or a new one) that lowers
    the frustration, from the all-apart start and from ``restarts`` random starts drawn with ``seed``; then blocs
    whose union costs nothing are merged. Blocs are numbered 0, 1, ... by size, largest first. Actors without
    signed edges are left out. Deterministic for a given ``seed``.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", sign=1); g.add_edge("C", "D", sign=1); g.add_edge("A", "C", sign=-1)
        >>> blocs = find_blocs(g)
        >>> blocs["A"] == blocs["B"] != blocs["C"] == blocs["D"]
        True
    """
    signed = nx.Graph()
    for u, v, s, w in _signed_edges(graph):
        signed.add_edge(u, v, sign=s, weight=w)
    rng = random.Random(seed)
    members: list[list[Node]] = []
    for component in sorted(nx.connected_components(signed), key=lambda c: sorted(map(str, c))):
        sub = signed.subgraph(component)
        members.extend(_best_partition(sub, rng, restarts))
    members.sort(key=lambda m: (-len(m), sorted(_label(graph, n) for n in m)))
    return {node: i for i, group in enumerate(members) for node in group}


def _best_partition(graph: nx.Graph, rng: random.Random, restarts: int) -> list[list[Node]]:
    nodes = sorted(graph.nodes, key=str)
    best: tuple[float, int, list[list[Node]]] | None = None
    for attempt in range(restarts + 1):
        start = {n: i for i, n in enumerate(nodes)} if attempt == 0 else {n: rng.randrange(4) for n in nodes}
        blocs = _merge_free(graph, _local_search(graph, start, nodes, rng))
        groups: dict[int, list[Node]] = defaultdict(list)
        for n in nodes:
            groups[blocs[n]].append(n)
        key = (frustration(graph, blocs), len(groups), sorted(groups.values(), key=lambda g: sorted(map(str, g))))
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


def _local_search(graph: nx.Graph, blocs: dict[Node, int], nodes: list[Node], rng: random.Random) -> dict[Node, int]:
    blocs = dict(blocs)
    improved = True
    while improved:
        improved = False
        order = nodes[:]
        rng.shuffle(order)
        for node in order:
            fresh = max(blocs.values()) + 1
            options = sorted({blocs[n] for n in graph[node]} | {blocs[node], fresh})
            costs = {c: _cost(graph, blocs, node, c) for c in options}
            choice = min(options, key=lambda c: (costs[c], c != blocs[node]))
            if costs[choice] < costs[blocs[node]]:
                blocs[node] = choice
                improved = True
    return blocs


def _cost(graph: nx.Graph, blocs: dict[Node, int], node: Node, bloc: int) -> float:
    return float(sum(d["weight"] for n, d in graph[node].items() if (d["sign"] > 0) != (blocs[n] == bloc)))


def _merge_free(graph: nx.Graph, blocs: dict[Node, int]) -> dict[Node, int]:
    """Merge two blocs while that does not raise the frustration (no more opposition than support between them)."""
    blocs = dict(blocs)
    while True:
        between: dict[tuple[int, int], float] = defaultdict(float)
        for u, v, d in graph.edges(data=True):
            a, b = sorted((blocs[u], blocs[v]))
            if a != b:
                between[(a, b)] += d["weight"] if d["sign"] < 0 else -d["weight"]
        ids = sorted(set(blocs.values()))
        candidates = [(between.get((a, b), 0.0), a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
        candidates = [c for c in candidates if c[0] <= 0]
        if not candidates:
            return blocs
        _, keep, gone = min(candidates)
        blocs = {n: keep if c == gone else c for n, c in blocs.items()}


@dataclass(frozen=True)
class Bridge:
    """An actor with support ties into blocs other than its own."""

    actor: str
    bloc: int
    other_blocs: tuple[int, ...]
    cross_support: float  # evidence weight of its support ties to other blocs
    own_support: float  # evidence weight of its support ties inside its bloc


def find_bridges(graph: nx.Graph, blocs: dict[Node, int]) -> list[Bridge]:
    """Actors whose support reaches into other blocs, most cross-bloc support first.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", sign=1); g.add_edge("C", "D", sign=1); g.add_edge("B", "C", sign=1)
        >>> g.add_edge("A", "D", sign=-1, weight=3); g.add_edge("A", "C", sign=-1); g.add_edge("B", "D", sign=-1)
        >>> [(b.actor, b.other_blocs) for b in find_bridges(g, {"A": 0, "B": 0, "C": 1, "D": 1})]
        [('B', (1,)), ('C', (0,))]
    """
    bridges = []
    for node in sorted(blocs, key=lambda n: _label(graph, n)):
        cross: dict[int, float] = defaultdict(float)
        own = 0.0
        for other, data in graph[node].items():
            if other not in blocs or int(data.get("sign", 0)) <= 0:
                continue
            if blocs[other] == blocs[node]:
                own += float(data.get("weight", 1.0))
            else:
                cross[blocs[other]] += float(data.get("weight", 1.0))
        if cross:
            bridges.append(Bridge(_label(graph, node), blocs[node], tuple(sorted(cross)), sum(cross.values()), own))
    return sorted(bridges, key=lambda b: (-b.cross_support, b.actor))
