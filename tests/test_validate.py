"""Validation on Oxigraph (the shapes compiled to SPARQL) finds exactly what pyshacl finds: on a good graph, and on
graphs broken in each way the shapes forbid, one kind of violation at a time and all at once."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from extractors.records import Claim
from graph.errors import GraphFileError
from graph.store.destination import Destination
from graph.validate import (
    ShapeError,
    Violation,
    compile_shapes,
    drop_nonconforming,
    equivalents,
    pyshacl_violations,
    require_conformance,
    validate_graph,
    validate_store,
)
from graph.validate.checks import stored_checks
from graph.validate.shapes import compile_ontology
from ontology import SG, SG_IRI, ontology_path, shapes_path
from tests.graphs import Stated, make_graph

ACTOR = "https://w3id.org/stancegraph/actor/"
RUSSIA, SYRIA, TONER, US = (URIRef(ACTOR + key) for key in ("russia", "syria", "mark_toner", "united_states"))


def good() -> Graph:
    return make_graph([Stated("Russia", "supports", "Syria", date="2024-01-02"),
                       Stated("Mark Toner", "affiliated_with", "United States", role="spokesman",
                              speaker="Mark Toner"),
                       Stated("Syria", "opposes", "Russia", hedged=True)],
                      types={"Mark Toner": "Person"})


def _one(graph: Graph, kind: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, kind))[0]  # type: ignore[return-value]


# The good graph's nodes (their IRIs are hashes of what they hold, the same in every copy).
_GOOD = good()
CLAIM = next(c for c in _GOOD.subjects(SG.subject, RUSSIA) if (c, SG.object, SYRIA) in _GOOD)
AFFILIATION = _one(_GOOD, SG.AffiliationClaim)
SENTENCE = _GOOD.value(CLAIM, SG.sentence)
DOCUMENT = _GOOD.value(SENTENCE, SG.document)


def _set(g: Graph, node: URIRef, prop: URIRef, *values: object) -> None:
    g.remove((node, prop, None))
    for value in values:
        g.add((node, prop, value))  # type: ignore[arg-type]


BREAKS: dict[str, Callable[[Graph], None]] = {
    "actor without a label": lambda g: _set(g, SYRIA, RDFS.label),
    "actor with two labels": lambda g: g.add((SYRIA, RDFS.label, Literal("Syrian Arab Republic"))),
    "label with a language": lambda g: _set(g, SYRIA, RDFS.label, Literal("Syrie", lang="fr")),
    "empty label": lambda g: _set(g, SYRIA, RDFS.label, Literal("")),
    "alias not a string": lambda g: g.add((SYRIA, SKOS.altLabel, Literal(7))),
    "sameAs not Wikidata": lambda g: g.add((SYRIA, OWL.sameAs, URIRef("http://dbpedia.org/resource/Syria"))),
    "sameAs a literal": lambda g: g.add((SYRIA, OWL.sameAs, Literal("Q858"))),
    "sameAs Q0": lambda g: g.add((SYRIA, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q0123"))),
    "edge without a claim": lambda g: g.add((SYRIA, SG.supports, US)),
    "edge to a literal": lambda g: g.add((RUSSIA, SG.opposes, Literal("the West"))),
    "edge from a hedged claim only": lambda g: g.add((SYRIA, SG.opposes, RUSSIA)),
    "blank-node actor": lambda g: g.add((BNode("x"), RDF.type, SG.Group)),
    "state affiliated": lambda g: g.add((RUSSIA, SG.affiliatedWith, US)),
    "claim without subject": lambda g: _set(g, CLAIM, SG.subject),
    "claim with two objects": lambda g: g.add((CLAIM, SG.object, US)),
    "object a literal": lambda g: _set(g, CLAIM, SG.object, Literal("Syria")),
    "relation outside the list": lambda g: _set(g, CLAIM, SG.relation, URIRef(SG_IRI + "praises")),
    "stance claim of affiliation": lambda g: _set(g, CLAIM, SG.relation, SG.affiliatedWith),
    "affiliation of a state": lambda g: _set(g, AFFILIATION, SG.subject, RUSSIA),
    "negated as a string": lambda g: _set(g, CLAIM, SG.negated, Literal("false")),
    "hedged ill-formed": lambda g: _set(g, CLAIM, SG.hedged, Literal("perhaps", datatype=XSD.boolean, normalize=False)),
    "confidence above 1": lambda g: _set(g, CLAIM, SG.confidence, Literal("1.5", datatype=XSD.decimal)),
    "confidence below 0": lambda g: _set(g, CLAIM, SG.confidence, Literal("-0.25", datatype=XSD.decimal)),
    "confidence a float": lambda g: _set(g, CLAIM, SG.confidence, Literal(0.5, datatype=XSD.double)),
    "confidence missing": lambda g: _set(g, CLAIM, SG.confidence),
    "cue missing": lambda g: _set(g, CLAIM, SG.cue),
    "two extractors": lambda g: g.add((CLAIM, SG.extractor, Literal("other.v1"))),
    "two roles": lambda g: g.add((AFFILIATION, SG.role, Literal("envoy"))),
    "speaker a literal": lambda g: _set(g, AFFILIATION, SG.speaker, Literal("Mark Toner")),
    "sentence not a sentence": lambda g: _set(g, CLAIM, SG.sentence, RUSSIA),
    "sentence without text": lambda g: _set(g, SENTENCE, SG.text),
    "negative offset": lambda g: _set(g, SENTENCE, SG.startOffset, Literal(-1)),
    "offset as a string": lambda g: _set(g, SENTENCE, SG.endOffset, Literal("12")),
    "sentence without document": lambda g: _set(g, SENTENCE, SG.document),
    "document without identifier": lambda g: _set(g, DOCUMENT, DCTERMS.identifier),
    "document with two titles": lambda g: g.add((DOCUMENT, DCTERMS.title, Literal("Another"))),
    "document with two dates": lambda g: g.add((DOCUMENT, DCTERMS.date, Literal("2024-01-03"))),
}


def _canonical(term: str | None) -> str | None:
    """A term as Oxigraph stores it (1.50 and 1.5 are one decimal), so the two engines' values compare."""
    if term is None or not term.startswith('"'):
        return term
    store = ox.Store()
    store.load(f"<urn:s> <urn:p> {term} .", format=ox.RdfFormat.N_TRIPLES)
    return str(next(iter(store)).object)


