"""Render a graph as one self-contained, offline HTML page (vis-network inlined, no request leaves it).

Evidence first: clicking an edge lists every sentence behind it, clicking an actor shows its names, type, Wikidata
link, allies and opponents. Filters in the page (relation, minimum evidence and confidence, a time range, actor
type, a search that focuses an actor's neighbourhood) start where the command line left them; contested pairs are
marked. Node positions are computed in Python (``graph.view.layout``) so the page runs no physics and opens quickly
up to ``MAX_ACTORS`` actors; nodes are sized by their evidence, and at the overview zoom only the most connected
actors are labelled (the others on hover or when zoomed in). Pairs linked only by affiliation (a spokesperson and
a ministry nobody else in the graph mentions) are hidden until the reader asks for them.

The page itself is put together in ``graph.view.page`` (template, strict Content-Security-Policy).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Graph

from graph.errors import InputError, UsageError
from graph.view.data import Actor, Edge, collect_actors, collect_edges, contested_pairs
from graph.view.layout import layout_positions
from graph.view.page import assemble_page

MAX_ACTORS = 5000
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "supports": {"color": "#1b9e4b", "dashes": False, "label": "supports"},
    "opposes": {"color": "#d62728", "dashes": False, "label": "opposes"},
    "affiliatedWith": {"color": "#7f7f7f", "dashes": True, "label": "affiliated with"},
}
CONTESTED_STYLE = {"color": "#f0a202", "label": "contested pair: supports and opposes"}
NODE_STYLE = {
    "State": {"color": "#4c78a8", "shape": "dot"},
    "Person": {"color": "#f2a541", "shape": "triangle"},
    "Organization": {"color": "#9d6fb0", "shape": "square"},
    "GovernmentBody": {"color": "#72b7b2", "shape": "square"},
    "ArmedGroup": {"color": "#3b3b3b", "shape": "diamond"},
    "Group": {"color": "#b8860b", "shape": "hexagon"},
}


@dataclass(frozen=True)
class ViewFilters:
    """What the command line keeps in the view; the page's filters start here and never show more.

    ``since`` and ``until`` are ISO dates or their prefixes ("2022-03"); ``relations`` and ``types`` the relations
    and actor types drawn."""

    min_evidence: int = 1
    min_confidence: float = 0.0
    since: str | None = None
    until: str | None = None
    relations: frozenset[str] = field(default_factory=lambda: frozenset(EDGE_STYLE))
    types: frozenset[str] = field(default_factory=lambda: frozenset(NODE_STYLE))

    def keep(self, edges: list[Edge], actors: dict[str, Actor]) -> list[Edge]:
        """The edges (with only their claims in the time range) that pass every filter."""
        kept = []
        for edge in edges:
            dated = edge.between(self.since, self.until)
            if (edge.relation in self.relations and dated.asserted >= self.min_evidence
                    and dated.confidence >= self.min_confidence
                    and _type_of(actors, edge.source) in self.types and _type_of(actors, edge.target) in self.types):
                kept.append(dated)
        return kept


def _type_of(actors: dict[str, Actor], iri: str) -> str:
    found = actors.get(iri)
    return found.type if found is not None and found.type in NODE_STYLE else "Group"


def select_edges(edges: list[Edge], actors: dict[str, Actor], actor: str | None, hops: int,
                 min_evidence: int, min_confidence: float = 0.0, filters: ViewFilters | None = None) -> list[Edge]:
    """Edges with at least ``min_evidence`` asserted claims and one of them at least ``min_confidence`` sure (and
    passing ``filters``' time range, relations and actor types), within ``hops`` of ``actor`` (a label or alias)
    if given."""
    base = filters or ViewFilters()
    chosen = ViewFilters(min_evidence, min_confidence, base.since, base.until, base.relations, base.types)
    kept = chosen.keep(edges, actors)
    if actor is None:
        return kept
    start = find_actor(actors, actor)
    g = nx.Graph()
    g.add_node(start)
    g.add_edges_from((e.source, e.target) for e in kept)
    near = set(nx.single_source_shortest_path_length(g, start, cutoff=hops))
    return [e for e in kept if e.source in near and e.target in near]


def find_actor(actors: dict[str, Actor], name: str) -> str:
    """The IRI of the actor labelled or aliased ``name`` (case-insensitive); failing that, of the one actor
    whose label or an alias contains it, as the page's search box matches ("Gordon" finds Gordon Brown). Two
    or more such actors are one error that lists them."""
    wanted = name.strip().lower()
    for iri, found in sorted(actors.items()):
        if found.label.lower() == wanted:
            return iri
    for iri, found in sorted(actors.items()):
        if wanted in (a.lower() for a in found.aliases):
            return iri
    partial = sorted({iri for iri, found in actors.items()
                      if wanted and any(wanted in n.lower() for n in (found.label, *found.aliases))})
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(sorted(actors[iri].label for iri in partial)[:8])
        raise UsageError(f"{name!r} names {len(partial)} actors ({names}{', ...' if len(partial) > 8 else ''}); "
                         f"give more of the name")
    raise UsageError(f"no actor named {name!r} in the graph; list actors with "
                     f"'stancegraph query GRAPH \"SELECT ?l WHERE {{ ?a a ?t ; rdfs:label ?l }}\"'")


def check_size(edges: list[Edge], actors: dict[str, Actor], min_evidence: int) -> None:
    """Refuse a view of more than ``MAX_ACTORS`` actors, saying which filter would make it fit."""
    count = len({e.source for e in edges} | {e.target for e in edges})
    if count <= MAX_ACTORS:
        return
    advice = []
    strongest = max((e.asserted for e in edges), default=0)
    for threshold in range(min_evidence + 1, strongest + 1):
        kept = [e for e in edges if e.asserted >= threshold]
        if len({e.source for e in kept} | {e.target for e in kept}) <= MAX_ACTORS:
            advice.append(f"--min-evidence {threshold}")
            break
    degree = Counter([e.source for e in edges] + [e.target for e in edges])
    hub = actors[degree.most_common(1)[0][0]].label if degree.most_common(1)[0][0] in actors else "NAME"
    advice.append(f"--actor {_quoted(hub)} --hops 2")
    raise InputError(f"the graph has {count:,} actors; the view holds {MAX_ACTORS:,}: use {' or '.join(advice)}")


def _quoted(name: str) -> str:
    return name if name.replace("-", "").isalnum() else f'"{name}"'


def render_view(graph: Graph, actor: str | None = None, hops: int = 2, min_evidence: int = 1,
                min_confidence: float = 0.0, title: str = "stancegraph", filters: ViewFilters | None = None) -> str:
    """The HTML page for ``graph`` as a string (self-contained, no network requests). ``filters`` adds a time
    range, relations and actor types to ``min_evidence`` and ``min_confidence``.

    Raises ``InputError`` if more than ``MAX_ACTORS`` actors would be drawn, naming a filter that fits.
    """
    actors = collect_actors(graph)
    edges = select_edges(collect_edges(graph, actors), actors, actor, hops, min_evidence, min_confidence, filters)
    check_size(edges, actors, min_evidence)
    focus = find_actor(actors, actor) if actor is not None else None
    base = filters or ViewFilters()
    months = sorted({ev.date[:7] for edge in edges for ev in edge.evidence if len(ev.date) >= 7})
    settings = {"focus": focus, "hops": hops, "edgeStyle": EDGE_STYLE, "contested": CONTESTED_STYLE,
                "minEvidence": min_evidence, "minConfidence": min_confidence, "months": months,
                "relations": sorted(base.relations), "types": sorted(base.types)}
    data = {"settings": settings, "nodes": view_nodes(actors, edges, focus), "edges": view_edges(edges),
            "options": _options()}
    return assemble_page(title, data, EDGE_STYLE, NODE_STYLE, CONTESTED_STYLE)


def view_nodes(actors: dict[str, Actor], edges: list[Edge], focus: str | None) -> list[dict[str, Any]]:
    """vis-network node objects for every actor on ``edges``, with precomputed positions, sized by evidence (the
    asserted claims on the actor's edges) and ranked by it (``rank`` 0 is the best attested actor)."""
    ids = sorted({e.source for e in edges} | {e.target for e in edges} | ({focus} if focus else set()))
    evidence: Counter[str] = Counter()
    for edge in edges:
        evidence[edge.source] += edge.asserted
        evidence[edge.target] += edge.asserted
    rank = {iri: i for i, iri in enumerate(sorted(ids, key=lambda iri: (-evidence[iri], iri)))}
    hidden = {node for pair in affiliation_only(edges) for node in pair}
    positions = layout_positions(ids, [(e.source, e.target) for e in edges], last=hidden)
    out = []
    for iri in ids:
        found = actors.get(iri) or Actor(iri, iri.rsplit("/", 1)[-1], "Group")
        kind = _type_of(actors, iri)
        style = NODE_STYLE[kind]
        x, y = positions[iri]
        out.append({"id": iri, "label": found.label, "title": f"{found.label} ({found.type}), {evidence[iri]} claims",
                    "x": x, "y": y, "color": style["color"], "shape": style["shape"], "value": evidence[iri],
                    "rank": rank[iri], "actorType": kind, "aliases": found.aliases, "wikidata": found.wikidata})
    return out


def affiliation_only(edges: list[Edge]) -> set[tuple[str, str]]:
    """(source, target) of the affiliation edges whose connected part of the graph has no stance edge: a person
    and an organisation that nobody supports or opposes, which the overview hides until asked.

    Examples:
        >>> only = affiliation_only([Edge("kaya", "affiliatedWith", "turkey"), Edge("turkey", "opposes", "ypg"),
        ...                          Edge("berg", "affiliatedWith", "wilson-center")])
        >>> sorted(only)
        [('berg', 'wilson-center')]
    """
    graph = nx.Graph()
    graph.add_edges_from((e.source, e.target, {"stance": e.relation != "affiliatedWith"}) for e in edges)
    alone: set[str] = set()
    for part in nx.connected_components(graph):
        if not any(stance for _, _, stance in graph.subgraph(part).edges(data="stance")):
            alone |= part
    return {(e.source, e.target) for e in edges if e.source in alone}


def view_edges(edges: list[Edge]) -> list[dict[str, Any]]:
    """vis-network edge objects: colour by relation, width by evidence, curved apart when a pair has several."""
    contested = contested_pairs(edges)
    alone = affiliation_only(edges)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for i, edge in enumerate(edges):
        style = EDGE_STYLE[edge.relation]
        pair = (edge.source, edge.target)
        is_contested = pair in contested and edge.relation != "affiliatedWith"
        curve = 0.12 + 0.22 * seen[pair]
        seen[pair] += 1
        out.append({
            "id": f"e{i}", "from": edge.source, "to": edge.target, "relation": edge.relation,
            "color": {"color": style["color"], "highlight": style["color"], "hover": style["color"]},
            "dashes": [10, 6] if is_contested else style["dashes"],
            "shadow": {"enabled": True, "color": CONTESTED_STYLE["color"], "size": 14, "x": 0, "y": 0}
            if is_contested else False,
            "width": round(1 + 2.5 * math.log2(1 + edge.asserted), 2),
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": curve},
            "title": _tooltip(edge, is_contested), "asserted": edge.asserted,
            "confidence": round(edge.confidence, 3), "contested": is_contested,
            "affiliationOnly": pair in alone,
            "evidence": [e.to_json() for e in edge.evidence],
        })
    return out


def _tooltip(edge: Edge, contested: bool) -> str:
    others = len(edge.evidence) - edge.asserted
    text = f"{EDGE_STYLE[edge.relation]['label']}: {edge.asserted} asserted claim(s)"
    if others:
        text += f", {others} negated or hedged"
    if contested:
        text += "\ncontested: there is evidence of both support and opposition"
    return text + "\nclick to read the sentences"


def _options() -> dict[str, Any]:
    # Labels: a label smaller than drawThreshold pixels on screen is not drawn, and none grows past maxVisible;
    # the page gives the best attested actors fonts large enough to pass at the overview zoom.
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"min": 6, "max": 30, "label": {"enabled": False, "drawThreshold": 8, "maxVisible": 22}}},
    }
