"""Claims and actors -> RDF following ``ontology/``: actor nodes, claim nodes with sentence and document
provenance, and direct edges materialised from asserted claims."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

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


def add_document(graph: Graph, document: Document) -> URIRef:
    iri = document_iri(document)
    graph.add((iri, RDF.type, SG.Document))
    graph.add((iri, DCTERMS.identifier, Literal(document.id)))
    if document.title and graph.value(iri, DCTERMS.title) is None:
        graph.add((iri, DCTERMS.title, Literal(document.title)))
    if document.date and graph.value(iri, DCTERMS.date) is None:
        graph.add((iri, DCTERMS.date, Literal(document.date)))
    if document.url:
        graph.add((iri, DCTERMS.source, source_term(document.url)))
    if document.source:
        graph.add((iri, DCTERMS.publisher, Literal(document.source)))
    return iri


def documents_by_id(graph: Graph) -> dict[str, list[URIRef]]:
    """The documents of ``graph`` under each id (``dcterms:identifier``); a graph built before ids were keys
    may hold two texts under one."""
    found: dict[str, list[URIRef]] = {}
    for iri in graph.subjects(RDF.type, SG.Document):
        for identifier in graph.objects(iri, DCTERMS.identifier):
            found.setdefault(str(identifier), []).append(URIRef(str(iri)))
    return found


Triple = tuple[Node, Node, Node]


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


def add_claim(graph: Graph, claim: Claim, doc_iri: URIRef) -> URIRef:
    subject, obj = URIRef(claim.subject.id or ""), URIRef(claim.object.id or "")
    relation = _RELATION[claim.relation]
    sentence = URIRef(f"{doc_iri}/s{claim.sentence_index}")
    graph.add((sentence, RDF.type, SG.Sentence))
    graph.add((sentence, SG.text, Literal(claim.sentence)))
    graph.add((sentence, SG.startOffset, Literal(claim.sentence_start)))
    graph.add((sentence, SG.endOffset, Literal(claim.sentence_start + len(claim.sentence))))
    graph.add((sentence, SG.sentenceIndex, Literal(claim.sentence_index)))
    graph.add((sentence, SG.document, doc_iri))
    iri = CLAIM[_digest(f"{doc_iri}|{claim.extractor}|{claim.relation}|{claim.subject.start}:{claim.subject.end}|"
                        f"{claim.object.start}:{claim.object.end}|{subject}|{obj}")]
    kind = SG.AffiliationClaim if claim.relation == "affiliated_with" else SG.StanceClaim
    for p, o in (
        (RDF.type, kind), (SG.subject, subject), (SG.object, obj), (SG.relation, relation),
        (SG.negated, Literal(claim.negated)), (SG.hedged, Literal(claim.hedged)),
        (SG.confidence, Literal(f"{claim.confidence:.3f}", datatype=XSD.decimal)),
        (SG.cue, Literal(claim.cue)), (SG.extractor, Literal(claim.extractor)), (SG.sentence, sentence),
        (SG.subjectText, Literal(claim.subject.text)), (SG.objectText, Literal(claim.object.text)),
    ):
        graph.set((iri, p, o))
    if claim.role:
        graph.set((iri, SG.role, Literal(claim.role)))
    if claim.attributed_to is not None and claim.attributed_to.id:
        graph.set((iri, SG.speaker, URIRef(claim.attributed_to.id)))
    if not claim.negated and not claim.hedged:
        graph.add((subject, relation, obj))
    return iri


def add_actor(graph: Graph, actor: Actor) -> URIRef:
    iri = URIRef(actor.iri)
    graph.set((iri, RDF.type, SG[actor.type]))  # one type: an appended build may have retyped the node
    graph.set((iri, RDFS.label, Literal(actor.label)))
    for alias in sorted(actor.aliases - {actor.label}):
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    if actor.wikidata:
        graph.set((iri, OWL.sameAs, WIKIDATA[actor.wikidata]))
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
