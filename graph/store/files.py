"""Write graph files; the format comes from the extension and writes are atomic (reading is Oxigraph's:
``graph.store.database``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import GraphFileError, UsageError
from graph.store.terms import to_quad
from graph.store.turtle import write_turtle
from ontology import PREFIXES

# The name of the graph in N-Quads and TriG files that stancegraph writes (export; build -o graph.nq).
GRAPH_IRI = "https://w3id.org/stancegraph/graph"

FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".nq": "nquads", ".rdf": "xml",
           ".owl": "xml"}


_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
# Quads formats, written with every triple in the named graph GRAPH_IRI.
_NAMED = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def rdf_format(path: Path) -> str:
    """The rdflib format name for ``path``'s extension.

    Examples:
        >>> rdf_format(Path("graph.ttl"))
        'turtle'
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise UsageError(f"{path}: unknown graph extension {path.suffix or '(none)'}; "
                         f"use one of {', '.join(sorted(FORMATS))}, or a name without an extension for a "
                         f"store directory") from None


def save_graph(graph: Graph, path: Path) -> None:
    """Serialise ``graph`` to ``path`` atomically: a temporary file beside it, then a rename. Turtle goes
    through ``graph.store.turtle`` (rdflib's Turtle serializer took a build a second or more); the rest through
    rdflib."""
    fmt = rdf_format(path)
    if fmt in _NAMED:  # rdflib writes quads only from a dataset (TriG under a blank node); Oxigraph names the graph
        name = ox.NamedNode(GRAPH_IRI)
        data = ox.serialize((ox.Quad(q.subject, q.predicate, q.object, name) for q in map(to_quad, graph)),
                            format=_NAMED[fmt], prefixes=_PREFIXES)
        assert data is not None
        write_atomic(path, data)
        return
    text = write_turtle(graph) if fmt == "turtle" else graph.serialize(format=fmt)
    write_atomic(path, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part."""
    path = path.resolve()
    if not path.parent.is_dir():
        raise GraphFileError(f"{path.parent}: output directory does not exist; create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
