"""Errors for people: each names the file or value at fault and says what to do."""

from __future__ import annotations


class StancegraphError(Exception):
    """A user error: the CLI prints its message as one line on stderr and exits with ``exit_code``."""

    exit_code = 1


class InputError(StancegraphError):
    """An input document or path that cannot be read."""


class GraphFileError(StancegraphError):
    """A graph file that cannot be read or written."""


class QueryError(StancegraphError):
    """A SPARQL query that does not parse or cannot run."""


class UsageError(StancegraphError):
    exit_code = 2
