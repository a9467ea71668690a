"""A small API over a stancegraph graph for notebooks: load it, get pandas tables of actors and edges with their
evidence counts, get networkx graphs (signed, with evidence counts on every edge), and analyse the signed network
(structural balance, blocs, actors bridging blocs; see ``graph.analysis.signed``).

Examples:
    >>> d = nx.DiGraph()
    >>> for a, b in [("A", "C"), ("B", "C"), ("A", "B")]:
    ...     d.add_edge(a, b, supports=0, opposes=2)
    >>> [t.describe() for t in find_triads(signed_graph(d)) if not t.balanced]
    ['A, B and C all oppose one another (unbalanced: A and B both oppose C but oppose each other)']
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
from rdflib import OWL, RDF, RDFS, SKOS, Graph

from graph.analysis.draw import bloc_colour, draw_blocs
from graph.analysis.signed import Bridge, Triad, find_blocs, find_bridges, find_triads, frustration
from graph.query.sparql import run_query
from graph.store.database import load_graph
from ontology import SG, actor_types

__all__ = ["Bridge", "Triad", "actors_frame", "bloc_colour", "blocs_frame", "draw_blocs", "edges_frame", "find_blocs",
           "find_bridges", "find_triads", "frustration", "load", "signed_graph", "to_networkx",
           "triads_frame"]

# Claims grouped into (source, relation, target): edges_frame and the network export (analysis.network) read it.
EDGE_QUERY = """
SELECT ?source ?relation ?target (SUM(?asserted) AS ?evidence) (SUM(IF(?negated, 1, 0)) AS ?negated_claims)
       (SUM(IF(?hedged && !?negated, 1, 0)) AS ?hedged_claims) (MAX(?confidence) AS ?max_confidence)
       (SUM(IF(?asserted = 1, ?confidence, 0)) AS ?confidence_sum)
WHERE {
  ?claim sg:subject ?source ; sg:object ?target ; sg:relation ?p ; sg:negated ?negated ; sg:hedged ?hedged ;
         sg:confidence ?confidence .
  BIND (IF(!?negated && !?hedged, 1, 0) AS ?asserted)
  BIND (STRAFTER(STR(?p), "#") AS ?relation)
} GROUP BY ?source ?relation ?target
"""
EDGE_COLUMNS = ["source", "relation", "target", "evidence", "negated_claims", "hedged_claims", "max_confidence",
                "source_id", "target_id"]


def load(path: str | Path) -> Graph:
    """The graph at ``path``: a store directory, or a file of any format ``stancegraph build`` writes (read into an
    in-memory Oxigraph store). rdflib's API works on it; its SPARQL runs on Oxigraph."""
    return load_graph(Path(path))


def actors_frame(graph: Graph) -> pd.DataFrame:
    """One row an actor: ``id`` (IRI), ``label``, ``type``, ``aliases`` (list) and ``wikidata`` (IRI or None)."""
    rows = []
    for type_name in (*actor_types(), "Actor"):
        for iri in sorted(set(graph.subjects(RDF.type, SG[type_name])), key=str):
            same = graph.value(iri, OWL.sameAs)
            rows.append({"id": str(iri), "label": str(graph.value(iri, RDFS.label) or iri), "type": type_name,
                         "aliases": sorted(str(a) for a in graph.objects(iri, SKOS.altLabel)),
                         "wikidata": str(same) if same is not None else None})
    frame = pd.DataFrame(rows, columns=["id", "label", "type", "aliases", "wikidata"])
    return frame.drop_duplicates("id").sort_values(["label", "id"], ignore_index=True)


