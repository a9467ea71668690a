"""A build written into a store in chunks, each chunk one transaction: its documents (their sentences, claims
and direct edges) and the actors those claims name (but those an earlier chunk wrote as they are now), so a build
that is killed leaves whole documents behind and ``build --append`` resumes after the last chunk committed. The
client holds one chunk, never the whole graph.

The triples come from ``graph.build`` as plain tuples and go into Oxigraph as quads, without an rdflib graph in
between. An actor's description (type, label, other names, Wikidata id) is replaced whole each time it is
written: later documents may rename or retype a node, so each chunk also writes the actors whose description
changed since they were written, which the resolver reports (``Resolver.drain_touched``: no commit looks at every
actor known), and the store ends as a build in one piece would leave it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from graph.build import Triple, describe_actor, describe_claim, describe_document, document_iri, document_triples
from graph.errors import GraphFileError
from graph.resolve.resolver import Actor, Resolver
from graph.store.database import oxigraph_graph
from graph.store.sizes import CHUNK_DOCUMENTS
from graph.store.terms import from_oxigraph, to_quad
from ontology import ACTOR_BASE, SG

if TYPE_CHECKING:  # the build side (spaCy) loads only when a build runs
    from graph.pipeline import Extracted

__all__ = ["CHUNK_DOCUMENTS", "ChunkWriter", "around_documents", "retracted_documents"]

_DESCRIPTION = tuple(ox.NamedNode(str(p)) for p in (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs))

# takes out of a chunk the documents that break the shapes, True if it did (graph.validate.drop_nonconforming);
# raises when a violation no document explains remains
Check = Callable[[Graph], bool]


@dataclass
class _Chunk:
    documents: int = 0
    quads: list[ox.Quad] = field(default_factory=list)
    claims: dict[ox.NamedNode, list[ox.Quad]] = field(default_factory=dict)  # the same claim twice: the last one
    actors: set[str] = field(default_factory=set)
    replaced: list[URIRef] = field(default_factory=list)


class ChunkWriter:
    """Adds documents' resolved claims to ``store`` and commits every ``size`` documents.

    ``check`` sees each chunk before it is committed (what it adds, with the actors it names); ``fresh`` (a
    build without ``--append``) makes the first commit also clear what the store held. The documents a
    document ``replaced`` (``build --replace``) leave in the chunk of their replacement, with their sentences,
    claims and the direct edges only they supported.
    """

    def __init__(self, store: ox.Store, resolver: Resolver, check: Check, *, fresh: bool = False,
                 size: int = CHUNK_DOCUMENTS, where: Path | None = None) -> None:
        self.store, self.resolver, self.check, self.size, self.where = store, resolver, check, size, where
        self.commits = 0
        self._clear = fresh
        self._chunk = _Chunk()
        # what the store says of each actor now: an actor read from it is not written again unless it changes
        self._written: dict[str, tuple[ox.Quad, ...]] = {} if fresh else {
            actor.iri: tuple(describe_actor(actor)) for actor in resolver.actors.values()}

    def add(self, item: Extracted, replaced: Iterable[URIRef] = ()) -> None:
        """Add one document and its claims; commit when the chunk is full."""
        chunk = self._chunk
        doc_iri = document_iri(item.document)
        chunk.quads.extend(describe_document(item.document))
        for claim in item.claims:
            if not claim.between_actors:
                continue
            iri, own, shared = describe_claim(claim, doc_iri)
            chunk.claims[iri] = own
            chunk.quads.extend(shared)
            chunk.actors.update(m.id for m in (claim.subject, claim.object, claim.attributed_to)
                                if m is not None and m.id)
        chunk.replaced.extend(replaced)
        chunk.documents += 1
        if chunk.documents >= self.size:
            self.commit()

    def finish(self) -> None:
        """Commit the last chunk, and write the store's files out."""
        self.commit()
        with self._writing():
            self.store.flush()  # a commit is durable without it (the write-ahead log); this writes the files out

    def commit(self) -> None:
        """Validate the chunk with the actors its claims name, and write in one transaction its documents and
        claims and each actor new or changed since it was written (an actor the store holds as it is now is not
        written again)."""
        chunk, self._chunk = self._chunk, _Chunk()
        described = {actor.iri: tuple(describe_actor(actor)) for actor in self._actors(chunk)}
        descriptions = {iri: d for iri, d in described.items() if self._written.get(iri) != d}
        if not chunk.documents and not descriptions and not self._clear:
            return
        added = list(chunk.quads)
        for own in chunk.claims.values():
            added.extend(own)
        for description in descriptions.values():
            added.extend(description)
        held = {quad for iri in chunk.actors.difference(descriptions) for quad in described.get(iri, ())}
        staged = ox.Store()
        staged.extend([*added, *held])  # the shapes see every actor a claim names; the store has the held ones
        if self.check(oxigraph_graph(staged)):  # documents that break the shapes were taken out: the rest goes in
            added = [quad for quad in staged if quad not in held]
        removed = set() if self._clear else self._old_descriptions(descriptions)
        if chunk.replaced:
            removed.update(map(to_quad, retracted_documents(self.store, chunk.replaced, oxigraph_graph(staged))))
        removed.difference_update(added)
        with self._writing():
            _transaction(self.store, added, removed, self._clear)
        self._clear = False
        self._written.update(descriptions)
        self.commits += 1

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as err:  # a full disk, a store made read-only under it: this transaction is not applied
            kept = f"the {self.commits} chunks committed before stay" if self.commits else "the store is as it was"
            raise GraphFileError(f"{self.where}: cannot write the store ({_first_line(err)}); {kept}; free some "
                                 f"disk space or check the directory, then run the build again with --append") from None

    def _actors(self, chunk: _Chunk) -> list[Actor]:
        """The actors the chunk's claims name and those the resolver made, named or changed since the last
        commit."""
        keys = {iri[len(ACTOR_BASE):] for iri in chunk.actors if iri.startswith(ACTOR_BASE)}
        keys |= self.resolver.drain_touched()
        known = self.resolver.actors
        return [known[key] for key in keys if key in known]

    def _old_descriptions(self, descriptions: dict[str, tuple[ox.Quad, ...]]) -> set[ox.Quad]:
        old: set[ox.Quad] = set()
        for iri in descriptions:
            node = ox.NamedNode(iri)
            for prop in _DESCRIPTION:
                old.update(self.store.quads_for_pattern(node, prop, None, ox.DefaultGraph()))
        return old


