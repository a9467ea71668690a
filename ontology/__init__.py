"""The vocabulary everything else speaks: the ``SG`` namespace class, the Turtle and SHACL files, the actor
types, and the IRI bases and prefixes of graphs and queries.

The names are loaded on first use: ``ontology.iris`` (plain strings) is read without importing rdflib, so the
commands that speak only to Oxigraph (``query``, ``serve``) start without it; the rest imports rdflib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.lazy import lazy_names

if TYPE_CHECKING:
    from ontology.prefixes import ACTOR_BASE, BASE, CLAIM, DOC, PREFIXES, PROV, WIKIDATA
    from ontology.vocabulary import SG, SG_IRI, actor_types, ontology_path, shapes_path

__all__ = ["ACTOR_BASE", "BASE", "CLAIM", "DOC", "PREFIXES", "PROV", "SG", "SG_IRI", "WIKIDATA", "actor_types",
           "ontology_path", "shapes_path"]

_HOMES = {**dict.fromkeys(("ACTOR_BASE", "BASE", "CLAIM", "DOC", "PREFIXES", "PROV", "WIKIDATA"), "prefixes"),
          **dict.fromkeys(("SG", "SG_IRI", "actor_types", "ontology_path", "shapes_path"), "vocabulary")}

__getattr__ = lazy_names(__name__, _HOMES)
