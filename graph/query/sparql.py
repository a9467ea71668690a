"""SPARQL 1.1 over a graph on Oxigraph's engine, with the project's prefixes predeclared, named queries whose
parameters are bound as RDF terms (never written into the query text), and results as our table or as SPARQL
results CSV, TSV or JSON written by the libraries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Variable

from graph.errors import QueryError, UsageError
from graph.store.database import store_of
from graph.store.terms import from_oxigraph
from ontology import PREFIXES

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
# The standard formats, written by Oxigraph's result serialisers (our table is the one format we write).
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON}
QUERY_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
# A named query's parameter $name is read by the query as a call of this function, which returns the bound term.
PARAMETER_BASE = "urn:stancegraph:parameter:"


def run_query(graph: Graph, sparql: str) -> Result:
    """Run ``sparql`` on ``graph`` with Oxigraph; prefixes sg:, skos:, dcterms:, owl:, prov:, actor:, wd: need no
    declaration. A graph from ``load_graph`` is queried in its store; a plain rdflib graph is copied into one.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> _ = g.add((URIRef("https://w3id.org/stancegraph/actor/iran"), PREFIXES["sg"].supports,
        ...            URIRef("https://w3id.org/stancegraph/actor/hezbollah")))
        >>> [str(r.b) for r in run_query(g, "SELECT ?b WHERE { ?a sg:supports ?b }")]
        ['https://w3id.org/stancegraph/actor/hezbollah']
    """
    return execute(store_of(graph), BoundQuery(sparql))


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


def execute(store: ox.Store, query: BoundQuery) -> Result:
    """Run ``query`` on ``store``; a query that does not parse or fails while running raises ``QueryError``
    with the engine's one-line reason."""
    with engine_errors():
        return to_result(store.query(query.text, prefixes=QUERY_PREFIXES, custom_functions=query.functions()))


@contextmanager
def engine_errors() -> Iterator[None]:
    """Oxigraph's errors as ``QueryError``: one line that says what went wrong."""
    try:
        yield
    except SyntaxError as err:
        raise QueryError(f"invalid SPARQL query: {_first_line(err)}; check the syntax (prefixes sg:, skos:, "
                         f"dcterms: are predeclared)") from None
    except (OSError, RuntimeError, ValueError, TypeError) as err:
        raise QueryError(f"the query failed while running: {_first_line(err)}") from None


def to_result(answer: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple]) -> Result:
    """An Oxigraph answer (solutions, boolean or triples) as an rdflib ``Result``."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        result.bindings = [{v: cast(Identifier, from_oxigraph(term)) for v, term in zip(result.vars, row, strict=True)
                            if term is not None} for row in answer]
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        for t in answer:
            result.graph.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
    return result


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as our aligned text table, or in a standard format written by the libraries: SPARQL
    1.1 results CSV, TSV or JSON (Turtle, or JSON-LD for ``json``, for a graph).

    Examples:
        >>> from graph.build import new_graph
        >>> result = run_query(new_graph(), 'SELECT ?x ?n WHERE { VALUES (?x ?n) { ("a b" 2) } }')
        >>> format_result(result, "tsv").splitlines()
        ['?x\\t?n', '"a b"\\t2']
    """
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return str(result.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    if fmt != "table":  # rdflib writes SPARQL JSON; Oxigraph reads it and writes every format
        answer = ox.parse_query_results(result.serialize(format="json"), format=ox.QueryResultsFormat.JSON)
        return _written(answer.serialize(format=RESULT_FORMATS[fmt]))
    if result.type == "ASK":
        return str(bool(result.askAnswer)).lower()
    names = [str(v) for v in (result.vars or [])]
    return _table(names, [[_cell(row[i]) for i in range(len(names))] for row in result])  # type: ignore[index]


def _written(data: bytes | None) -> str:
    assert data is not None  # serialised to bytes, not to a file
    return data.decode("utf-8").rstrip("\r\n")


def _cell(term: Any) -> str:
    """A term in one line of the table: an IRI under a project prefix shortened, white space folded."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
    return " ".join(text.split())


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


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


def run_named_query(graph: Graph, name: str, values: Mapping[str, str] | None = None) -> Result:
    """Run the bundled query ``name`` on ``graph`` with parameter ``values``.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> list(run_named_query(g, "supporters-of", {"actor": 'Russia" } #'}))
        []
    """
    return execute(store_of(graph), named_query(name).bind(values or {}))


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