def _transaction(store: ox.Store, added: list[ox.Quad], removed: set[ox.Quad], clear: bool) -> None:
    """``removed`` out (everything, with ``clear``) and ``added`` in, in one transaction."""
    if not removed and not clear:
        store.extend(added)
    else:
        out = "CLEAR DEFAULT" if clear else f"DELETE DATA {{ {_text(removed)} }}"
        store.update(f"{out} ; INSERT DATA {{ {_text(added)} }}")


def _text(quads: Iterable[ox.Quad]) -> str:
    return os.linesep.join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def retracted_documents(store: ox.Store, documents: Sequence[URIRef], keep: Graph) -> set[Triple]:
    """What ``build --replace`` takes out of ``store`` for the old ``documents`` (``graph.build.document_triples``),
    ``keep`` being the graph that replaces them."""
    around = around_documents(store, documents)
    return set().union(*(document_triples(around, iri, keep=keep) for iri in documents))


def around_documents(store: ox.Store, documents: Sequence[URIRef]) -> Graph:
    """A plain graph of what ``document_triples`` reads of ``store`` for ``documents``: each document, its
    sentences and their claims, and every claim about the same subjects (whether another document still makes
    an edge). Read quad by quad: an rdflib graph over the store would keep it open after the build."""
    graph = Graph()

    def read(subject: object = None, predicate: object = None, obj: object = None) -> list[ox.Quad]:
        found = list(store.quads_for_pattern(subject, predicate, obj, ox.DefaultGraph()))  # type: ignore[arg-type]
        graph.addN((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object), graph)
                   for q in found)
        return found

    subject_of, sentence_of, document_of = (ox.NamedNode(str(SG[name])) for name in ("subject", "sentence",
                                                                                       "document"))
    for iri in documents:
        doc = ox.NamedNode(str(iri))
        read(doc)
        for sentence in read(None, document_of, doc):
            read(sentence.subject)
            for claim in read(None, sentence_of, sentence.subject):
                for actor in read(claim.subject, subject_of):
                    for other in read(None, subject_of, actor.object):
                        read(other.subject)
    return graph


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
