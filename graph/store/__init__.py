"""Where graphs live: opening a store directory or an RDF file for reading (``location``, pyoxigraph only), rdflib
graphs over Oxigraph and writes in one transaction (``database``), RDF files written by extension with atomic
writes (``files``), the fast Turtle writer (``turtle``), terms between rdflib and Oxigraph (``terms``).

The names are loaded on first use, so ``graph.store.location`` is read without importing rdflib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.lazy import lazy_names

if TYPE_CHECKING:
    from graph.store.database import load_graph
    from graph.store.files import save_graph, write_atomic
    from graph.store.location import FORMATS, StoreBusyError, is_store_path, open_store, rdf_format

__all__ = ["FORMATS", "StoreBusyError", "is_store_path", "load_graph", "open_store", "rdf_format", "save_graph",
           "write_atomic"]

_HOMES = {"load_graph": "database", "save_graph": "files", "write_atomic": "files",
          **dict.fromkeys(("FORMATS", "StoreBusyError", "is_store_path", "open_store", "rdf_format"), "location")}

__getattr__ = lazy_names(__name__, _HOMES)
