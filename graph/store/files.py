"""Write graph files; the format comes from the extension and writes are atomic (reading is Oxigraph's:
``graph.store.database``)."""

from __future__ import annotations

import errno
import glob
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import GraphFileError
from graph.store.location import FORMATS, rdf_format
from graph.store.terms import to_quad
from graph.store.turtle import write_turtle
from ontology.iris import PREFIX_IRIS

__all__ = ["FORMATS", "GRAPH_IRI", "check_output", "rdf_format", "save_graph", "write_atomic"]

# The name of the graph in N-Quads and TriG files that stancegraph writes (export; build -o graph.nq).
GRAPH_IRI = "https://w3id.org/stancegraph/graph"
# Quads formats, written with every triple in the named graph GRAPH_IRI.
_NAMED = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def save_graph(graph: Graph, path: Path) -> None:
    """Serialise ``graph`` to ``path`` atomically: a temporary file beside it, then a rename. Turtle goes
    through ``graph.store.turtle`` (rdflib's Turtle serializer took a build a second or more); the rest through
    rdflib."""
    fmt = rdf_format(path)
    if fmt in _NAMED:  # rdflib writes quads only from a dataset (TriG under a blank node); Oxigraph names the graph
        name = ox.NamedNode(GRAPH_IRI)
        data = ox.serialize((ox.Quad(q.subject, q.predicate, q.object, name) for q in map(to_quad, graph)),
                            format=_NAMED[fmt], prefixes=PREFIX_IRIS)
        assert data is not None
        write_atomic(path, data)
        return
    text = write_turtle(graph) if fmt == "turtle" else graph.serialize(format=fmt)
    write_atomic(path, text.encode("utf-8"))


def check_output(path: Path) -> None:
    """Raise ``GraphFileError`` unless a file can be written at ``path``: checked before a command's work, so
    that a wrong ``-o`` costs a second, not the run.

    Examples:
        >>> check_output(Path("/no/such/folder/graph.ttl"))
        Traceback (most recent call last):
        graph.errors.GraphFileError: /no/such/folder: output directory does not exist; create it first
    """
    parent = path.resolve().parent
    if path.is_dir():
        raise GraphFileError(f"{path}: is a directory; give the name of a file to write, such as "
                             f"{path / ('output' + (path.suffix or '.ttl'))}")
    if not parent.exists():
        raise GraphFileError(f"{parent}: output directory does not exist; create it first")
    if not parent.is_dir():
        raise GraphFileError(f"{parent}: is a file, not a directory; give an output path in a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise GraphFileError(f"{parent}: cannot write in this directory (read-only or no permission); choose "
                             f"another output path or change the directory's permissions")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part. The
    temporary file beside it is named ``.NAME.PID.XXXX.tmp``; one left by a writer that no longer runs (a crash,
    a kill -9) is removed first. A failed write (disk full, read-only, ...) raises ``GraphFileError`` naming the
    path, and leaves the old file as it was and no temporary file behind."""
    path = path.resolve()
    check_output(path)
    _remove_stale_temps(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as err:
        raise GraphFileError(_write_failed(path, err)) from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink(missing_ok=True)


def _write_failed(path: Path, err: OSError) -> str:
    kept = "; the old file is unchanged" if path.exists() else ""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{path}: the disk is full (no space left on device); free some space or write elsewhere{kept}"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"{path.parent}: cannot write in this directory ({err.strerror}); choose another output path or "
                f"change the directory's permissions{kept}")
    return f"{path}: cannot write the file ({err.strerror or type(err).__name__}); check the path{kept}"


def _remove_stale_temps(path: Path) -> None:
    """Remove the temporary files of earlier writes of ``path`` whose writer is gone (killed mid-write); one
    whose process still runs is another writer's, and stays."""
    for stale in glob.glob(f".{glob.escape(path.name)}.*.tmp", root_dir=path.parent, include_hidden=True):
        writer = stale[len(path.name) + 2:].split(".", 1)[0]
        if writer.isdigit() and _running(int(writer)):
            continue
        (path.parent / stale).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
