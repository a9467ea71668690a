"""Node positions for the HTML view, computed in Python with igraph so that the browser runs no physics.

Each connected part of the graph is laid out on its own: its communities are found first (igraph's multilevel
modularity, Louvain), and the force-directed layout (igraph's Fruchterman-Reingold) pulls harder along edges inside
a community than across, so a community stays together. The parts are then packed in rows, largest first, instead
of being left to drift into a ring around the largest one. igraph does both in C: 2,000 actors take about a second.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import igraph as ig
import numpy as np

_SPACING = 100.0  # pixels a node needs around it on the page
_ACROSS = 0.05  # pull of an edge between two communities, against 1 for an edge inside one
_GAP = 2.0  # room between packed parts, in units of _SPACING
_ITERATIONS = 500
_CORE_ROOM = 1.2  # room for a part's core, against the square root of its number of actors


def layout_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], seed: int = 7,
                     last: Iterable[str] = ()) -> dict[str, tuple[float, float]]:
    """Page coordinates (pixels, centred on 0) for ``nodes``, deterministic for a given ``seed``; the parts that
    hold a node of ``last`` (those the page hides at first) are packed after all the others.

    Examples:
        >>> pos = layout_positions(["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "e")])
        >>> sorted(pos) == ["a", "b", "c", "d", "e"]
        True
        >>> pos == layout_positions(["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "e")])
        True
    """
    names = sorted(set(nodes))
    graph = _igraph(names, edges)
    with _seeded(seed):
        later = {i for i, name in enumerate(names) if name in set(last)}
        parts = sorted(graph.connected_components(),
                       key=lambda part: (bool(later & set(part)), -len(part), names[min(part)]))
        placed = _pack([_part_layout(graph.induced_subgraph(part)) for part in parts])
    centre = np.mean(list(placed.values()), axis=0) if placed else np.zeros(2)
    return {node: (round(float(x - centre[0]) * _SPACING, 1), round(float(y - centre[1]) * _SPACING, 1))
            for node, (x, y) in placed.items()}


def communities(nodes: Sequence[str], edges: Iterable[tuple[str, str]], seed: int = 7) -> dict[str, int]:
    """Each node's community number (igraph's multilevel modularity), the largest community first.

    Examples:
        >>> found = communities("abcxyz", [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
        ...                                ("c", "x")])
        >>> found["a"] == found["b"] == found["c"] != found["x"] == found["y"] == found["z"]
        True
    """
    graph = _igraph(sorted(set(nodes)), edges)
    with _seeded(seed):
        return _communities(graph)


def _igraph(names: list[str], edges: Iterable[tuple[str, str]]) -> ig.Graph:
    index = {name: i for i, name in enumerate(names)}
    pairs = {tuple(sorted((index[a], index[b]))) for a, b in edges if a != b and a in index and b in index}
    graph = ig.Graph(n=len(names), edges=sorted(pairs))
    graph.vs["name"] = names
    return graph


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from a generator of our own while inside, so results repeat and the ``random``
    module's state is left alone."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _communities(graph: ig.Graph) -> dict[str, int]:
    groups = list(graph.community_multilevel()) if graph.ecount() else [list(range(graph.vcount()))]
    ranked = sorted(groups, key=lambda group: (-len(group), min(graph.vs[i]["name"] for i in group)))
    return {graph.vs[i]["name"]: number for number, group in enumerate(ranked) for i in group}


def _part_layout(part: ig.Graph) -> dict[str, np.ndarray]:
    """A connected part laid out around 0 in units of ``_SPACING``, its communities kept together."""
    names = part.vs["name"]
    if part.vcount() == 1:
        return {names[0]: np.zeros(2)}
    group = _communities(part)
    pull = [1.0 if group[names[a]] == group[names[b]] else _ACROSS for a, b in part.get_edgelist()]
    coords = np.array(part.layout_fruchterman_reingold(weights=pull, niter=_ITERATIONS).coords, dtype=float)
    # the part's core (actors with two ties or more) gets room for its number of actors; leaves hang around it
    core = [i for i, degree in enumerate(part.degree()) if degree > 1] or list(range(part.vcount()))
    coords -= coords[core].mean(axis=0)
    spread = float(np.sqrt((coords[core] ** 2).sum(axis=1).mean())) or 1.0
    coords *= _CORE_ROOM * np.sqrt(len(core)) / spread
    return dict(zip(names, coords, strict=True))


def _pack(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Parts (largest first) placed left to right in rows no wider than the largest part or the square root of
    their total area, each row below the last."""
    boxes = [(np.array(list(p.values())).min(axis=0) - _GAP / 2, np.array(list(p.values())).max(axis=0) + _GAP / 2)
             for p in parts]
    widths = [float(high[0] - low[0]) for low, high in boxes]
    area = sum(float(np.prod(high - low)) for low, high in boxes)
    row_width = max([*widths[:1], float(np.sqrt(area))])
    placed: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for part, (low, high), width in zip(parts, boxes, widths, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offset = np.array([x, y]) - low
        placed.update({node: at + offset for node, at in part.items()})
        x += width
        row_height = max(row_height, float(high[1] - low[1]))
    return placed
