"""Render a graph as one self-contained, offline HTML page (pyvis network, vis-network inlined).

Supports and opposes edges in two colours, affiliation dashed, edge width by amount of evidence, node colour
and shape by actor type, a legend, and every evidence sentence in the edge's tooltip and side panel. Article
text is untrusted: it reaches the page only as JSON data (``<``, ``>`` and ``&`` escaped) and is shown through
``textContent``, never as markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from graph.errors import UsageError
from ontology import SG

EDGE_STYLE: dict[str, dict[str, Any]] = {
    "supports": {"color": "#1b9e4b", "dashes": False, "label": "supports"},
    "opposes": {"color": "#d62728", "dashes": False, "label": "opposes"},
    "affiliatedWith": {"color": "#7f7f7f", "dashes": True, "label": "affiliated with"},
}
NODE_STYLE = {
    "State": {"color": "#4c78a8", "shape": "dot"},
    "Person": {"color": "#f2a541", "shape": "triangle"},
    "Organization": {"color": "#9d6fb0", "shape": "square"},
    "GovernmentBody": {"color": "#72b7b2", "shape": "square"},
    "ArmedGroup": {"color": "#3b3b3b", "shape": "diamond"},
    "Group": {"color": "#b8860b", "shape": "hexagon"},
}
_MAX_TOOLTIP_SENTENCES = 5


@dataclass
class Evidence:
    sentence: str
    document: str
    date: str
    confidence: float
    negated: bool
    hedged: bool


@dataclass
class Edge:
    source: str
    relation: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)


def collect_edges(graph: Graph) -> list[Edge]:
    """Every direct edge of ``graph`` with the claims behind it (asserted first, then negated/hedged)."""
    edges: dict[tuple[str, str, str], Edge] = {}
    for prop, name in ((SG.supports, "supports"), (SG.opposes, "opposes"), (SG.affiliatedWith, "affiliatedWith")):
        for s, o in graph.subject_objects(prop):
            edges[(str(s), name, str(o))] = Edge(str(s), name, str(o))
    for claim in graph.subjects(SG.relation, None):
        relation = str(graph.value(claim, SG.relation)).rsplit("#", 1)[-1]
        key = (str(graph.value(claim, SG.subject)), relation, str(graph.value(claim, SG.object)))
        if key not in edges:
            continue
        sentence = graph.value(claim, SG.sentence)
        doc = graph.value(sentence, SG.document) if sentence is not None else None
        title = graph.value(doc, DCTERMS.title) or graph.value(doc, DCTERMS.identifier) if doc else None
        edges[key].evidence.append(Evidence(
            sentence=str(graph.value(sentence, SG.text) or ""), document=str(title or ""),
            date=str(graph.value(doc, DCTERMS.date) or "") if doc else "",
            confidence=float(str(graph.value(claim, SG.confidence) or 0)),
            negated=bool(graph.value(claim, SG.negated).toPython()),  # type: ignore[union-attr]
            hedged=bool(graph.value(claim, SG.hedged).toPython()),  # type: ignore[union-attr]
        ))
    for edge in edges.values():
        edge.evidence.sort(key=lambda e: (e.negated or e.hedged, -e.confidence))
    return list(edges.values())


def _asserted(edge: Edge) -> int:
    return sum(not (e.negated or e.hedged) for e in edge.evidence)


def select_edges(edges: list[Edge], graph: Graph, actor: str | None, hops: int, min_evidence: int) -> list[Edge]:
    """Keep edges with at least ``min_evidence`` asserted claims, within ``hops`` of ``actor`` if given."""
    kept = [e for e in edges if _asserted(e) >= min_evidence]
    if actor is None:
        return kept
    start = find_actor(graph, actor)
    g = nx.Graph()
    g.add_edges_from((e.source, e.target) for e in kept)
    if start not in g:
        return []
    near = set(nx.single_source_shortest_path_length(g, start, cutoff=hops))
    return [e for e in kept if e.source in near and e.target in near]


def find_actor(graph: Graph, name: str) -> str:
    """The IRI of the actor labelled or aliased ``name`` (case-insensitive)."""
    wanted = name.strip().lower()
    for s, _, label in graph.triples((None, RDFS.label, None)):
        if str(label).lower() == wanted:
            return str(s)
    for s, _, label in graph.triples((None, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), None)):
        if str(label).lower() == wanted:
            return str(s)
    raise UsageError(f"no actor named {name!r} in the graph; list actors with "
                     f"'stancegraph query GRAPH \"SELECT ?l WHERE {{ ?a a ?t ; rdfs:label ?l }}\"'")


def build_network(graph: Graph, edges: list[Edge]) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    types = {str(s): str(o).rsplit("#", 1)[-1] for s, o in graph.subject_objects(RDF.type)}
    for node in sorted({e.source for e in edges} | {e.target for e in edges}):
        kind = types.get(node, "Group")
        style = NODE_STYLE.get(kind, NODE_STYLE["Group"])
        label = str(graph.value(URIRef(node), RDFS.label) or node.rsplit("/", 1)[-1])
        net.add_node(node, label=label, title=f"{label} ({kind})", color=style["color"], shape=style["shape"],
                     actor_type=kind)
    for edge in edges:
        style = EDGE_STYLE[edge.relation]
        asserted = _asserted(edge)
        net.add_edge(edge.source, edge.target, color=style["color"], dashes=style["dashes"],
                     width=1 + 2.5 * math.log2(1 + asserted), relation=edge.relation,
                     title=_tooltip(edge, asserted), evidence=[e.__dict__ for e in edge.evidence])
    net.toggle_physics(True)
    return net


def _tooltip(edge: Edge, asserted: int) -> str:
    lines = [f"{EDGE_STYLE[edge.relation]['label']}: {asserted} asserted claim(s)"]
    for ev in edge.evidence[:_MAX_TOOLTIP_SENTENCES]:
        flag = " [negated]" if ev.negated else " [hedged]" if ev.hedged else ""
        lines.append(f"\u2022 {ev.sentence}{flag} ({ev.document}{', ' + ev.date if ev.date else ''})")
    if len(edge.evidence) > _MAX_TOOLTIP_SENTENCES:
        lines.append(f"... and {len(edge.evidence) - _MAX_TOOLTIP_SENTENCES} more (click the edge)")
    return "\n".join(lines)


def render_view(graph: Graph, actor: str | None = None, hops: int = 2, min_evidence: int = 1,
                title: str = "stancegraph") -> str:
    """The HTML page for ``graph`` as a string (self-contained, no network requests)."""
    edges = select_edges(collect_edges(graph), graph, actor, hops, min_evidence)
    net = build_network(graph, edges)
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    template = jinja2.Environment(autoescape=True).from_string(
        resources.files("graph").joinpath("templates", "view.html").read_text(encoding="utf-8"))
    return template.render(
        title=title, nodes=net.nodes, edges=net.edges, options=_options(),
        vis_js=Markup((lib / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=Markup((lib / "vis-network.css").read_text(encoding="utf-8")),
        edge_style=EDGE_STYLE, node_style=NODE_STYLE,
    )


def _options() -> dict[str, Any]:
    return {
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"type": "dynamic"}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "nodes": {"font": {"size": 16}},
    }
