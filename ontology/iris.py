"""The IRIs of stancegraph's namespaces as plain strings, for the code that speaks to Oxigraph alone (``query``,
``serve``, ``validate``) and must start without importing rdflib. ``ontology.prefixes`` makes rdflib namespaces
of the same strings.

Examples:
    >>> PREFIX_IRIS["sg"] == SG_IRI, PREFIX_IRIS["actor"] == ACTOR_BASE
    (True, True)
"""

from __future__ import annotations

BASE = "https://w3id.org/stancegraph/"
ACTOR_BASE = BASE + "actor/"
SG_IRI = BASE + "ontology#"

# Every prefix that graphs, queries and views bind, in the order they are declared.
PREFIX_IRIS: dict[str, str] = {
    "sg": SG_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "actor": ACTOR_BASE,
    "doc": BASE + "doc/",
    "claim": BASE + "claim/",
    "wd": "http://www.wikidata.org/entity/",
}