def _keys(violations: list[Violation] | tuple[Violation, ...]) -> Counter[tuple[str | None, ...]]:
    return Counter((v.shape, v.focus, v.path, _canonical(v.value), v.component) for v in violations)


def _compare(graph: Graph) -> tuple[Violation, ...]:
    ours = validate_graph(graph).violations
    reference = pyshacl_violations(graph)
    assert _keys(ours) == _keys(reference), (
        f"only ours: {sorted((_keys(ours) - _keys(reference)).elements())}\n"
        f"only pyshacl: {sorted((_keys(reference) - _keys(ours)).elements())}")
    shaped = {m for v in reference for m in [v.message] if v.message in _shape_messages()}
    assert shaped <= {v.message for v in ours}  # the shapes' own messages come through
    return ours


def _shape_messages() -> set[str]:
    return {str(m) for m in Graph().parse(shapes_path()).objects(None, SH.message)}


def test_a_good_graph_conforms_for_both_engines() -> None:
    assert _compare(good()) == ()


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_kind_of_violation_is_found_as_pyshacl_finds_it(name: str) -> None:
    graph = good()
    BREAKS[name](graph)
    found = _compare(graph)
    assert found, f"{name}: nothing found"  # every break breaks something


def test_every_break_at_once_is_found_as_pyshacl_finds_it() -> None:
    graph = good()
    for name in sorted(BREAKS):
        BREAKS[name](graph)
    assert len(_compare(graph)) >= 30


def test_every_constraint_of_the_shapes_is_compiled() -> None:
    shapes, ontology = Graph().parse(shapes_path()), Graph().parse(ontology_path())
    checks = compile_shapes(shapes, ontology)
    names = {"minCount": "MinCount", "maxCount": "MaxCount", "datatype": "Datatype", "nodeKind": "NodeKind",
             "minLength": "MinLength", "pattern": "Pattern", "in": "In", "minInclusive": "MinInclusive",
             "maxInclusive": "MaxInclusive", "class": "Class", "sparql": "SPARQL"}
    used = {f"{names[str(p).rsplit('#')[1]]}ConstraintComponent" for p in shapes.predicates()
            if str(p).startswith(str(SH)) and str(p).rsplit("#")[1] in names}
    assert {c.rsplit("#")[1] for check in checks for c in check.components} == used


