"""Claims and actors -> RDF following ``ontology/``: actor nodes, claim nodes with sentence and document
provenance, and direct edges materialised from asserted claims."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from extractors.records import Claim
from graph.readers.documents import Document
from graph.resolve.resolver import Actor, Resolver
from ontology import ACTOR_BASE, CLAIM, DOC, PREFIXES, SG, WIKIDATA, actor_types

if TYPE_CHECKING:  # the build side (spaCy) loads only when a build runs
    from graph.pipeline import Extracted

_RELATION = {"supports": SG.supports, "opposes": SG.opposes, "affiliated_with": SG.affiliatedWith}
_FIRST_VALUE = (DCTERMS.title, DCTERMS.date)  # a document's title and date: the first one given stays
Triple = tuple[Node, Node, Node]


@cache
def _named(term: URIRef) -> ox.NamedNode:
    """The Oxigraph form of a vocabulary term (a few dozen, made once; never a document's or an actor's IRI, which
    would stay in the cache for the rest of the run)."""
    return ox.NamedNode(str(term))


_TYPE, _LABEL, _ALT_LABEL, _SAME_AS = map(_named, (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs))
_DOCUMENT, _SENTENCE, _DECIMAL = _named(SG.Document), _named(SG.Sentence), _named(XSD.decimal)
_IDENTIFIER, _TITLE, _DATE, _SOURCE, _PUBLISHER = map(_named, (DCTERMS.identifier, DCTERMS.title, DCTERMS.date,
                                                              DCTERMS.source, DCTERMS.publisher))
_XSD_STRING = str(XSD.string)


def rdflib_triple(quad: ox.Quad) -> Triple:
    """The rdflib triple of a quad that ``describe_*`` gives (named nodes and literals only)."""
    return _rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)


def _rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def build_graph(extracted: Iterable[Extracted], resolver: Resolver, graph: Graph | None = None) -> Graph:
    """Add every document, claim and direct edge of ``extracted`` to ``graph`` (a new one by default),
    then the actors ``resolver`` knows. Adding the same document twice changes nothing. A claim about a
    mention of no actor ("sanctions targeting banks", ``Mention.is_actor``) is left out.

    Examples:
        >>> from graph.pipeline import extract_documents
        >>> resolver = Resolver()
        >>> docs = [Document(id="a.txt", text="Moscow sent troops to Syria to prop up the Assad government.")]
        >>> g = build_graph(extract_documents(docs, resolver), resolver)
        >>> sorted(str(g.value(s, RDFS.label)) for s in g.subjects(SG.supports, None))
        ['Russia']
    """
    graph = graph if graph is not None else new_graph()
    for item in extracted:
        doc_iri = add_document(graph, item.document)
        for claim in item.claims:
            if claim.between_actors:
                add_claim(graph, claim, doc_iri)
    for actor in resolver.actors.values():
        add_actor(graph, actor)
    return graph


def document_iri(document: Document) -> URIRef:
    return DOC[_digest(document.text)]


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def source_term(url: str) -> URIRef | Literal:
    """The article's address as an IRI, characters an IRI may not hold (spaces, quotes, brackets, controls)
    percent-encoded as a browser does; an address without a scheme is no IRI and stays a literal, so an odd
    ``url`` field never stops a build.

    Examples:
        >>> source_term('https://news.example/a b"c')
        rdflib.term.URIRef('https://news.example/a%20b%22c')
        >>> source_term("www.news.example/story")
        rdflib.term.Literal('www.news.example/story')
    """
    url = url.strip()
    if not _SCHEME.match(url):
        return Literal(url)
    return URIRef(_NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url))


def describe_document(document: Document) -> list[ox.Quad]:
    """The quads of the document node of ``document`` (type, id, title, date, address, publisher) in the
    default graph, as Oxigraph terms: a store takes them as they are, with no rdflib graph between
    (``graph.store.chunks``); ``add_document`` adds them to an rdflib graph."""
    iri = ox.NamedNode(str(document_iri(document)))
    found = [ox.Quad(iri, _TYPE, _DOCUMENT), ox.Quad(iri, _IDENTIFIER, ox.Literal(document.id))]
    if document.title:
        found.append(ox.Quad(iri, _TITLE, ox.Literal(document.title)))
    if document.date:
        found.append(ox.Quad(iri, _DATE, ox.Literal(document.date)))
    if document.url:
        source = source_term(document.url)
        found.append(ox.Quad(iri, _SOURCE, ox.NamedNode(source) if isinstance(source, URIRef) else ox.Literal(source)))
    if document.source:
        found.append(ox.Quad(iri, _PUBLISHER, ox.Literal(document.source)))
    return found


def add_document(graph: Graph, document: Document) -> URIRef:
    iri = document_iri(document)
    for triple in map(rdflib_triple, describe_document(document)):
        if triple[1] in _FIRST_VALUE and graph.value(iri, triple[1]) is not None:
            continue  # a title or date the graph holds already stays
        graph.add(triple)
    return iri


def documents_by_id(graph: Graph) -> dict[str, list[URIRef]]:
    """The documents of ``graph`` under each id (``dcterms:identifier``); a graph built before ids were keys
    may hold two texts under one."""
    found: dict[str, list[URIRef]] = {}
    for iri in graph.subjects(RDF.type, SG.Document):
        for identifier in graph.objects(iri, DCTERMS.identifier):
            found.setdefault(str(identifier), []).append(URIRef(str(iri)))
    return found


class HeldDocuments:
    """The documents an output holds already, asked about one new document at a time (``build --append``):
    whether it ``holds`` a document (its IRI, ``document_iri``) and the documents it holds ``under`` an id
    (``dcterms:identifier``). Over a store each answer is a point lookup, so an append reads none of the stored
    documents before its first new one; over a graph (a file, read whole anyway) the ids are gathered once
    (``documents_by_id``).

    Examples:
        >>> doc = Document(id="a.txt", text="Iran backs Hezbollah.")
        >>> store = ox.Store()
        >>> store.extend(describe_document(doc))
        >>> held = HeldDocuments(store)
        >>> held.holds(document_iri(doc)), held.under("a.txt") == [document_iri(doc)], held.under("b.txt")
        (True, True, [])
    """

    def __init__(self, source: Graph | ox.Store) -> None:
        self._source = source
        self._by_id = documents_by_id(source) if isinstance(source, Graph) else {}

    def holds(self, iri: URIRef) -> bool:
        if isinstance(self._source, Graph):
            return (iri, RDF.type, SG.Document) in self._source
        return _stored_document(self._source, ox.NamedNode(str(iri)))

    def under(self, doc_id: str) -> list[URIRef]:
        if isinstance(self._source, Graph):
            return self._by_id.get(doc_id, [])
        store = self._source
        named = (quad.subject for quad in store.quads_for_pattern(None, _IDENTIFIER, ox.Literal(doc_id),
                                                                  ox.DefaultGraph()))
        return [URIRef(node.value) for node in named
                if isinstance(node, ox.NamedNode) and _stored_document(store, node)]


def _stored_document(store: ox.Store, iri: ox.NamedNode) -> bool:
    return ox.Quad(iri, _TYPE, _DOCUMENT, ox.DefaultGraph()) in store  # one point read (a pattern: twice the time)


def document_triples(graph: Graph, doc_iri: URIRef, keep: Graph | None = None) -> set[Triple]:
    """What ``graph`` holds of the document ``doc_iri`` alone, to take out when ``build --replace`` replaces it:
    the document node, its sentences, their claims, and each direct edge that no asserted claim of another
    document (in ``graph`` or in ``keep``, the graph about to be added) still supports. Actors stay.

    Examples:
        >>> from graph.pipeline import extract_documents
        >>> resolver = Resolver()
        >>> docs = [Document(id="a", text="Iran backs Hezbollah."), Document(id="b", text="Iran backs Hamas.")]
        >>> g = build_graph(extract_documents(docs, resolver), resolver)
        >>> g -= document_triples(g, document_iri(docs[0]))
        >>> sorted(str(g.value(o, RDFS.label)) for o in g.objects(None, SG.supports))
        ['Hamas']
    """
    sentences = set(graph.subjects(SG.document, doc_iri))
    claims = {claim for sentence in sentences for claim in graph.subjects(SG.sentence, sentence)}
    found: set[Triple] = set(graph.triples((doc_iri, None, None)))
    for node in sentences | claims:
        found.update(graph.triples((node, None, None)))
    for claim in claims:
        if not _asserted(graph, claim):
            continue
        subject, relation, obj = (graph.value(claim, p) for p in (SG.subject, SG.relation, SG.object))
        if subject is None or relation is None or obj is None:
            continue
        edge = (subject, relation, obj)
        if not any(_supported(g, edge, claims) for g in (graph, keep) if g is not None):
            found.add(edge)
    return found


def _asserted(graph: Graph, claim: Node) -> bool:
    return str(graph.value(claim, SG.negated)) == "false" and str(graph.value(claim, SG.hedged)) == "false"


def _supported(graph: Graph, edge: Triple, leaving: set[Node]) -> bool:
    """Whether an asserted claim of ``graph`` outside ``leaving`` makes the direct edge ``edge``."""
    subject, relation, obj = edge
    return any(claim not in leaving and (claim, SG.relation, relation) in graph and (claim, SG.object, obj) in graph
               and _asserted(graph, claim) for claim in graph.subjects(SG.subject, subject))


def describe_claim(claim: Claim, doc_iri: URIRef) -> tuple[ox.NamedNode, list[ox.Quad], list[ox.Quad]]:
    """The claim node's IRI and quads, as ``describe_document`` gives them: ``(iri, the claim node's own quads,
    its sentence's and its direct edge's)``. The claim node has one value of each property; the others may be
    shared with other claims."""
    subject, obj = ox.NamedNode(claim.subject.id or ""), ox.NamedNode(claim.object.id or "")
    relation = _named(_RELATION[claim.relation])
    document = ox.NamedNode(str(doc_iri))
    sentence = ox.NamedNode(f"{doc_iri}/s{claim.sentence_index}")
    shared = [ox.Quad(sentence, p, o) for p, o in (
        (_TYPE, _SENTENCE), (_named(SG.text), ox.Literal(claim.sentence)),
        (_named(SG.startOffset), ox.Literal(claim.sentence_start)),
        (_named(SG.endOffset), ox.Literal(claim.sentence_start + len(claim.sentence))),
        (_named(SG.sentenceIndex), ox.Literal(claim.sentence_index)), (_named(SG.document), document),
    )]
    iri = ox.NamedNode(CLAIM[_digest(f"{doc_iri}|{claim.extractor}|{claim.relation}|{claim.subject.start}:"
                                     f"{claim.subject.end}|{claim.object.start}:{claim.object.end}|{subject.value}|"
                                     f"{obj.value}")])
    kind = _named(SG.AffiliationClaim if claim.relation == "affiliated_with" else SG.StanceClaim)
    values: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_TYPE, kind), (_named(SG.subject), subject), (_named(SG.object), obj), (_named(SG.relation), relation),
        (_named(SG.negated), ox.Literal(claim.negated)), (_named(SG.hedged), ox.Literal(claim.hedged)),
        (_named(SG.confidence), ox.Literal(f"{claim.confidence:.3f}", datatype=_DECIMAL)),
        (_named(SG.cue), ox.Literal(claim.cue)), (_named(SG.extractor), ox.Literal(claim.extractor)),
        (_named(SG.sentence), sentence), (_named(SG.subjectText), ox.Literal(claim.subject.text)),
        (_named(SG.objectText), ox.Literal(claim.object.text)),
    ]
    if claim.role:
        values.append((_named(SG.role), ox.Literal(claim.role)))
    if claim.attributed_to is not None and claim.attributed_to.id:
        values.append((_named(SG.speaker), ox.NamedNode(claim.attributed_to.id)))
    if not claim.negated and not claim.hedged:
        shared.append(ox.Quad(subject, relation, obj))
    return iri, [ox.Quad(iri, p, o) for p, o in values], shared


def add_claim(graph: Graph, claim: Claim, doc_iri: URIRef) -> URIRef:
    node, own, shared = describe_claim(claim, doc_iri)
    iri = URIRef(node.value)
    graph.remove((iri, None, None))  # the same claim again: its values replaced, as it had been given once
    for quad in (*shared, *own):
        graph.add(rdflib_triple(quad))
    return iri


def describe_actor(actor: Actor) -> list[ox.Quad]:
    """The actor node's quads, as ``describe_document`` gives them: one type, one label, an altLabel for every
    other name, the Wikidata id where known."""
    iri = ox.NamedNode(actor.iri)
    found = [ox.Quad(iri, _TYPE, _named(SG[actor.type])), ox.Quad(iri, _LABEL, ox.Literal(actor.label))]
    found.extend(ox.Quad(iri, _ALT_LABEL, ox.Literal(alias)) for alias in sorted(actor.aliases - {actor.label}))
    if actor.wikidata:
        found.append(ox.Quad(iri, _SAME_AS, ox.NamedNode(WIKIDATA[actor.wikidata])))
    return found


def add_actor(graph: Graph, actor: Actor) -> URIRef:
    iri = URIRef(actor.iri)
    for triple in map(rdflib_triple, describe_actor(actor)):
        if triple[1] == SKOS.altLabel:
            graph.add(triple)
        else:  # one type (an appended build may have retyped the node), one label, one Wikidata id
            graph.set(triple)
    return iri


def actors_in(graph: Graph) -> list[Actor]:
    """The actors of an existing graph, for ``--append``: new mentions join these nodes."""
    found: list[Actor] = []
    for name in actor_types():
        for iri in graph.subjects(RDF.type, SG[name]):
            text = str(iri)
            if not text.startswith(ACTOR_BASE):
                continue
            label = str(graph.value(iri, RDFS.label) or text.rsplit("/", 1)[-1])
            same = graph.value(iri, OWL.sameAs)
            wikidata = str(same).rsplit("/", 1)[-1] if same is not None else None
            aliases = {str(a) for a in graph.objects(iri, SKOS.altLabel)} | {label}
            found.append(Actor(text[len(ACTOR_BASE):], label, name, wikidata, aliases))
    return found


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
