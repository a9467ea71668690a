"""An organisation's name before a lower-case word for its things, places or people ("IS positions", "Hamas
targets", "Wagner fighters", "NATO officials") names that organisation, never an organisation of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph

from extractors.lexicon import resolution_words
from extractors.records import Mention
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver
from ontology import SG


@pytest.mark.parametrize(("text", "label"), [
    ("IS positions", "Islamic State"), ("Hamas positions", "Hamas"), ("Hezbollah targets", "Hezbollah"),
    ("PKK bases", "PKK"), ("NATO officials", "NATO"), ("Hamas strongholds", "Hamas"),
    ("Acme Logistics facilities", "Acme Logistics"), ("Acme Logistics headquarters", "Acme Logistics"),
])
def test_an_organisation_and_its_things_are_the_organisation(text: str, label: str) -> None:
    r = Resolver()
    actor = r.actor_for(text, "ORG")
    assert actor is not None and actor.label == label
    assert [a.label for a in r.actors.values()] == [label]


@pytest.mark.parametrize("text", ["Syrian Democratic Forces", "Quds Force", "Hezbollah Positions Office",
                                  "pro-Assad forces"])
def test_a_title_case_word_is_part_of_the_name(text: str) -> None:
    actor = Resolver().actor_for(text, "ORG")
    assert actor is not None and actor.label == text


def test_a_government_noun_after_a_name_is_no_thing_it_holds() -> None:
    # "the Trump administration" is a government (graph.resolve.descriptions), never an organisation "Trump"
    actor = Resolver().actor_for("Trump administration", "ORG")
    assert actor is not None and actor.label != "Trump"


def test_a_demonym_phrase_is_left_to_the_demonym_rules() -> None:
    actor = Resolver().actor_for("Kurdish fighters", "NORP")
    assert actor is not None and actor.label == "Kurdish fighters"


def test_the_thing_words_are_data() -> None:
    assert {"positions", "targets", "bases", "facilities", "headquarters", "strongholds"} <= \
        set(resolution_words()["thing_head"])


def test_a_document_with_an_organisation_and_its_positions_has_one_node() -> None:
    r = Resolver()
    resolve_document([], [Mention("Hamas", 0, 5, "ORG"), Mention("Hamas positions", 40, 55, "ORG")], r)
    assert [(a.label, a.type) for a in r.actors.values()] == [("Hamas", "ArmedGroup")]


@pytest.mark.model
def test_no_organisation_of_the_demo_graph_ends_in_a_thing_word(demo_dir: Path) -> None:
    g = Graph().parse(demo_dir / "graph.ttl")
    things = set(resolution_words()["thing_head"])
    orgs = {str(g.value(o, RDFS.label)) for t in (SG.Organization, SG.ArmedGroup) for o in g.subjects(RDF.type, t)}
    assert "Islamic State" in orgs
    assert {label for label in orgs if label.split()[-1] in things} == set()