def test_a_shape_feature_not_translated_is_an_error_not_a_silent_pass() -> None:
    shapes = Graph().parse(shapes_path())
    prop = next(shapes.objects(URIRef("https://w3id.org/stancegraph/shapes#DocumentShape"), SH.property))
    shapes.add((prop, SH.maxLength, Literal(10)))
    with pytest.raises(ShapeError, match="maxLength"):
        compile_shapes(shapes, Graph().parse(ontology_path()))


def test_a_build_refuses_to_write_a_graph_that_breaks_a_shape(tmp_path: Path) -> None:
    graph = good()
    BREAKS["edge without a claim"](graph)
    with pytest.raises(GraphFileError, match="breaks the stancegraph shapes .*without an asserted claim.*nothing "
                                             "written"):
        require_conformance(graph, tmp_path / "news")
    require_conformance(good(), tmp_path / "news")


def test_cli_validate_a_store_with_either_engine(tmp_path: Path) -> None:
    graph = good()
    BREAKS["confidence above 1"](graph)
    store = tmp_path / "broken"
    Destination(store).write(graph)
    for engine in ("oxigraph", "pyshacl"):
        done = subprocess.run([sys.executable, "-m", "graph.cli", "validate", str(store), "--engine", engine],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 1 and "does not conform" in done.stderr, (engine, done.stderr)
        assert "sg:confidence" in done.stdout and "MaxInclusive" in done.stdout, (engine, done.stdout)


def test_the_stored_checks_are_the_shapes_compiled() -> None:
    # graph/validate/checks.json lets validate start without rdflib; after editing the shapes, run
    # `python -m graph.validate.shapes` to write it again
    assert stored_checks() == tuple(compile_ontology())


def test_checks_stored_from_other_shapes_are_compiled_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.validate.checks as stored
    import graph.validate.report as report

    monkeypatch.setattr(stored, "sources_digest", lambda: "digest of edited shapes")
    assert stored_checks() is None
    report._checks.cache_clear()
    try:
        assert report._checks() == tuple(compile_ontology())
        graph = good()
        BREAKS["confidence above 1"](graph)
        assert not validate_graph(graph).conforms
    finally:
        report._checks.cache_clear()


def test_each_sparql_constraint_runs_as_its_written_equivalent() -> None:
    shapes = Graph().parse(shapes_path())
    selects = [" ".join(str(s).split()) for s in shapes.objects(None, SH.select)]
    assert selects and all(s in equivalents() for s in selects)  # a changed shape query needs its equivalent
    compiled = [c.query for c in compile_shapes(shapes, Graph().parse(ontology_path())) if c.components == (
        str(SH.SPARQLConstraintComponent),)]
    assert len(compiled) == len(selects) and all("MINUS" in q and "NOT EXISTS" not in q for q in compiled)


# One document's bad claim never stops a build (graph.validate.documents): the documents whose triples break a shape
# are left out, named, and the rest is written; a violation no document explains still refuses the build.

def _with_an_organisation_affiliated() -> Graph:
    """Three documents; the second says an organisation is affiliated (only a person can be)."""
    return make_graph([Stated("Russia", "supports", "Syria"), Stated("KPMG", "affiliated_with", "United Kingdom"),
                       Stated("Syria", "opposes", "United States")], types={"KPMG": "Organization"})


def _document_ids(graph: Graph) -> set[str]:
    return {str(i) for doc in graph.subjects(RDF.type, SG.Document) for i in graph.objects(doc, DCTERMS.identifier)}


def test_an_organisation_affiliated_drops_its_document_only(tmp_path: Path) -> None:
    graph = _with_an_organisation_affiliated()
    assert not validate_graph(graph).conforms  # the claim's subject and the edge's subject are no person
    dropped = drop_nonconforming(graph, tmp_path / "news")
    assert [str(err).split(":")[0] for err in dropped] == ["d1.txt"]
    assert "skipped, the rest is built; please report this document" in str(dropped[0])
    assert "[Class, sgs:" in str(dropped[0])  # what was wrong: a class constraint of a shape
    assert validate_graph(graph).conforms
    assert _document_ids(graph) == {"d0.txt", "d2.txt"}
    kpmg = URIRef(ACTOR + "kpmg")
    assert (kpmg, SG.affiliatedWith, None) not in graph and (None, SG.subject, kpmg) not in graph
    assert (RUSSIA, SG.supports, SYRIA) in graph and (SYRIA, SG.opposes, US) in graph


@pytest.mark.parametrize(("name", "blamed"), [
    ("confidence above 1", "d0.txt"),  # a claim: its sentence's document
    ("two roles", "d1.txt"),
    ("sentence without text", "d0.txt"),  # a sentence: its document
    ("document with two titles", "d0.txt"),  # the document itself
])
def test_a_violation_leads_back_to_its_document(name: str, blamed: str, tmp_path: Path) -> None:
    graph = good()
    BREAKS[name](graph)
    dropped = drop_nonconforming(graph, tmp_path / "news")
    assert [str(err).split(":")[0] for err in dropped] == [blamed]
    assert validate_graph(graph).conforms and blamed not in _document_ids(graph)
    assert _document_ids(graph) == _document_ids(good()) - {blamed}


def test_the_documents_a_file_held_before_the_run_are_never_dropped(tmp_path: Path) -> None:
    graph = _with_an_organisation_affiliated()
    held = {doc for doc in graph.subjects(RDF.type, SG.Document)}
    with pytest.raises(GraphFileError, match="nothing written"):
        drop_nonconforming(graph, tmp_path / "news.ttl", keep=held)
    assert _document_ids(graph) == {"d0.txt", "d1.txt", "d2.txt"}


@pytest.mark.parametrize("name", ["edge without a claim", "actor with two labels", "blank-node actor"])
def test_a_violation_no_document_explains_still_refuses_the_build(name: str, tmp_path: Path) -> None:
    graph = good()
    BREAKS[name](graph)
    with pytest.raises(GraphFileError, match="breaks the stancegraph shapes .*nothing written"):
        drop_nonconforming(graph, tmp_path / "news")


def test_a_good_graph_loses_nothing(tmp_path: Path) -> None:
    graph = good()
    assert drop_nonconforming(graph, tmp_path / "news") == [] and len(graph) == len(good())


@pytest.mark.model
def test_a_build_leaves_out_the_document_whose_claim_breaks_a_shape(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # The resolver turned one document's stance into an affiliation of a state (as a person retyped as an
    # organisation did on 500 BBC articles): that document is left out and named, the others are built, exit 1.
    import graph.pipeline.stream as stream
    from graph.cli.app import main

    resolve = stream.resolve_document

    def resolve_badly(*args: Any, **kwargs: Any) -> list[Claim]:
        claims = resolve(*args, **kwargs)
        return [replace(c, relation="affiliated_with") if c.doc_id == "bad.txt" else c for c in claims]

    monkeypatch.setattr(stream, "resolve_document", resolve_badly)
    texts = {"good.txt": "Iran supports Hezbollah.", "bad.txt": "Turkey opposes the Kurdistan Workers' Party.",
             "fine.txt": "Russia supports Syria."}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "news"
    assert main(["build", *(str(tmp_path / name) for name in texts), "-o", str(store)]) == 1
    err = capsys.readouterr().err
    assert "warning: bad.txt: its claims break the stancegraph shapes (" in err
    assert "skipped, the rest is built; please report this document" in err
    assert "1 documents could not be processed" in err
    built = ox.Store.read_only(str(store))
    ids = {s["i"].value for s in built.query(f"SELECT ?i WHERE {{ ?d a <{SG.Document}> ; <{DCTERMS.identifier}> ?i }}")}
    assert ids == {"good.txt", "fine.txt"}
    assert not bool(built.query(f"ASK {{ ?s <{SG.affiliatedWith}> ?o }}"))
    assert bool(built.query(f"ASK {{ ?s <{SG.supports}> ?o }}"))
    assert validate_store(built).conforms
