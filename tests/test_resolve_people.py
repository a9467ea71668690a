"""People across documents: a short name joins the one person node whose full name it is a short form of, in
either document order, and only when that is unambiguous and the titles agree (hand-made mentions, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph

from extractors.records import Mention
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver
from ontology import SG


def doc(resolver: Resolver, *items: tuple[str, str]) -> None:
    """Resolve one document made of these mentions (offsets made up but increasing)."""
    out, pos = [], 0
    for text, kind in items:
        out.append(Mention(text, pos, pos + len(text), kind))
        pos += len(text) + 10
    resolve_document([], out, resolver)


def people(resolver: Resolver) -> dict[str, set[str]]:
    return {a.label: a.aliases for a in resolver.actors.values() if a.type == "Person"}


@pytest.mark.parametrize("short", ["Putin", "Putin's", "President Putin", "Mr. Putin"])
def test_a_surname_in_a_later_document_joins_the_full_name(short: str) -> None:
    r = Resolver()
    doc(r, ("President Vladimir Putin", "PERSON"))
    doc(r, (short, "PERSON"))
    assert list(people(r)) == ["Vladimir Putin"]


def test_a_full_name_in_a_later_document_takes_over_the_surname_node() -> None:
    r = Resolver()
    doc(r, ("Putin", "PERSON"))
    first = r.actor_for("Putin", "PERSON")
    doc(r, ("President Vladimir Putin", "PERSON"))
    assert people(r).keys() == {"Vladimir Putin"}
    assert first is not None and first.label == "Vladimir Putin" and "Putin" in first.aliases
    doc(r, ("Vladimir Putin", "PERSON"))
    assert len(people(r)) == 1


def test_a_shorter_full_name_joins_the_longer_one() -> None:
    r = Resolver()
    doc(r, ("President Recep Tayyip Erdogan", "PERSON"))
    doc(r, ("Tayyip Erdogan", "PERSON"))
    doc(r, ("President Tayyip Erdogan", "PERSON"))
    assert people(r).keys() == {"Recep Tayyip Erdogan"}


def test_a_surname_two_people_have_joins_neither() -> None:
    r = Resolver()
    doc(r, ("Anna Berg", "PERSON"))
    doc(r, ("Tomas Berg", "PERSON"))
    doc(r, ("Berg", "PERSON"))
    assert people(r).keys() == {"Anna Berg", "Tomas Berg", "Berg"}


def test_a_surname_a_document_shares_between_two_people_is_never_taken_over() -> None:
    r = Resolver()
    doc(r, ("Berg", "PERSON"), ("Anna Berg", "PERSON"), ("Tomas Berg", "PERSON"))
    doc(r, ("Maria Berg", "PERSON"))
    assert people(r).keys() == {"Anna Berg", "Tomas Berg", "Berg", "Maria Berg"}


def test_a_first_name_never_joins() -> None:
    r = Resolver()
    doc(r, ("Berg Olsen", "PERSON"))
    doc(r, ("Berg", "PERSON"))
    doc(r, ("Olsen Berg", "PERSON"))  # "Berg" is a short form of this one only
    assert people(r).keys() == {"Berg Olsen", "Olsen Berg"}


def test_an_office_title_needs_a_node_with_an_office_title() -> None:
    r = Resolver()
    doc(r, ("Eric Trump", "PERSON"))
    doc(r, ("President Trump", "PERSON"))  # not the Trump the news never gave an office
    assert people(r).keys() == {"Eric Trump", "Trump"}
    doc(r, ("Donald Trump", "PERSON"))  # untitled here: it may not take over the node of "President Trump"
    assert "Trump" in people(r)
    doc(r, ("President Donald Trump", "PERSON"))
    assert people(r).keys() == {"Eric Trump", "Trump", "Donald Trump"}


def test_gendered_honorifics_must_agree() -> None:
    r = Resolver()
    doc(r, ("Mr. Bernie Sanders", "PERSON"))
    doc(r, ("Ms. Sanders", "PERSON"))
    assert "Sanders" in people(r)
    r = Resolver()
    doc(r, ("Ms. Sanders", "PERSON"))
    doc(r, ("Mr. Bernie Sanders", "PERSON"))
    assert people(r).keys() == {"Sanders", "Bernie Sanders"}


def test_a_person_never_joins_another_type() -> None:
    r = Resolver()
    doc(r, ("Michael Jordan", "PERSON"))
    doc(r, ("Jordan", "GPE"))
    assert {a.type for a in r.actors.values() if "Jordan" in a.aliases} == {"State"}


@pytest.mark.model
def test_the_demo_graph_has_one_node_for_putin(demo_dir: Path) -> None:
    g = Graph().parse(demo_dir / "graph.ttl")
    labels = {str(g.value(p, RDFS.label)) for p in g.subjects(RDF.type, SG.Person)}
    assert "Vladimir Putin" in labels
    assert not {label for label in labels if label.split()[-1] == "Putin"} - {"Vladimir Putin"}
