"""Draw a signed graph with networkx and matplotlib, actors coloured by bloc: support green, opposition red and
dashed, contested grey and dotted. Actors without a signed tie are left out, so they form no ring around the
picture, and the figure's margins keep every label inside it. matplotlib is imported only when a drawing is made
(it comes with the ``notebooks`` and ``test`` extras).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

BLOC_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d",
                "#ff9da6", "#bab0ac")
NO_BLOC = "#d9d9d9"
_EDGE = {1: ("#1b9e4b", "solid"), -1: ("#d62728", "dashed"), 0: ("#999999", "dotted")}


def bloc_colour(bloc: int | None) -> str:
    """The fill colour of bloc number ``bloc`` (grey for no bloc); colours repeat after ten blocs.

    Examples:
        >>> bloc_colour(0), bloc_colour(10), bloc_colour(None)
        ('#4c78a8', '#4c78a8', '#d9d9d9')
    """
    return NO_BLOC if bloc is None else BLOC_COLOURS[bloc % len(BLOC_COLOURS)]


def draw_blocs(signed: nx.Graph, blocs: dict[Hashable, int], size: tuple[float, float] = (10, 7),
               seed: int = 0) -> Any:
    """A matplotlib ``Figure`` of ``signed``: each actor with a signed tie filled in its bloc's colour and labelled,
    each tie coloured and dashed by its sign, thicker with more evidence.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", sign=1, weight=2); g.add_edge("B", "C", sign=-1, weight=1); g.add_node("alone")
        >>> figure = draw_blocs(g, {"A": 0, "B": 0, "C": 1})
        >>> sorted(t.get_text() for t in figure.axes[0].texts)
        ['A', 'B', 'C']
    """
    import matplotlib.pyplot as plt

    tied = signed.subgraph([n for n in signed if signed.degree(n) > 0])
    figure, axes = plt.subplots(figsize=size)
    axes.set_axis_off()
    if len(tied) == 0:
        return figure
    pos = nx.kamada_kawai_layout(tied) if len(tied) <= 200 else nx.spring_layout(tied, seed=seed)
    for sign, (colour, style) in _EDGE.items():
        edges = [(u, v) for u, v, s in tied.edges(data="sign", default=0) if s == sign]
        widths = [1 + min(4.0, float(tied.edges[u, v].get("weight", 1))) for u, v in edges]
        nx.draw_networkx_edges(tied, pos, edgelist=edges, edge_color=colour, style=style, width=widths, ax=axes)
    nodes = sorted(tied, key=str)
    nx.draw_networkx_nodes(tied, pos, nodelist=nodes, node_color=[bloc_colour(blocs.get(n)) for n in nodes],
                           edgecolors="#333333", node_size=260, ax=axes)
    labels = {n: str(tied.nodes[n].get("label", n)) for n in nodes}
    above = {n: (x, y + 0.035) for n, (x, y) in pos.items()}  # a label just above its actor's disc
    nx.draw_networkx_labels(tied, above, labels=labels, font_size=10, verticalalignment="bottom", ax=axes)
    axes.margins(0.12)  # room for the labels of the outermost actors
    figure.tight_layout()
    return figure
