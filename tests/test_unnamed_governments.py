"""A government, or its forces, that the text does not name ("government troops", "security forces", "the regime"):
the one state whose government the document names, else no actor (the claim stays in ``extract`` output with
``is_actor`` false, and out of the graph). Hand-made mentions and claims; one model test on the demo graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph

from extractors.records import Claim, Mention
from graph.build import build_graph
from graph.pipeline import Extracted
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.gazetteer import state_phrase
from graph.resolve.resolver import Resolver
from ontology import SG


def resolve(subject: str, obj: str, *context: tuple[str, str]) -> tuple[Claim, Resolver]:
    """One "subject supports object" claim after mentions ``context`` (text, spaCy label) of the same document."""
    mentions, pos = [], 0
    for text, kind in context:
        mentions.append(Mention(text, pos, pos + len(text), kind))
        pos += len(text) + 10
    s = Mention(subject, pos, pos + len(subject), "ORG")
    o = Mention(obj, s.end + 10, s.end + 10 + len(obj), "NOUN")
    claim = Claim("d", 0, "s", 0, "supports", s, o, "back", "stance.v1", 0.9)
    resolver = Resolver()
    return resolve_document([claim], mentions, resolver)[0], resolver


@pytest.mark.parametrize("phrase", ["government troops", "government forces", "security forces", "the regime",
                                    "the legitimate government", "regime forces"])
def test_an_unnamed_government_is_no_actor(phrase: str) -> None:
    claim, resolver = resolve("Hezbollah", phrase, ("Israel", "GPE"), ("Iran", "GPE"))
    assert not claim.object.is_actor and claim.object.label is not None
    assert not claim.between_actors
    assert {a.label for a in resolver.actors.values()} == {"Hezbollah", "Israel", "Iran"}


@pytest.mark.parametrize("phrase", ["government troops", "security forces", "the regime"])
def test_the_one_government_a_document_names_is_the_state(phrase: str) -> None:
    claim, _ = resolve("Hezbollah", phrase, ("the Syrian government", "NORP"))
    assert (claim.object.label, claim.object.is_actor) == ("Syria", True)


def test_a_document_that_names_two_governments_names_neither() -> None:
    claim, _ = resolve("Hezbollah", "government troops", ("the Syrian government", "NORP"),
                       ("the Iraqi government", "NORP"))
    assert not claim.object.is_actor


@pytest.mark.parametrize("phrase", ["government forces in Syria", "the legitimate government of Yemen",
                                    "government troops in Syria"])
def test_a_government_phrase_that_names_its_state_is_the_state(phrase: str) -> None:
    claim, _ = resolve("Hezbollah", phrase)
    assert claim.object.type == "State" and claim.object.is_actor


def test_state_phrase_needs_government_words_before_the_place() -> None:
    assert state_phrase("forces in syria") is not None
    assert state_phrase("rebels in syria") is None  # "rebels" are no state's organ
    assert state_phrase("shipments to syria") is None


@pytest.mark.parametrize(("phrase", "state"), [
    ("Iraqi security forces", "Iraq"), ("Syrian government forces", "Syria"), ("Yemeni government soldiers", "Yemen"),
    ("Lebanese security forces", "Lebanon"),
])
def test_forces_a_demonym_names_the_owner_of_are_an_actor(phrase: str, state: str) -> None:
    claim, _ = resolve("Hezbollah", phrase)
    assert claim.object.is_actor and state in claim.object.label


def test_build_leaves_an_unnamed_government_out_of_the_graph() -> None:
    claim, resolver = resolve("Hezbollah", "government troops", ("Iran", "GPE"))
    g = build_graph([Extracted(Document(id="d", text="x" * 200), [claim])], resolver)
    assert {str(o) for o in g.objects(None, RDFS.label)} == {"Hezbollah", "Iran"}
    assert not set(g.subject_objects(SG.supports))


@pytest.mark.model
def test_no_node_of_the_demo_graph_is_an_unnamed_government(demo_dir: Path) -> None:
    from graph.resolve.descriptions import is_generic_government

    g = Graph().parse(demo_dir / "graph.ttl")
    labels = {str(label) for label in g.objects(None, RDFS.label)}
    assert "Syria" in labels
    assert {label for label in labels if is_generic_government(label)} == set()
