"""Analysis for notebooks: tables and networkx graphs (``tables``), signed-network analysis (``signed``: triads,
blocs, bridges), stance over time (``timeline``) and a bloc drawing (``draw``)."""

from graph.analysis.tables import (
    Bridge,
    Triad,
    actors_frame,
    bloc_colour,
    blocs_frame,
    draw_blocs,
    edges_frame,
    find_blocs,
    find_bridges,
    find_triads,
    frustration,
    load,
    signed_graph,
    to_networkx,
    triads_frame,
)
from graph.analysis.timeline import stance_by_period, stance_changes, stance_timeline

__all__ = ["Bridge", "Triad", "actors_frame", "bloc_colour", "blocs_frame", "draw_blocs", "edges_frame", "find_blocs",
           "find_bridges", "find_triads", "frustration", "load", "signed_graph", "stance_by_period",
           "stance_changes", "stance_timeline", "to_networkx", "triads_frame"]
