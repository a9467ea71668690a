"""The interactive HTML view: edges and actors read from a graph (``data``), a precomputed layout (``layout``),
and the page (``render``, ``templates/view.html``)."""

from graph.view.render import render_view

__all__ = ["render_view"]
