"""Our text table of query solutions: one aligned line a row, IRIs under the project's prefixes shortened, white
space folded. Drawn from Oxigraph's solutions (``stancegraph query``) or from plain cells (``format_result`` of an
rdflib result); imports pyoxigraph only."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ontology.iris import PREFIX_IRIS

__all__ = ["cell", "draw_table", "solutions_table"]


def cell(text: str | None, is_iri: bool = False) -> str:
    """A term in one line of the table: an IRI under a project prefix shortened, white space folded.

    Examples:
        >>> cell("https://w3id.org/stancegraph/actor/iran", is_iri=True), cell("two  \\n lines"), cell(None)
        ('actor:iran', 'two lines', '')
    """
    if text is None:
        return ""
    if is_iri:
        for prefix, iri in PREFIX_IRIS.items():
            if text.startswith(iri):
                return f"{prefix}:{text[len(iri):]}"
    return " ".join(text.split())


def draw_table(names: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The aligned table of ``rows`` under the column ``names``, with a last line counting the rows.

    Examples:
        >>> print(draw_table(["a", "bb"], [["x", "y"], ["long", ""]]))
        a     bb
        ----  --
        x     y
        long
        (2 rows)
    """
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def solutions_table(solutions: ox.QuerySolutions) -> str:
    """Oxigraph's ``solutions`` as our table."""
    names = [variable.value for variable in solutions.variables]
    rows = [[_term_cell(term) for term in solution] for solution in solutions]
    return draw_table(names, rows)


def _term_cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return cell(term.value, isinstance(term, ox.NamedNode))
    return cell(str(term))  # an RDF-star triple, written as Oxigraph writes it
