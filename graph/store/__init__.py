"""Where graphs live: Oxigraph store directories and RDF files read into Oxigraph (``database``), RDF files
written by extension with atomic writes (``files``), the fast Turtle writer (``turtle``), terms between rdflib and
Oxigraph (``terms``)."""

from graph.store.database import StoreBusyError, is_store_path, load_graph, open_store
from graph.store.files import FORMATS, rdf_format, save_graph, write_atomic

__all__ = ["FORMATS", "StoreBusyError", "is_store_path", "load_graph", "open_store", "rdf_format", "save_graph",
           "write_atomic"]
