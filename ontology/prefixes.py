"""The IRI bases of stancegraph's own things and the prefixes every graph, query and view binds.

Query, view and analysis read these from here, so none of them imports the graph builder (or spaCy through it).
"""

from __future__ import annotations

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.namespace import Namespace

from ontology.vocabulary import SG

BASE = "https://w3id.org/stancegraph/"
ACTOR_BASE = BASE + "actor/"
DOC = Namespace(BASE + "doc/")
CLAIM = Namespace(BASE + "claim/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
PROV = Namespace("http://www.w3.org/ns/prov#")

PREFIXES: dict[str, Namespace] = {
    "sg": SG._NS, "rdf": RDF._NS, "rdfs": RDFS._NS, "xsd": XSD._NS, "skos": SKOS._NS, "dcterms": DCTERMS._NS,
    "owl": OWL._NS, "prov": PROV, "actor": Namespace(ACTOR_BASE), "doc": DOC, "claim": CLAIM, "wd": WIKIDATA,
}
