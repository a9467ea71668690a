"""SPARQL 1.1 over a graph, with the project's prefixes predeclared, and results as table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from graph.errors import QueryError, UsageError
from ontology import PREFIXES

OUTPUT_FORMATS = ("table", "csv", "json")


def run_query(graph: Graph, sparql: str) -> Result:
    """Run ``sparql`` on ``graph``; prefixes sg:, skos:, dcterms:, owl:, prov:, actor:, wd: need no declaration.

    Examples:
        >>> from graph.build import new_graph
        >>> g = new_graph()
        >>> _ = g.add((URIRef("https://w3id.org/stancegraph/actor/iran"), PREFIXES["sg"].supports,
        ...            URIRef("https://w3id.org/stancegraph/actor/hezbollah")))
        >>> [str(r.b) for r in run_query(g, "SELECT ?b WHERE { ?a sg:supports ?b }")]
        ['https://w3id.org/stancegraph/actor/hezbollah']
    """
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib raise several error types for bad queries
        first = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
        raise QueryError(f"invalid SPARQL query: {first}; check the syntax (prefixes sg:, skos:, dcterms: are "
                         f"predeclared)") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as an aligned text table, CSV, or SPARQL 1.1 results JSON."""
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" else str(
            bool(result.askAnswer)).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return str(result.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    names = [str(v) for v in (result.vars or [])]
    rows = [[_cell(row[i], fmt) for i in range(len(names))] for row in result]  # type: ignore[index]
    if fmt == "json":
        return json.dumps(_results_json(names, result), indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    return _table(names, rows)


def _cell(term: Any, fmt: str) -> str:
    if fmt == "table":  # one line a row: white space in sentences folded
        return " ".join(_cell(term, "csv").split())
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
        return text
    return str(term)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def _results_json(names: list[str], result: Result) -> dict[str, Any]:
    bindings = []
    for row in result:
        binding: dict[str, Any] = {}
        for i, name in enumerate(names):
            term = row[i]  # type: ignore[index]
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[name] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                value: dict[str, Any] = {"type": "literal", "value": str(term)}
                if term.language:
                    value["xml:lang"] = term.language
                elif term.datatype:
                    value["datatype"] = str(term.datatype)
                binding[name] = value
        bindings.append(binding)
    return {"head": {"vars": names}, "results": {"bindings": bindings}}


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

    def render(self, values: Mapping[str, str]) -> str:
        """The query text with every ``$parameter`` replaced by ``values``' escaped literal.

        Examples:
            >>> q = named_query("supporters-of")
            >>> '"Russia"' in q.render({"actor": "Russia"})
            True
        """
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise UsageError(f"query {self.name!r} has no parameter {unknown[0]!r}; {self.usage()}")
        literals: dict[str, str] = {}
        for param in self.parameters:
            value = values.get(param.name, param.default)
            if value is None:
                raise UsageError(f"query {self.name!r} needs --param {param.name}=...; {self.usage()}")
            literals[param.name] = _literal(param, value, self.name)
        return _PLACEHOLDER.sub(lambda m: literals.get(m.group(1), m.group(0)), self.text)

    def usage(self) -> str:
        if not self.parameters:
            return "it takes no parameters"
        return "its parameters: " + ", ".join(
            f"{p.name} ({p.kind}{', default ' + p.default if p.default is not None else ''})" for p in self.parameters)


_PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\b")
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
    return run_query(graph, named_query(name).render(values or {}))


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


def _literal(param: Parameter, value: str, query: str) -> str:
    if param.kind == "integer":
        if not re.fullmatch(r"[0-9]{1,9}", value.strip()):
            raise UsageError(f"--param {param.name}={value!r} of query {query!r} must be a whole number")
        return str(int(value))
    return sparql_string(value)


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped, so it cannot end early.

    Examples:
        >>> print(sparql_string('say "hi" } \\\\ now'))
        "say \\"hi\\" } \\\\ now"
    """
    escaped = "".join(_ESCAPES.get(ch, ch) for ch in value)
    return f'"{escaped}"'


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
