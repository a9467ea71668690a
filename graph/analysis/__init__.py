"""Analysis for notebooks: tables and networkx graphs (``tables``), signed-network analysis (``signed``: triads,
blocs, bridges) and a bloc drawing (``draw``)."""

from graph.analysis.tables import (
    Bridge,
    Triad,
    actors_frame,
    bloc_colour,
    blocs_frame,
    edges_frame,
    find_blocs,
    find_bridges,
    find_triads,
    frustration,
    load,
    render_blocs_svg,
    signed_graph,
    to_networkx,
    triads_frame,
)

__all__ = ["Bridge", "Triad", "actors_frame", "bloc_colour", "blocs_frame", "edges_frame", "find_blocs",
           "find_bridges", "find_triads", "frustration", "load", "render_blocs_svg", "signed_graph", "to_networkx",
           "triads_frame"]
