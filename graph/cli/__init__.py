"""The ``stancegraph`` command line: argument parsing in ``app``, thin over ``commands`` (the same functions
notebooks and tests call)."""

from graph.cli.app import main

__all__ = ["main"]
