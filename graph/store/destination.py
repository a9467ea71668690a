"""Where ``build`` writes: a store directory (locked for the whole run, written in one transaction) or a graph
file (written atomically), chosen by the path's extension."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDFS, SKOS, Graph

from graph.store.database import add_graph, described_graph, is_store_path, open_writer, parse_file, replace_graph
from graph.store.files import rdf_format, save_graph
from ontology import SG, actor_types

__all__ = ["Destination"]

# What graph.build sets rather than adds on an actor: the one preferred label, the one Wikidata id.
_SINGLE_VALUED = (RDFS.label, OWL.sameAs)
_DESCRIBED = (RDFS.label, SKOS.altLabel, OWL.sameAs)


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
        if is_store_path(path):
            self._created = not path.exists()
            self._store = open_writer(path)
        else:
            rdf_format(path)  # an unknown extension is a usage error before any work

    def base(self, into: Graph, append: bool) -> Graph:
        """The graph to build on: with ``append`` onto a file, ``into`` with the file's triples added (the file is
        written again whole); otherwise ``into`` as it is (a store receives only what is new)."""
        if append and self._store is None and self.path.exists():
            return parse_file(self.path, into)
        return into

    def known(self, base: Graph) -> Graph:
        """What the output holds already, for the resolver's actors and the articles an append skips: a store's
        actors and articles (their types, names and Wikidata ids; not its claims), or the graph built on."""
        if self._store is None:
            return base
        return described_graph(self._store, [*(SG[name] for name in actor_types()), SG.Document], _DESCRIBED)

    def write(self, graph: Graph, append: bool = False) -> None:
        """Write ``graph``: added to the store in one transaction (``append``; an actor's label and Wikidata id
        replaced where they changed), made the store's whole content in one transaction, or written to the file
        atomically."""
        if self._store is not None:
            if append:
                add_graph(self._store, graph, _SINGLE_VALUED)
            else:
                replace_graph(self._store, graph)
            self._created = False
        else:
            save_graph(graph, self.path)

    def abandon(self) -> None:
        """After a failed run: a store this run created and never wrote is removed; anything else is left as it
        was."""
        if self._store is not None and self._created:
            self._store = None  # closes it
            shutil.rmtree(self.path, ignore_errors=True)
