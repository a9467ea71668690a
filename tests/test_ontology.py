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


def test_every_type_the_resolver_and_the_gazetteer_give_is_an_actor_type_of_the_ontology() -> None:
    from extractors.lexicon import actors
    from graph.resolve.resolver import _KIND_TO_TYPE
    from ontology import actor_types

    given = {entry.type for entry in actors()} | set(_KIND_TO_TYPE.values()) | {"GovernmentBody", "ArmedGroup"}
    assert given <= set(actor_types()) and "Actor" not in actor_types()


def test_the_view_and_the_tables_see_actors_of_every_type_below_sg_actor() -> None:
    # GovernmentBody and ArmedGroup sit under sg:Organization: the derived list must follow subclasses down.
    from rdflib import RDFS, Literal, URIRef

    from graph.analysis.tables import actors_frame
    from graph.view.data import collect_actors
    from ontology import actor_types

    g = Graph()
    for name in actor_types():
        iri = URIRef(f"https://w3id.org/stancegraph/actor/{name.lower()}/x")
        g.add((iri, RDF.type, SG[name]))
        g.add((iri, RDFS.label, Literal(name)))
    assert sorted(a.type for a in collect_actors(g).values()) == sorted(actor_types())
    assert sorted(actors_frame(g)["type"]) == sorted(actor_types())
    assert {"GovernmentBody", "ArmedGroup"} <= set(actor_types())
