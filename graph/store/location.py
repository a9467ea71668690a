"""Where a graph lives and how it is opened for reading: a path with an RDF extension (``graph.ttl``) is a file,
read into an in-memory Oxigraph store by Oxigraph's parser; a path without one (``mygraph``) is a store directory,
opened read-only. Imports pyoxigraph only, so ``query`` and ``serve`` start without rdflib."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.errors import GraphFileError, UsageError

__all__ = ["FORMATS", "MERGE_NAMED", "OXIGRAPH_FORMATS", "StoreBusyError", "file_format", "first_line",
           "is_store_path", "not_valid", "open_store", "rdf_format", "read_file_into"]

# The RDF file extensions and their rdflib format names (the names `graph.store.files` writes with).
FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".nq": "nquads", ".rdf": "xml",
           ".owl": "xml"}
OXIGRAPH_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
                    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
                    ".owl": ox.RdfFormat.RDF_XML}
_QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD)
# Named graphs of a quads file are read into the one graph a stancegraph store holds, in one update.
MERGE_NAMED = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } ; DROP NAMED"


class StoreBusyError(GraphFileError):
    """Another process is writing to the store."""


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


def is_store_path(path: Path) -> bool:
    """A path without an extension, or an existing directory, names a store; a path with an extension names a
    file (``rdf_format`` refuses one it does not know).

    Examples:
        >>> is_store_path(Path("news-graph")), is_store_path(Path("graph.ttl")), is_store_path(Path("g.xyz"))
        (True, False, False)
    """
    return not path.suffix or (path.is_dir() and path.suffix.lower() not in FORMATS)


def open_store(path: Path) -> ox.Store:
    """The graph at ``path`` for reading: a store directory opened read-only, or an RDF file read into an
    in-memory store (Oxigraph's parser, not rdflib's)."""
    if not is_store_path(path):
        store = ox.Store()
        read_file_into(store, path)
        return store
    if not (path / "CURRENT").is_file():
        what = "is not a stancegraph store" if path.exists() else "no such store or graph file"
        raise GraphFileError(f"{path}: {what}; build one with 'stancegraph build ... -o {path}' or give a graph "
                             f"file ({', '.join(sorted(FORMATS))})")
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise GraphFileError(f"{path}: cannot open the store ({first_line(err)}); check the directory") from None


def read_file_into(store: ox.Store, path: Path) -> None:
    """Add the RDF file at ``path`` to ``store`` in one transaction; a quads file's named graphs join the
    default graph. A missing or malformed file raises ``GraphFileError`` and adds nothing."""
    fmt = file_format(path)
    staging = ox.Store() if fmt in _QUAD_FORMATS else None
    try:
        # lenient: odd article addresses that rdflib accepts (and old graphs hold) do not stop the load
        (store if staging is None else staging).load(path=str(path), format=fmt, lenient=True)
    except (SyntaxError, ValueError, OSError) as err:
        raise not_valid(path, err) from None
    if staging is not None:
        staging.update(MERGE_NAMED)
        store.extend(staging.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def file_format(path: Path) -> ox.RdfFormat:
    rdf_format(path)  # an unknown extension is a usage error
    fmt = OXIGRAPH_FORMATS[path.suffix.lower()]
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file; build one with 'stancegraph build ... -o {path}'")
    return fmt


def not_valid(path: Path, err: Exception) -> GraphFileError:
    fmt = FORMATS[path.suffix.lower()]
    return GraphFileError(f"{path}: not a valid {fmt} graph ({first_line(err)}); rebuild it or check the file")


def first_line(err: Exception) -> str:
    """The first line of an engine's error message, at most 200 characters."""
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