def edges_frame(graph: Graph) -> pd.DataFrame:
    """One row per (source, relation, target) with any claim: ``evidence`` counts asserted claims (those behind
    a direct edge), ``negated_claims`` and ``hedged_claims`` the others; sources and targets by label and id."""
    labels = dict(zip(*(actors_frame(graph)[c] for c in ("id", "label")), strict=True))
    rows = []
    for r in run_query(graph, EDGE_QUERY):
        source, target = str(r.source), str(r.target)  # type: ignore[union-attr]
        rows.append([labels.get(source, source), str(r.relation), labels.get(target, target),  # type: ignore[union-attr]
                     int(r.evidence), int(r.negated_claims), int(r.hedged_claims),  # type: ignore[union-attr]
                     float(r.max_confidence), source, target])  # type: ignore[union-attr]
    frame = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return frame.sort_values(["source", "relation", "target"], ignore_index=True)


def to_networkx(graph: Graph, include_affiliations: bool = False) -> nx.DiGraph:
    """A directed graph of the direct edges: nodes are actor IRIs with ``label`` and ``type``; an edge has
    ``supports`` and ``opposes`` (asserted claims each way), ``evidence`` (their sum) and ``sign`` (+1 more
    support, -1 more opposition, 0 as much of each), plus ``affiliated`` claims when ``include_affiliations``."""
    digraph = nx.DiGraph()
    for actor in actors_frame(graph).itertuples():
        digraph.add_node(actor.id, label=actor.label, type=actor.type)
    edges = edges_frame(graph)
    for edge in edges[edges["evidence"] > 0].itertuples():
        if edge.relation == "affiliatedWith" and not include_affiliations:
            continue
        data = digraph.get_edge_data(edge.source_id, edge.target_id) or {"supports": 0, "opposes": 0, "affiliated": 0}
        key = {"supports": "supports", "opposes": "opposes", "affiliatedWith": "affiliated"}[str(edge.relation)]
        data[key] += int(edge.evidence)
        digraph.add_edge(edge.source_id, edge.target_id, **data)
    for _, _, data in digraph.edges(data=True):
        _set_sign(data)
    return digraph


def signed_graph(graph: Graph | nx.DiGraph) -> nx.Graph:
    """The undirected signed graph for balance and blocs: support and opposition both ways are added up per pair;
    ``sign`` is +1, -1 or 0 (contested: as much of each) and ``weight`` is the evidence for the winning side."""
    directed = graph if isinstance(graph, nx.DiGraph) else to_networkx(graph)
    undirected = nx.Graph()
    undirected.add_nodes_from(directed.nodes(data=True))
    for u, v, data in directed.edges(data=True):
        if u == v or not (data["supports"] or data["opposes"]):
            continue
        both = undirected.get_edge_data(u, v) or {"supports": 0, "opposes": 0}
        undirected.add_edge(u, v, supports=both["supports"] + data["supports"],
                            opposes=both["opposes"] + data["opposes"])
    for _, _, data in undirected.edges(data=True):
        _set_sign(data)
        data["weight"] = abs(data["supports"] - data["opposes"])
    return undirected


def _set_sign(data: dict[str, int]) -> None:
    data["evidence"] = data["supports"] + data["opposes"]
    data["sign"] = (data["supports"] > data["opposes"]) - (data["opposes"] > data["supports"])


def triads_frame(signed: nx.Graph) -> pd.DataFrame:
    """Every triad of ``signed`` as a row: the three actors, the signs, balanced or not, and a sentence."""
    rows = [[*t.nodes, "".join("+" if s > 0 else "-" for s in t.signs), t.balanced, t.describe()]
            for t in find_triads(signed)]
    return pd.DataFrame(rows, columns=["a", "b", "c", "signs", "balanced", "description"])


def blocs_frame(signed: nx.Graph, blocs: dict[str, int]) -> pd.DataFrame:
    """One row a bloc: its number, size and members by label."""
    members: dict[int, list[str]] = {}
    for node, bloc in blocs.items():
        members.setdefault(bloc, []).append(str(signed.nodes[node].get("label", node)))
    return pd.DataFrame([[b, len(m), sorted(m)] for b, m in sorted(members.items())],
                        columns=["bloc", "size", "members"])
