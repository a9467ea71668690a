"""The vocabulary: the typed namespace class and the Turtle file name the same terms."""

from __future__ import annotations

from rdflib import OWL, RDF, Graph

from ontology import SG, SG_IRI, ontology_path, shapes_path


def declared_terms() -> set[str]:
    g = Graph().parse(ontology_path())
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(SG_IRI):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(SG_IRI)}


def test_namespace_class_and_turtle_agree() -> None:
    in_class = set(SG.__annotations__)
    assert in_class == declared_terms(), (
        f"only in SG: {sorted(in_class - declared_terms())}; only in stancegraph.ttl: "
        f"{sorted(declared_terms() - in_class)}")


def test_every_term_has_a_label_and_a_comment() -> None:
    g = Graph().parse(ontology_path())
    from rdflib import RDFS

    for term in declared_terms():
        iri = SG[term]
        assert g.value(iri, RDFS.label) is not None, term
        assert g.value(iri, RDFS.comment) is not None, term


def test_shapes_parse_and_use_only_declared_terms() -> None:
    shapes = Graph().parse(shapes_path())
    used = {str(t)[len(SG_IRI):] for triple in shapes for t in triple if str(t).startswith(SG_IRI)} - {""}
    assert used and used <= declared_terms()
