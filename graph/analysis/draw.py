"""Draw a signed graph as one self-contained SVG, actors coloured by bloc: support green, opposition red and
dashed, contested grey and dotted. No JavaScript and nothing fetched, so it shows in a notebook and offline.
"""

from __future__ import annotations

from collections.abc import Hashable
from html import escape

import networkx as nx

BLOC_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d",
                "#ff9da6", "#bab0ac")
NO_BLOC = "#d9d9d9"
_EDGE = {1: ('#1b9e4b', ""), -1: ("#d62728", ' stroke-dasharray="6 4"'), 0: ("#999999", ' stroke-dasharray="2 3"')}


def bloc_colour(bloc: int | None) -> str:
    """The fill colour of bloc number ``bloc`` (grey for no bloc); colours repeat after ten blocs.

    Examples:
        >>> bloc_colour(0), bloc_colour(10), bloc_colour(None)
        ('#4c78a8', '#4c78a8', '#d9d9d9')
    """
    return NO_BLOC if bloc is None else BLOC_COLOURS[bloc % len(BLOC_COLOURS)]


def render_blocs_svg(signed: nx.Graph, blocs: dict[Hashable, int], width: int = 900, height: int = 600,
                     seed: int = 0) -> str:
    """An SVG drawing of ``signed`` with each actor filled in its bloc's colour and labelled (text escaped).

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", sign=1); g.add_edge("B", "<C>", sign=-1)
        >>> svg = render_blocs_svg(g, {"A": 0, "B": 0, "<C>": 1})
        >>> svg.count('fill="#4c78a8"'), svg.count('fill="#f58518"'), "&lt;C&gt;" in svg, "<C>" in svg
        (2, 1, True, False)
    """
    nodes = sorted(signed.nodes, key=lambda n: str(signed.nodes[n].get("label", n)))
    pos = nx.spring_layout(signed.subgraph(nodes), seed=seed) if nodes else {}
    margin = 60

    def xy(node: Hashable) -> tuple[float, float]:
        x, y = pos[node]
        return margin + (x + 1) / 2 * (width - 2 * margin), margin + (y + 1) / 2 * (height - 2 * margin)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for u, v, data in sorted(signed.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        colour, dash = _EDGE[int(data.get("sign", 0))]
        (x1, y1), (x2, y2) = xy(u), xy(v)
        stroke = 1 + min(4.0, float(data.get("evidence", data.get("weight", 1))))
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                     f'stroke-width="{stroke:.1f}"{dash}/>')
    for node in nodes:
        x, y = xy(node)
        label = escape(str(signed.nodes[node].get("label", node)))
        bloc = blocs.get(node)
        parts.append(f'<g><title>{label}: {"bloc " + str(bloc) if bloc is not None else "no bloc"}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{bloc_colour(bloc)}" stroke="#333"/>'
                     f'<text x="{x + 11:.1f}" y="{y + 4:.1f}">{label}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)
