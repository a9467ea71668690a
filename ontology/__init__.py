"""The vocabulary everything else speaks: the ``SG`` namespace class, the Turtle and SHACL files, the actor
types, and the IRI bases and prefixes of graphs and queries. Imports rdflib only."""

from ontology.prefixes import ACTOR_BASE, BASE, CLAIM, DOC, PREFIXES, PROV, WIKIDATA
from ontology.vocabulary import SG, SG_IRI, actor_types, ontology_path, shapes_path

__all__ = ["ACTOR_BASE", "BASE", "CLAIM", "DOC", "PREFIXES", "PROV", "SG", "SG_IRI", "WIKIDATA", "actor_types",
           "ontology_path", "shapes_path"]
