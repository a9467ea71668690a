"""The named queries of ``queries/*.rq`` and queries bound for Oxigraph: parameters declared in a query's comments,
values bound as RDF terms through functions the query calls (never written into its text), the project's prefixes
predeclared, and Oxigraph's errors as one line. Imports pyoxigraph only, so ``stancegraph query`` starts without
rdflib."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from graph.errors import QueryError, UsageError
from graph.store.location import first_line
from ontology.iris import PREFIX_IRIS

__all__ = ["OUTPUT_FORMATS", "PARAMETER_BASE", "QUERY_PREFIXES", "RESULT_FORMATS", "BoundQuery", "NamedQuery",
           "Parameter", "engine_errors", "named_queries", "named_query", "parse_params", "sparql_string"]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
# The standard formats, written by Oxigraph's result serialisers (our table is the one format we write).
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON}
QUERY_PREFIXES = dict(PREFIX_IRIS)
# A named query's parameter $name is read by the query as a call of this function, which returns the bound term.
PARAMETER_BASE = "urn:stancegraph:parameter:"


_Function = Callable[..., ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]


@dataclass(frozen=True)
class BoundQuery:
    """A query ready for Oxigraph: its text and the terms its parameter functions return."""

    text: str
    values: Mapping[str, ox.Literal] = field(default_factory=dict)

    def functions(self) -> dict[ox.NamedNode, _Function]:
        """One function a parameter, named ``PARAMETER_BASE`` + its name, that returns the bound term."""
        return {ox.NamedNode(PARAMETER_BASE + name): _constant(term) for name, term in self.values.items()}


def _constant(term: ox.Literal) -> Callable[[], ox.Literal]:
    return lambda: term


@contextmanager
def engine_errors() -> Iterator[None]:
    """Oxigraph's errors as ``QueryError``: one line that says what went wrong."""
    try:
        yield
    except SyntaxError as err:
        raise QueryError(f"invalid SPARQL query: {first_line(err)}; check the syntax (prefixes sg:, skos:, "
                         f"dcterms: are predeclared)") from None
    except (OSError, RuntimeError, ValueError, TypeError) as err:
        raise QueryError(f"the query failed while running: {first_line(err)}") from None


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: ``$name`` in the query text, a string or an integer value."""

    name: str
    kind: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query of the bundled library (``graph/query/queries/NAME.rq``); its first comment line says what it answers."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def bind(self, values: Mapping[str, str]) -> BoundQuery:
        """The query with ``values`` bound to its parameters as RDF terms; the text names each parameter as a
        function call, so no value is ever written into it.

        Examples:
            >>> q = named_query("supporters-of").bind({"actor": 'Atlantis" } #'})
            >>> 'Atlantis' in q.text, q.values["actor"].value
            (False, 'Atlantis" } #')
        """
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise UsageError(f"query {self.name!r} has no parameter {unknown[0]!r}; {self.usage()}")
        terms: dict[str, ox.Literal] = {}
        for param in self.parameters:
            value = values.get(param.name, param.default)
            if value is None:
                raise UsageError(f"query {self.name!r} needs --param {param.name}=...; {self.usage()}")
            terms[param.name] = _term(param, value, self.name)
        text = self.text
        cut = _LIMIT.search(text)
        if cut is not None:  # LIMIT takes a number, not a term: the integer checked by _term is written as a number
            text = f"{text[:cut.start()]}LIMIT {int(terms.pop(cut.group(1)).value)}{text[cut.end():]}"
        return BoundQuery(_PLACEHOLDER.sub(lambda m: f"<{PARAMETER_BASE}{m.group(1)}>()", text), terms)

    def usage(self) -> str:
        if not self.parameters:
            return "it takes no parameters"
        return "its parameters: " + ", ".join(
            f"{p.name} ({p.kind}{', default ' + p.default if p.default is not None else ''})" for p in self.parameters)


_PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\b")
_LIMIT = re.compile(r"\bLIMIT\s+\$([A-Za-z_][A-Za-z0-9_]*)\b", re.IGNORECASE)
_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)(?:\s*\((string|integer)(?:,\s*default\s+([^)]*))?\))?\s*:\s*(.*)$")


def named_queries() -> list[NamedQuery]:
    """Every query of the bundled library, by name.

    Examples:
        >>> "supporters-of" in [q.name for q in named_queries()]
        True
    """
    folder = resources.files("graph.query").joinpath("queries")
    return sorted((_parse_named(entry.name[:-3], entry.read_text(encoding="utf-8"))
                   for entry in folder.iterdir() if entry.name.endswith(".rq")), key=lambda q: q.name)


def named_query(name: str) -> NamedQuery:
    """The bundled query ``name``; an unknown name raises ``UsageError`` listing the names there are."""
    library = {q.name: q for q in named_queries()}
    if name not in library:
        raise UsageError(f"no named query {name!r}; choose one of {', '.join(library)} "
                         f"(see 'stancegraph query --list')")
    return library[name]


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["actor=Russia"]`` -> ``{"actor": "Russia"}``; a pair without ``=`` raises ``UsageError``.

    Examples:
        >>> parse_params(["actor=Russia", "other=a=b"])
        {'actor': 'Russia', 'other': 'a=b'}
    """
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {pair!r} is not NAME=VALUE; write it like --param actor=Russia")
        values[key.strip()] = value
    return values


def _parse_named(name: str, text: str) -> NamedQuery:
    comments = [line for line in text.splitlines() if line.startswith("#")]
    parameters = []
    for line in comments[1:]:
        match = _PARAM_LINE.match(line)
        if match:
            pname, kind, default, description = match.groups()
            parameters.append(Parameter(pname, kind or "string", description.strip(),
                                        default.strip() if default else None))
    description = comments[0].lstrip("# ").strip() if comments else ""
    return NamedQuery(name, description, tuple(parameters), text)


def _term(param: Parameter, value: str, query: str) -> ox.Literal:
    if param.kind == "integer":
        if not re.fullmatch(r"[0-9]{1,9}", value.strip()):
            raise UsageError(f"--param {param.name}={value!r} of query {query!r} must be a whole number")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped, so it cannot end early.

    Examples:
        >>> print(sparql_string('say "hi" } \\\\ now'))
        "say \\"hi\\" } \\\\ now"
    """
    escaped = "".join(_ESCAPES.get(ch, ch) for ch in value)
    return f'"{escaped}"'


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
