"""The actor network as files for Gephi, networkx and spreadsheets: GraphML, GEXF, and CSV (edges and nodes).

Nodes are actors with ``label``, ``type``, ``wikidata`` and ``aliases`` (joined with "; "). Edges are the direct
edges (relations with at least one asserted claim), one a (source, relation, target), with ``relation``,
``polarity`` (+1 supports, -1 opposes, 0 affiliated with), ``claims`` (asserted claims), ``negated_claims``,
``hedged_claims`` and ``mean_confidence`` (of the asserted claims).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.analysis.tables import EDGE_QUERY, actors_frame
from graph.query.sparql import run_query
from graph.store.files import write_atomic

__all__ = ["NETWORK_FORMATS", "network_graph", "write_network"]

NETWORK_FORMATS = (".graphml", ".gexf", ".csv")
_POLARITY = {"supports": 1, "opposes": -1, "affiliatedWith": 0}
EDGE_FIELDS = ["source", "target", "relation", "polarity", "claims", "negated_claims", "hedged_claims",
               "mean_confidence"]
NODE_FIELDS = ["id", "label", "type", "wikidata", "aliases"]


def network_graph(graph: Graph) -> nx.MultiDiGraph:
    """The actors and direct edges of ``graph`` as a networkx multigraph, edges keyed by relation."""
    network = nx.MultiDiGraph()
    for actor in actors_frame(graph).itertuples():
        network.add_node(actor.id, label=actor.label, type=actor.type, wikidata=actor.wikidata or "",
                         aliases="; ".join(actor.aliases))
    for row in run_query(graph, EDGE_QUERY):
        claims = int(row.evidence)  # type: ignore[union-attr]
        if not claims:
            continue
        relation = str(row.relation)  # type: ignore[union-attr]
        network.add_edge(str(row.source), str(row.target), key=relation,  # type: ignore[union-attr]
                         relation=relation, polarity=_POLARITY.get(relation, 0), claims=claims,
                         negated_claims=int(row.negated_claims), hedged_claims=int(row.hedged_claims),  # type: ignore[union-attr]
                         mean_confidence=round(float(row.confidence_sum) / claims, 3))  # type: ignore[union-attr]
    return network


def write_network(graph: Graph, output: Path) -> tuple[int, int]:
    """Write the network of ``graph`` to ``output`` by its extension: ``.graphml``, ``.gexf``, or ``.csv`` (the
    edges; the nodes go beside it as ``STEM-nodes.csv``). Atomic; returns (nodes, edges) written."""
    network = network_graph(graph)
    suffix = output.suffix.lower()
    if suffix == ".csv":
        write_atomic(output, _csv(EDGE_FIELDS, ({"source": u, "target": v, **d} for u, v, d in
                                                network.edges(data=True))))
        write_atomic(output.with_name(f"{output.stem}-nodes.csv"),
                     _csv(NODE_FIELDS, ({"id": n, **d} for n, d in network.nodes(data=True))))
    else:
        buffer = io.BytesIO()
        if suffix == ".graphml":
            nx.write_graphml(network, buffer)
        else:
            nx.write_gexf(network, buffer)
        write_atomic(output, buffer.getvalue())
    return network.number_of_nodes(), network.number_of_edges()


def _csv(fields: list[str], rows: object) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)  # type: ignore[arg-type]
    return out.getvalue().encode("utf-8")
