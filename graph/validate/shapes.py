"""The SHACL shapes of ``ontology/shapes.ttl`` as SPARQL queries that Oxigraph runs on the store itself.

Each property shape becomes two queries over its node shape's targets: one counts the values of its path (for
``sh:minCount`` and ``sh:maxCount``), one tests every value against the shape's value constraints at once, a
boolean column a constraint, so a value breaking two constraints gives two results, as in SHACL. A node shape's
own constraints (``sh:nodeKind``, ``sh:class``) and each ``sh:sparql`` constraint are one query each; a
``sh:sparql`` query that Oxigraph evaluates slowly has an equivalent written for it in ``queries/``. Targets and
``sh:class`` follow ``rdfs:subClassOf`` as the ontology declares it (the shapes are checked with the ontology
beside the data, as pyshacl does with ``ont_graph``).

Only the constraint components the project's shapes use are compiled; a shape using another one raises
``ShapeError`` naming it, so a new kind of constraint cannot be skipped in silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from graph.store.terms import to_oxigraph
from graph.validate.checks import STORED, Check, checks_json
from ontology.vocabulary import ontology_path, shapes_path

__all__ = ["Check", "ShapeError", "compile_ontology", "compile_shapes", "equivalents", "write_checks"]

# Components handled in the per-value query: the value breaks the constraint when the expression is true.
_VALUE_COMPONENTS = ("datatype", "nodeKind", "minLength", "pattern", "in", "minInclusive", "maxInclusive", "class")
_COUNT_COMPONENTS = ("minCount", "maxCount")
_KNOWN = {SH[name] for name in (*_VALUE_COMPONENTS, *_COUNT_COMPONENTS, "path", "message", "name", "description")}
_NODE_KNOWN = {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql, SH.nodeKind, SH["class"], SH.message,
               RDF.type}
# Casts that fail on an ill-formed lexical form ("x"^^xsd:integer), which SHACL's sh:datatype counts as a violation.
_WELL_FORMED = {"http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal",
                "http://www.w3.org/2001/XMLSchema#boolean"}


class ShapeError(Exception):
    """A shape uses a SHACL feature this compiler does not translate."""


def compile_shapes(shapes: Graph, ontology: Graph) -> list[Check]:
    """The checks of every node shape in ``shapes``, with class hierarchies read from ``ontology``.

    Examples:
        >>> from ontology import ontology_path, shapes_path
        >>> checks = compile_shapes(Graph().parse(shapes_path()), Graph().parse(ontology_path()))
        >>> sorted({c.components[0].rsplit("#")[1] for c in checks if not c.columns})[:2]
        ['ClassConstraintComponent', 'NodeKindConstraintComponent']
    """
    subclasses = _Hierarchy(ontology + shapes)
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        checks.extend(_node_shape(shapes, shape, subclasses))
    return checks


def compile_ontology() -> list[Check]:
    """The checks of ``ontology/shapes.ttl``, with the classes of ``ontology/stancegraph.ttl``."""
    return compile_shapes(Graph().parse(shapes_path(), format="turtle"),
                          Graph().parse(ontology_path(), format="turtle"))


def write_checks() -> Path:
    """Compile the project's shapes and store the checks in ``graph/validate/checks.json`` (run after editing
    ``ontology/shapes.ttl`` or ``stancegraph.ttl``: ``python -m graph.validate.shapes``); returns its path."""
    path = Path(str(resources.files("graph.validate").joinpath(STORED)))
    path.write_text(checks_json(compile_ontology()), encoding="utf-8")
    return path


class _Hierarchy:
    """Each class with its subclasses (``rdfs:subClassOf*``), as SPARQL ``VALUES`` terms."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def below(self, cls: Node) -> list[str]:
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.graph.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return sorted(_sparql(c) for c in found)


