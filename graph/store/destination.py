"""Where ``build`` writes: a store directory (locked for the whole run, written in one transaction) or a graph
file (written atomically), chosen by the path's extension."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.store.database import in_memory_graph, is_store_path, open_writer, parse_file, replace_graph
from graph.store.files import rdf_format, save_graph

__all__ = ["Destination"]


class Destination:
    """The output of a build. Opening a store takes its lock at once, before any article is read, so a second
    writer stops at the start (``StoreBusyError``) instead of losing one run's articles at the end.

    Examples:
        >>> import tempfile
        >>> from rdflib import Literal, URIRef
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = Destination(Path(tmp) / "news")
        ...     g = Graph()
        ...     _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("b")))
        ...     out.write(g)
        ...     print(len(out.existing(Graph())))
        ...     del out  # closes the store
        1
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

    def existing(self, into: Graph) -> Graph:
        """``into`` with what the output holds now added: a plain rdflib graph to build on."""
        if self._store is not None:
            return in_memory_graph(self._store, into)
        return parse_file(self.path, into) if self.path.exists() else into

    def write(self, graph: Graph) -> None:
        """Make the output hold ``graph``: one transaction into the store, or an atomic file write."""
        if self._store is not None:
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
