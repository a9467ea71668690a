"""One document's bad claim never stops a build: the documents whose triples break the shapes are found from the
violations, taken out of the graph, and reported, and the rest is built.

A violation's focus node leads back to documents: a claim to the document of its sentence, a sentence to its
document, a document to itself. An actor node is shared by many documents, so it leads to the documents whose
claims use it in the way the violation names: the claims between it and the violation's value (an edge, a
speaker), or, for a shape that targets the subjects of a property (``sh:targetSubjectsOf sg:affiliatedWith``),
its claims of that relation; failing both, every claim that names it. A violation that leads to no document (an
actor's own triples, a shape the data breaks whatever the documents say) still refuses the build.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SH
from rdflib.term import Node

from graph.build import document_triples
from graph.errors import GraphFileError, InputError
from graph.validate.conformance import shapes_graph, validate_graph
from graph.validate.report import Violation
from ontology import SG

__all__ = ["drop_nonconforming"]


def drop_nonconforming(graph: Graph, output: Path, keep: Collection[Node] = ()) -> list[InputError]:
    """Take out of ``graph`` (what a build is about to write to ``output``) every document whose triples break
    the shapes, until the rest conforms; returns one ``InputError`` a dropped document, naming it and the first
    violation it caused. The documents ``keep`` (those a graph file held before this run) are never dropped. A
    violation that no other document explains raises ``GraphFileError``, as ``require_conformance`` does, and the
    build writes nothing.

    Examples:
        >>> from rdflib import Literal
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> doc, sentence, claim = (URIRef(f"https://w3id.org/stancegraph/{x}") for x in ("doc/d1", "doc/d1/s0",
        ...                                                                              "claim/c1"))
        >>> for triple in [(doc, RDF.type, SG.Document), (doc, DCTERMS.identifier, Literal("a.txt")),
        ...                (sentence, SG.document, doc), (claim, RDF.type, SG.StanceClaim),
        ...                (claim, SG.sentence, sentence)]:
        ...     _ = g.add(triple)
        >>> [str(err).split(" (")[0] for err in drop_nonconforming(g, Path("news"))]
        ['a.txt: its claims break the stancegraph shapes']
        >>> len(g)
        0
    """
    dropped: dict[URIRef, tuple[str, str]] = {}  # a document: its id, the first violation it caused
    while True:
        report = validate_graph(graph)
        if report.conforms:
            return [InputError(f"{doc_id}: its claims break the stancegraph shapes ({line}); skipped, the rest is "
                               f"built; please report this document") for doc_id, line in dropped.values()]
        blamed: dict[URIRef, str] = {}
        for violation in report.violations:
            for doc in _documents_of(graph, violation) - dropped.keys() - set(keep):
                blamed.setdefault(doc, violation.line())
        if not blamed:
            raise GraphFileError(f"{output}: the graph built breaks the stancegraph shapes "
                                 f"({report.violations[0].line()}); nothing written; please report this as a bug")
        for doc, line in blamed.items():
            dropped[doc] = (str(graph.value(doc, DCTERMS.identifier) or doc), line)
            graph -= document_triples(graph, doc)


def _documents_of(graph: Graph, violation: Violation) -> set[URIRef]:
    """The documents whose triples make ``violation``."""
    focus = _iri(violation.focus)
    if focus is None:
        return set()
    if (focus, RDF.type, SG.Document) in graph:
        return {focus}
    claims = set(_claims_using(graph, focus, violation))
    if not claims and (focus, SG.sentence, None) in graph:
        claims = {focus}
    found = {doc for claim in claims for sentence in graph.objects(claim, SG.sentence)
             for doc in graph.objects(sentence, SG.document)}
    found.update(doc for doc in graph.objects(focus, SG.document))  # a sentence
    return {doc for doc in found if isinstance(doc, URIRef)}


def _claims_using(graph: Graph, actor: URIRef, violation: Violation) -> Iterator[Node]:
    """The claims that use the actor node ``actor`` in the way ``violation`` names (nothing for a claim, a
    sentence or a document)."""
    if (actor, SG.sentence, None) in graph or (actor, SG.document, None) in graph:
        return
    value = _iri(violation.value)
    if value is not None and value != actor:
        between = [claim for claim in graph.subjects(SG.subject, actor) if (claim, SG.object, value) in graph]
        between += [claim for claim in graph.subjects(SG.object, actor) if (claim, SG.subject, value) in graph]
        between += [claim for claim in graph.subjects(SG.speaker, actor) if (claim, SG.object, value) in graph]
        if between:
            yield from between
            return
    relations = _targeted_subjects_of().get(violation.shape, ())
    if relations:
        yield from (claim for claim in graph.subjects(SG.subject, actor)
                    if any((claim, SG.relation, relation) in graph for relation in relations))
        return
    for role in (SG.subject, SG.object, SG.speaker):
        yield from graph.subjects(role, actor)


@cache
def _targeted_subjects_of() -> dict[str, tuple[URIRef, ...]]:
    """Each node shape that targets the subjects of properties (in N-Triples form), with those properties."""
    shapes = shapes_graph()
    found: dict[str, tuple[URIRef, ...]] = {}
    for shape in set(shapes.subjects(SH.targetSubjectsOf, None)):
        found[f"<{shape}>"] = tuple(p for p in shapes.objects(shape, SH.targetSubjectsOf) if isinstance(p, URIRef))
    return found


def _iri(term: str | None) -> URIRef | None:
    return URIRef(term[1:-1]) if term is not None and term.startswith("<") and term.endswith(">") else None