def _node_shape(shapes: Graph, shape: Node, hierarchy: _Hierarchy) -> Iterator[Check]:
    unknown = {p for p in shapes.predicates(shape, None) if p not in _NODE_KNOWN}
    if unknown:
        raise ShapeError(f"{shape}: SHACL feature {sorted(map(str, unknown))[0]} is not translated to SPARQL")
    target = _target(shapes, shape, hierarchy)
    if target is None:
        return
    name, message = str(shape), _message(shapes, shape)
    for kind in shapes.objects(shape, SH.nodeKind):
        yield Check(name, None, f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {target} "
                                f"FILTER ({_node_kind_broken('?this', kind)}) }}",
                    (str(SH.NodeKindConstraintComponent),), (), message)
    for cls in shapes.objects(shape, SH["class"]):
        yield Check(name, None, f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {target} "
                                f"{_class_broken('?this', hierarchy.below(cls))} }}",
                    (str(SH.ClassConstraintComponent),), (), message)
    for constraint in shapes.objects(shape, SH.sparql):
        yield _sparql_constraint(shapes, name, constraint, target)
    for prop in shapes.objects(shape, SH.property):
        yield from _property_shape(shapes, name, prop, target, hierarchy)


def _target(shapes: Graph, shape: Node, hierarchy: _Hierarchy) -> str | None:
    """A group pattern binding ``?this`` to each focus node once."""
    parts = []
    classes = sorted({c for cls in shapes.objects(shape, SH.targetClass) for c in hierarchy.below(cls)})
    if classes:
        parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ VALUES ?class {{ {' '.join(classes)} }} "
                     f"?this <{RDF.type}> ?class }} }}")
    for prop in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str):
        parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ ?this {_sparql(prop)} ?any }} }}")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _property_shape(shapes: Graph, node_shape: str, prop: Node, target: str,
                    hierarchy: _Hierarchy) -> Iterator[Check]:
    unknown = {p for p in shapes.predicates(prop, None) if p not in _KNOWN}
    path = shapes.value(prop, SH.path)
    if unknown or not isinstance(path, URIRef):
        what = sorted(map(str, unknown))[0] if unknown else f"sh:path {path} (only a predicate IRI is)"
        raise ShapeError(f"{node_shape}: SHACL feature {what} is not translated to SPARQL")
    step, message = _sparql(path), _message(shapes, prop)
    least, most = _integer(shapes, prop, SH.minCount), _integer(shapes, prop, SH.maxCount)
    if least is not None or most is not None:
        broken = [f"(?count < {least})" if least is not None else None,
                  f"(?count > {most})" if most is not None else None]
        columns = tuple(f"too{side}" for side, test in zip(("Few", "Many"), broken, strict=True) if test)
        binds = " ".join(f"BIND ({test} AS ?{col})" for test, col in zip(filter(None, broken), columns, strict=True))
        yield Check(node_shape, str(path),
                    f"SELECT ?this ?{' ?'.join(columns)} WHERE {{ {{ SELECT ?this (COUNT(?v) AS ?count) WHERE "
                    f"{{ {target} OPTIONAL {{ ?this {step} ?v }} }} GROUP BY ?this }} {binds} "
                    f"FILTER (?{' || ?'.join(columns)}) }}",
                    tuple(str(SH[f"{name}ConstraintComponent"]) for name, test in
                          zip(("MinCount", "MaxCount"), broken, strict=True) if test), columns, message, False)
    tests = list(_value_tests(shapes, prop, hierarchy))
    if tests:
        columns = tuple(f"c{i}" for i in range(len(tests)))
        binds = " ".join(f"BIND (COALESCE({expression}, true) AS ?{col})"
                         for (_, expression), col in zip(tests, columns, strict=True))
        yield Check(node_shape, str(path),
                    f"SELECT ?this ?value ?{' ?'.join(columns)} WHERE {{ {target} ?this {step} ?value . {binds} "
                    f"FILTER (?{' || ?'.join(columns)}) }}",
                    tuple(component for component, _ in tests), columns, message)


