"""The IRI bases of stancegraph's own things and the prefixes every graph, query and view binds, as rdflib
namespaces of the strings in ``ontology.iris``.

Query, view and analysis read these from here, so none of them imports the graph builder (or spaCy through it).
"""

from __future__ import annotations

from rdflib.namespace import Namespace

from ontology.iris import ACTOR_BASE, BASE, PREFIX_IRIS

__all__ = ["ACTOR_BASE", "BASE", "CLAIM", "DOC", "PREFIXES", "PROV", "WIKIDATA"]

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
DOC = PREFIXES["doc"]
CLAIM = PREFIXES["claim"]
WIKIDATA = PREFIXES["wd"]
PROV = PREFIXES["prov"]
