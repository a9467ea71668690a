"""Where graphs live: opening a store directory or an RDF file for reading (``location``, pyoxigraph only), rdflib
graphs over Oxigraph and writes in one transaction (``database``), RDF files written by extension with atomic
writes (``files``), the fast Turtle writer (``turtle``), terms between rdflib and Oxigraph (``terms``).

The names are loaded on first use, so ``graph.store.location`` is read without importing rdflib."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.store.database import load_graph
    from graph.store.files import save_graph, write_atomic
    from graph.store.location import FORMATS, StoreBusyError, is_store_path, open_store, rdf_format

__all__ = ["FORMATS", "StoreBusyError", "is_store_path", "load_graph", "open_store", "rdf_format", "save_graph",
           "write_atomic"]

_HOMES = {"load_graph": "database", "save_graph": "files", "write_atomic": "files",
          **dict.fromkeys(("FORMATS", "StoreBusyError", "is_store_path", "open_store", "rdf_format"), "location")}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'graph.store' has no attribute {name!r}")
    value = getattr(import_module(f"graph.store.{home}"), name)
    globals()[name] = value
    return value
