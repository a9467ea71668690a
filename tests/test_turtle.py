"""The Turtle writer: what it writes parses back (with rdflib) to the same graph as rdflib's own serializer gives,
however awkward the literals and IRIs."""

from __future__ import annotations

import random

import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.build import new_graph
from graph.store.turtle import write_turtle

EX = Namespace("http://example.org/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SG = Namespace("https://w3id.org/stancegraph/ontology#")

TRICKY_LITERALS = [
    Literal('He said "no" and left'),
    Literal('ends in a quote"'),
    Literal('"""three quotes"""'),
    Literal("back\\slash \\n not a newline \\u0041"),
    Literal("line one\nline two\r\nline three"),
    Literal("tab\there, bell\x07, escape\x1b, delete\x7f, NUL\x00"),
    Literal("Élysée, Zürich, Київ, 北京, العربية, emoji \U0001F600, line sep \u2028"),
    Literal(""),
    Literal("  spaces around  "),
    Literal("Moscow", lang="en"),
    Literal("Moskau", lang="de-CH"),
    Literal("莫斯科", lang="zh-Hant-TW"),
    Literal(3),
    Literal(-12),
    Literal("0.850", datatype=XSD.decimal),
    Literal(".5", datatype=XSD.decimal),
    Literal(True),
    Literal(False),
    Literal("2024-01-31", datatype=XSD.date),
    Literal("plain but typed", datatype=XSD.string),
    Literal("1.5e3", datatype=XSD.double),
    Literal("custom \"typed\"", datatype=URIRef("http://example.org/types#quoted")),
]

AWKWARD_IRIS = [
    URIRef("http://example.org/ns#plain"),
    URIRef("http://example.org/ns#with.dot"),
    URIRef("http://example.org/ns#ends-with-dot."),
    URIRef("http://example.org/ns#"),
    URIRef("http://example.org/path/deeper/leaf"),
    URIRef("http://example.org/ns#0digits"),
    URIRef("http://example.org/ns#caf\u00e9"),
    URIRef("https://www.example.org/news/article?id=12&lang=en#para-3"),
    URIRef("https://example.org/%C3%A9t%C3%A9/a%20b"),
    URIRef("https://w3id.org/stancegraph/actor/group/kurdish_fighters"),
]


def tricky_graph(blank_label: str = "b2") -> Graph:
    graph = new_graph()
    graph.bind("ex", EX)
    for i, literal in enumerate(TRICKY_LITERALS):
        graph.add((EX[f"s{i % 4}"], EX[f"p{i}"], literal))
    for i, iri in enumerate(AWKWARD_IRIS):
        graph.add((iri, RDF.type, EX.Thing))
        graph.add((EX.hub, EX.links, iri))
        graph.add((iri, EX.position, Literal(i)))
    blank, other = BNode(), BNode(blank_label)
    graph.add((blank, EX.says, Literal("a blank subject")))
    graph.add((EX.hub, EX.has, blank))
    graph.add((blank, EX.next, other))
    graph.add((other, EX.next, blank))
    return graph


def assert_same(expected: Graph, got: Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"only expected: {sorted(only_expected)[:5]}\nonly written: {sorted(only_got)[:5]}")


def test_tricky_literals_and_iris_read_back_as_rdflibs_own_turtle_does() -> None:
    graph = tricky_graph()
    ours = Graph().parse(data=write_turtle(graph), format="turtle")
    theirs = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert_same(theirs, ours)
    assert_same(graph, ours)
    assert len(ours) == len(graph)


def test_a_blank_node_id_that_is_no_turtle_label_is_relabelled() -> None:
    # rdflib's serializer writes the id as it is and cannot read its own output back.
    graph = tricky_graph(blank_label="not a valid turtle label!")
    assert_same(graph, Graph().parse(data=write_turtle(graph), format="turtle"))


def test_an_iri_with_characters_turtle_forbids_is_escaped_not_broken() -> None:
    # rdflib's serializer refuses such an IRI outright; the grammar allows it written with \u escapes.
    graph = Graph()
    odd = URIRef('http://example.org/a b"<c>{d}|e^f`g\\h')
    graph.add((odd, EX.p, Literal("x")))
    text = write_turtle(graph)
    assert "\\u0020" in text and " b" not in text.split(">")[0]
    assert set(Graph().parse(data=text, format="turtle")) == set(graph)  # no blank nodes: the same triples


def test_the_text_does_not_depend_on_the_order_triples_were_added() -> None:
    triples = list(tricky_graph().triples((None, None, None)))
    blankless = [t for t in triples if not any(isinstance(term, BNode) for term in t)]
    shuffled = blankless[:]
    random.Random(7).shuffle(shuffled)
    first, second = Graph(), Graph()
    for graph, order in ((first, blankless), (second, shuffled)):
        graph.bind("ex", EX)
        for triple in order:
            graph.add(triple)
    assert write_turtle(first) == write_turtle(second)


def test_prefixes_are_declared_only_when_used_and_types_are_written_with_a() -> None:
    graph = new_graph()
    graph.add((URIRef("https://w3id.org/stancegraph/actor/russia"), RDF.type, SG.State))
    text = write_turtle(graph)
    assert text.splitlines()[:2] == ["@prefix actor: <https://w3id.org/stancegraph/actor/> .",
                                     "@prefix sg: <https://w3id.org/stancegraph/ontology#> ."]
    assert "actor:russia a sg:State ." in text
