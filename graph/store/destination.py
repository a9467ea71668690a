"""Where ``build`` writes: a store directory (locked for the whole run, written a chunk of documents a
transaction, ``graph.store.chunks``) or a graph file (written atomically), chosen by the path's extension."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDFS, SKOS, Graph, URIRef

from graph.build import HeldDocuments, document_triples
from graph.errors import GraphFileError
from graph.resolve.resolver import Resolver
from graph.store.chunks import CHUNK_DOCUMENTS, Check, ChunkWriter, around_documents
from graph.store.database import add_graph, described_graph, open_writer, parse_file, replace_graph
from graph.store.files import check_output, rdf_format, save_graph
from graph.store.location import is_store_path
from ontology import SG, actor_types

__all__ = ["Destination"]

# What graph.build sets rather than adds on an actor: the one preferred label, the one Wikidata id.
_SINGLE_VALUED = (RDFS.label, OWL.sameAs)
_DESCRIBED = (RDFS.label, SKOS.altLabel, OWL.sameAs)  # what the resolver reads of a stored actor


class Destination:
    """The output of a build. Opening a store takes its lock at once, before any article is read, so a second
    writer stops at the start (``StoreBusyError``) instead of losing one run's articles at the end.

    Examples:
        >>> import tempfile
        >>> from rdflib import RDF, Literal, URIRef
        >>> iran = URIRef("https://w3id.org/stancegraph/actor/iran")
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = Destination(Path(tmp) / "news")
        ...     out.write(Graph().add((iran, RDF.type, SG.State)).add((iran, RDFS.label, Literal("Iran"))))
        ...     print(sorted(str(o) for o in out.known(Graph()).objects(iran, RDFS.label)))
        ...     del out  # closes the store
        ['Iran']
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: ox.Store | None = None
        self._created = False
        self._writer: ChunkWriter | None = None
        if is_store_path(path):
            self._created = not path.exists()
            try:
                self._store = open_writer(path)
            except GraphFileError:
                if self._created:  # a full disk stops Oxigraph half-way through making the store's files
                    shutil.rmtree(path, ignore_errors=True)
                raise
        else:
            rdf_format(path)  # an unknown extension is a usage error before any work
            check_output(path)  # so is a place no file can be written

    def base(self, into: Graph, append: bool) -> Graph:
        """The graph to build on: with ``append`` onto a file, ``into`` with the file's triples added (the file is
        written again whole); otherwise ``into`` as it is (a store receives only what is new)."""
        if append and self._store is None and self.path.exists():
            return parse_file(self.path, into)
        return into

    def known(self, base: Graph) -> Graph:
        """The actors the output holds already, for the resolver: a store's actors (their types, names and
        Wikidata ids; not its documents nor its claims), or the graph built on."""
        if self._store is None:
            return base
        return described_graph(self._store, [SG[name] for name in actor_types()], _DESCRIBED)

    def documents(self, base: Graph) -> HeldDocuments:
        """The documents the output holds already, for the articles an append skips or replaces: a store's,
        looked up one new document at a time, or those of the graph built on."""
        return HeldDocuments(base if self._store is None else self._store)

    def chunks(self, resolver: Resolver, check: Check, append: bool = False,
               size: int = CHUNK_DOCUMENTS) -> ChunkWriter | None:
        """For a store, the writer that commits a build ``size`` documents at a time (``None`` for a file,
        which is written whole by ``write``). Without ``append`` the first commit also clears the store."""
        if self._store is None:
            return None
        fresh = not append and next(self._store.quads_for_pattern(None, None, None), None) is not None
        self._writer = ChunkWriter(self._store, resolver, check, fresh=fresh, size=size, where=self.path)
        return self._writer

    def write(self, graph: Graph, append: bool = False, replaced: Sequence[URIRef] = ()) -> None:
        """Write ``graph``: added to the store in one transaction (``append``; an actor's label and Wikidata id
        replaced where they changed), made the store's whole content in one transaction, or written to the file
        atomically. The documents ``replaced`` (``build --replace``) leave with their sentences, claims and the
        direct edges only they supported, in the same write."""
        if self._store is not None:
            try:
                if append:
                    around = around_documents(self._store, replaced)
                    retracted = set().union(*(document_triples(around, iri, keep=graph) for iri in replaced))
                    add_graph(self._store, graph, _SINGLE_VALUED, retracted)
                else:
                    replace_graph(self._store, graph)
            except OSError as err:  # a full disk, a store made read-only under it: the transaction is not applied
                self.abandon()
                raise GraphFileError(f"{self.path}: cannot write the store ({_first_line(err)}); free some "
                                     f"disk space or check the directory, then run the build again; the store "
                                     f"is as it was") from None
            self._created = False
        else:
            for iri in replaced:
                graph -= document_triples(graph, iri)  # the file's graph holds the new documents already
            save_graph(graph, self.path)

    def abandon(self) -> None:
        """After a failed run: a store this run created and never wrote is removed; anything else is left as it
        was (a store's chunks committed so far included)."""
        if self._writer is not None and self._writer.commits:
            return  # the chunks committed stay: --append resumes after them
        if self._store is not None and self._created:
            self._store = None  # closes it
            shutil.rmtree(self.path, ignore_errors=True)


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
