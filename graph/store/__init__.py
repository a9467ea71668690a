"""Where graphs live: RDF files by extension with atomic writes (``files``) and the fast Turtle writer
(``turtle``)."""

from graph.store.files import FORMATS, load_graph, rdf_format, save_graph, write_atomic

__all__ = ["FORMATS", "load_graph", "rdf_format", "save_graph", "write_atomic"]
