"""Check a graph against ``ontology/shapes.ttl`` with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from ontology import ontology_path, shapes_path


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str


def validate_graph(graph: Graph) -> Report:
    """Validate ``graph`` with the project's SHACL shapes (RDFS inference over the ontology).

    Examples:
        >>> from graph.build import new_graph
        >>> validate_graph(new_graph()).conforms
        True
    """
    shapes = Graph().parse(shapes_path(), format="turtle")
    ontology = Graph().parse(ontology_path(), format="turtle")
    conforms, _, text = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                       advanced=True, allow_warnings=False)
    return Report(bool(conforms), str(text))
