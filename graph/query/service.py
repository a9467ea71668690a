"""``SERVICE`` calls refused unless the user allows them.

Oxigraph follows a query's ``SERVICE <url>`` to any host, and pyoxigraph has no switch to stop it, so a query from
someone else (a shared ``.rq`` file, a request to ``serve``) could make the analyst's machine send requests to
hosts of the query's choosing. ``refuse_service`` reads the query text as the SPARQL grammar splits it (comments,
strings and IRIs are not keywords; keywords are case-insensitive) and refuses one that uses the ``SERVICE`` keyword
anywhere, before the engine sees it.
"""

from __future__ import annotations

import re

from graph.errors import QueryError

__all__ = ["calls_service", "refuse_service"]

# What cannot hold a keyword: long and short strings, IRIs (no spaces inside, so "?a < ?b" is no IRI) and comments,
# tried in this order at each position so that a "#" inside a string or an IRI starts no comment.
_NOT_KEYWORDS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                           r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                           r'|<[^<>"{}|^`\\\x00-\x20]*>' r"|#[^\n\r]*", re.DOTALL)
# SERVICE as a word of its own: not part of a prefixed name (ex:SERVICE, service:x), a variable or a language tag.
_SERVICE = re.compile(r"(?<![\w:?$@.\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def calls_service(text: str) -> bool:
    """Whether the query ``text`` uses the ``SERVICE`` keyword (outside strings, IRIs and comments).

    Examples:
        >>> calls_service("SELECT * { sErViCe <http://example.org/sparql> { ?s ?p ?o } }")
        True
        >>> calls_service('SELECT * { ?service ex:SERVICE "SERVICE" } # SERVICE <http://x>')
        False
    """
    return _SERVICE.search(_NOT_KEYWORDS.sub(" ", text)) is not None


def refuse_service(text: str, allowed: bool, how: str = "add --allow-service") -> None:
    """Raise ``QueryError`` when ``text`` calls ``SERVICE`` and ``allowed`` is false; ``how`` says how to allow it."""
    if not allowed and calls_service(text):
        raise QueryError(f"the query calls a remote endpoint (SERVICE), which is off so that a query cannot make "
                         f"this machine send requests; {how} if you trust the query and the endpoint")
