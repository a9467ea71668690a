"""The graph's home: a persistent Oxigraph store directory, or an RDF file read into an in-memory Oxigraph store.

A path with an RDF extension (``graph.ttl``) is a file; a path without one (``mygraph``) is a store directory.
Readers open a store read-only; a writer holds the store's lock for its whole run, so a second writer stops with
one line saying the store is busy, and each write is one transaction (all of it or none of it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from graph.errors import GraphFileError
from graph.store.location import (
    FORMATS,
    StoreBusyError,
    file_format,
    first_line,
    not_valid,
    open_store,
)
from graph.store.terms import from_oxigraph, to_quad
from ontology import PREFIXES

__all__ = ["add_graph", "described_graph", "in_memory_graph", "load_graph", "open_writer", "oxigraph_graph",
           "parse_file", "replace_graph", "store_of"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def open_writer(path: Path) -> ox.Store:
    """The store directory at ``path`` opened for writing, created if missing. The store stays locked while the
    returned object lives: a second writer gets ``StoreBusyError``."""
    if path.exists() and not path.is_dir():
        raise GraphFileError(f"{path}: is a file, not a store directory; give a new directory or a graph file "
                             f"with an RDF extension ({', '.join(sorted(FORMATS))})")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
        raise GraphFileError(f"{path}: the directory holds other files, not a stancegraph store; give an empty "
                             f"or new directory")
    if not path.resolve().parent.is_dir():
        raise GraphFileError(f"{path.parent}: output directory does not exist; create it first")
    try:
        return ox.Store(str(path))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreBusyError(f"{path}: the store is busy: another stancegraph command is writing to it; run "
                                 f"this again when it has finished") from None
        raise GraphFileError(f"{path}: cannot open the store ({first_line(err)}); check the directory") from None


def parse_file(path: Path, into: Graph | None = None) -> Graph:
    """The RDF file at ``path`` as a plain in-memory rdflib graph, read by Oxigraph's parser with every literal
    as written (``--append`` onto a file builds on this and writes the file again)."""
    fmt = file_format(path)
    graph = into if into is not None else _plain_graph()
    try:
        for quad in ox.parse(path=str(path), format=fmt, lenient=True):
            graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    except (SyntaxError, ValueError, OSError) as err:
        raise not_valid(path, err) from None
    return graph


def _plain_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def oxigraph_graph(store: ox.Store) -> Graph:
    """An rdflib ``Graph`` over ``store`` (oxrdflib): rdflib's API for notebooks, Oxigraph's engine for SPARQL."""
    from oxrdflib import OxigraphStore  # with rdflib's SPARQL parser, a third of `stancegraph query`'s start-up

    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def load_graph(path: Path) -> Graph:
    """The graph at ``path`` (store directory or RDF file) as an rdflib ``Graph`` backed by Oxigraph."""
    return oxigraph_graph(open_store(path))


def store_of(graph: Graph) -> ox.Store:
    """The Oxigraph store behind ``graph``; a plain in-memory rdflib graph is copied into a new one."""
    inner = getattr(graph.store, "_inner", None)  # oxrdflib's handle on its store (not imported just to check)
    if type(graph.store).__name__ == "OxigraphStore" and isinstance(inner, ox.Store):
        return inner
    store = ox.Store()
    store.extend(to_quad(triple) for triple in graph)
    return store


def described_graph(store: ox.Store, types: Sequence[URIRef], properties: Sequence[URIRef]) -> Graph:
    """A plain rdflib graph of what ``store`` says about the subjects of ``types``: their types and their values
    of ``properties``. An append reads the store's actors this way, in proportion to how many there are, not to
    the size of the graph."""
    graph = _plain_graph()
    for kind in types:
        for typed in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(str(kind)), ox.DefaultGraph()):
            graph.add((from_oxigraph(typed.subject), from_oxigraph(typed.predicate), from_oxigraph(typed.object)))
            for prop in properties:
                for quad in store.quads_for_pattern(typed.subject, ox.NamedNode(str(prop)), None, ox.DefaultGraph()):
                    graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate),
                               from_oxigraph(quad.object)))
    return graph


def in_memory_graph(store: ox.Store, into: Graph | None = None) -> Graph:
    """A plain rdflib copy of ``store``'s graph, to build on before writing the result back."""
    graph = into if into is not None else _plain_graph()
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    return graph


def replace_graph(store: ox.Store, graph: Graph) -> tuple[int, int]:
    """Make ``store`` hold exactly ``graph``'s triples, in one transaction that writes only the difference;
    returns (triples added, triples removed)."""
    staged = ox.Store()  # Oxigraph's own forms of the terms (0.850 is stored as 0.85), to compare like with like
    staged.extend(to_quad(triple) for triple in graph)
    new = set(staged.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    old = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    added, removed = new - old, old - new
    if any(isinstance(term, ox.BlankNode) for quad in removed for term in (quad.subject, quad.object)):
        added = new  # the store is cleared and written whole
    _write(store, added, removed)
    return len(added), len(removed)


def add_graph(store: ox.Store, graph: Graph, single_valued: Sequence[URIRef] = (),
              retracted: Iterable[tuple[Node, Node, Node]] = ()) -> tuple[int, int]:
    """Add ``graph``'s triples to ``store`` in one transaction, work in proportion to ``graph``: a subject's old
    value of a ``single_valued`` property that ``graph`` gives anew is replaced (an actor's preferred label), and
    the ``retracted`` triples (a replaced document's) go in the same transaction; returns (triples added, triples
    removed)."""
    staged = ox.Store()
    staged.extend(to_quad(triple) for triple in graph)
    new = set(staged.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    removed = {quad for quad in map(to_quad, retracted) if quad not in new}
    for prop in single_valued:
        for quad in staged.quads_for_pattern(None, ox.NamedNode(str(prop)), None, ox.DefaultGraph()):
            removed.update(old for old in store.quads_for_pattern(quad.subject, quad.predicate, None,
                                                                  ox.DefaultGraph()) if old.object != quad.object)
    added = {quad for quad in new if quad not in store}
    _write(store, added, removed)
    return len(added), len(removed)


def _write(store: ox.Store, added: set[ox.Quad], removed: set[ox.Quad]) -> None:
    """One transaction: ``removed`` out, ``added`` in."""
    if not removed:
        store.extend(added)
    elif any(isinstance(term, ox.BlankNode) for quad in removed for term in (quad.subject, quad.object)):
        store.clear()  # DELETE DATA cannot name blank nodes; only graphs imported with blank nodes come here
        store.extend(added)
    else:
        store.update(f"DELETE DATA {{ {_triples_text(removed)} }} ; INSERT DATA {{ {_triples_text(added)} }}")
    store.flush()


def _triples_text(quads: set[ox.Quad]) -> str:
    # Oxigraph writes each term in N-Triples form, escaped as the grammar requires
    return os.linesep.join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