def _value_tests(shapes: Graph, prop: Node, hierarchy: _Hierarchy) -> Iterator[tuple[str, str]]:
    """(component IRI, an expression true when ``?value`` breaks it) for each value constraint of ``prop``; an
    expression that errors counts as broken (``COALESCE(..., true)``)."""
    for datatype in shapes.objects(prop, SH.datatype):
        dt = str(datatype)
        well_formed = f" && isLiteral(COALESCE(<{dt}>(STR(?value)), <urn:ill-formed>))" if dt in _WELL_FORMED else ""
        yield (str(SH.DatatypeConstraintComponent),
               f"!(isLiteral(?value) && DATATYPE(?value) = <{dt}>{well_formed})")
    for kind in shapes.objects(prop, SH.nodeKind):
        yield str(SH.NodeKindConstraintComponent), _node_kind_broken("?value", kind)
    for length in shapes.objects(prop, SH.minLength):
        yield str(SH.MinLengthConstraintComponent), f"(isBlank(?value) || STRLEN(STR(?value)) < {int(str(length))})"
    for pattern in shapes.objects(prop, SH.pattern):
        yield (str(SH.PatternConstraintComponent),
               f"(isBlank(?value) || !REGEX(STR(?value), {_sparql(Literal(str(pattern)))}))")
    for members in shapes.objects(prop, SH["in"]):
        allowed = " || ".join(f"sameTerm(?value, {_sparql(m)})" for m in Collection(shapes, members)) or "false"
        yield str(SH.InConstraintComponent), f"!({allowed})"
    for bound in shapes.objects(prop, SH.minInclusive):
        yield str(SH.MinInclusiveConstraintComponent), f"!(?value >= {_sparql(bound)})"
    for bound in shapes.objects(prop, SH.maxInclusive):
        yield str(SH.MaxInclusiveConstraintComponent), f"!(?value <= {_sparql(bound)})"
    for cls in shapes.objects(prop, SH["class"]):
        classes = " ".join(hierarchy.below(cls))
        yield (str(SH.ClassConstraintComponent),
               f"NOT EXISTS {{ VALUES ?class {{ {classes} }} ?value <{RDF.type}> ?class }}")


def _sparql_constraint(shapes: Graph, node_shape: str, constraint: Node, target: str) -> Check:
    given = shapes.value(constraint, SH.select)
    if given is None:
        raise ShapeError(f"{node_shape}: an sh:sparql constraint without sh:select is not translated")
    select = equivalents().get(_words(str(given)), str(given))
    prologue = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                       for declared in shapes.objects(constraint, SH.prefixes)
                       for d in shapes.objects(declared, SH.declare))
    # $this is the variable ?this; the focus nodes are joined in before the constraint's own pattern
    return Check(node_shape, None, f"{prologue}SELECT ?this ?value WHERE {{ {target} {{ {select} }} }}",
                 (str(SH.SPARQLConstraintComponent),), (), _message(shapes, constraint))


@cache
def equivalents() -> dict[str, str]:
    """Queries of ``queries/*.rq`` that Oxigraph runs faster than the ``sh:select`` each replaces (its ``#
    replaces:`` line), keyed by the replaced text with its white space folded."""
    found = {}
    for entry in resources.files("graph.validate").joinpath("queries").iterdir():
        if entry.name.endswith(".rq"):
            lines = entry.read_text(encoding="utf-8").splitlines()
            replaced = next(line.split(":", 1)[1] for line in lines if line.startswith("# replaces:"))
            found[_words(replaced)] = "\n".join(line for line in lines if not line.startswith("#"))
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def _node_kind_broken(variable: str, kind: Node) -> str:
    tests = {SH.IRI: f"!isIRI({variable})", SH.BlankNode: f"!isBlank({variable})",
             SH.Literal: f"!isLiteral({variable})", SH.BlankNodeOrIRI: f"isLiteral({variable})",
             SH.IRIOrLiteral: f"isBlank({variable})", SH.BlankNodeOrLiteral: f"isIRI({variable})"}
    if kind not in tests:
        raise ShapeError(f"sh:nodeKind {kind} is not a SHACL node kind")
    return tests[kind]  # type: ignore[index]


def _class_broken(variable: str, classes: list[str]) -> str:
    return f"FILTER NOT EXISTS {{ VALUES ?class {{ {' '.join(classes)} }} {variable} <{RDF.type}> ?class }}"


def _integer(shapes: Graph, node: Node, prop: URIRef) -> int | None:
    value = shapes.value(node, prop)
    return None if value is None else int(str(value))


def _message(shapes: Graph, node: Node) -> str | None:
    value = shapes.value(node, SH.message)
    return None if value is None else str(value)


def _sparql(term: Node) -> str:
    """A term of the shapes graph in SPARQL syntax (Oxigraph writes N-Triples forms, which SPARQL reads)."""
    if isinstance(term, BNode):
        raise ShapeError(f"a blank node {term} cannot be named in a query")
    return str(to_oxigraph(term))


if __name__ == "__main__":
    print(f"wrote {write_checks()}")
