"""RDF terms between rdflib and pyoxigraph: the notebooks' API speaks rdflib, the store speaks Oxigraph."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["from_oxigraph", "to_oxigraph", "to_quad"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term; the lexical form of a literal is kept as written.

    Examples:
        >>> to_oxigraph(Literal("Moscow", lang="en"))
        <Literal value=Moscow language=en>
    """
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        text = str(node)  # the same rdflib blank node gives the same Oxigraph one, whatever characters its id has
        return ox.BlankNode(text if text.isalnum() else "b" + hashlib.sha1(text.encode("utf-8")).hexdigest())
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot store {type(node).__name__} {node!r} in Oxigraph")


def from_oxigraph(term: object) -> Node:
    """The rdflib term for an Oxigraph term (``None`` stays ``None`` for unbound variables).

    Examples:
        >>> from_oxigraph(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
        rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot read {type(term).__name__} {term!r} from Oxigraph")


def to_quad(triple: tuple[Node, Node, Node]) -> ox.Quad:
    """An rdflib triple as an Oxigraph quad in the default graph."""
    s, p, o = triple
    return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
