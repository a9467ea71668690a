"""Mentions of no actor: a thing or place a strike hits, a generic group a sanction targets, an attack noun standing
in for its attacker. ``extract`` emits their claims with ``is_actor`` false; the actor graph leaves them out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal
from spacy.tokens import Doc

from extractors.lexicon import actor_nouns
from extractors.records import Claim, Mention
from extractors.stance.rules import extract_stance
from graph.analysis.tables import load
from graph.build import build_graph
from graph.pipeline import Extracted
from graph.readers.documents import Document
from graph.resolve.document import resolve_claims, resolve_document
from graph.resolve.mentions import document_mentions
from graph.resolve.resolver import Resolver
from ontology import SG
from tests.test_rules import make_doc


def sides(doc: Doc) -> set[tuple[str, bool, str, bool]]:
    return {(c.subject.text, c.subject.is_actor, c.object.text, c.object.is_actor) for c in extract_stance(doc, "t")}


def _fired_at(modifier: tuple[str, str, str] | None) -> Doc:
    """ "Syrian forces fired missiles at the aircraft" / "... at Israeli aircraft"."""
    target = [(modifier[0], 6, "amod", modifier[1], modifier[0].lower(), modifier[2])] if modifier else \
        [("the", 6, "det", "DET", "the", "O")]
    return make_doc([
        ("Syrian", 1, "amod", "ADJ", "syrian", "B-NORP"),
        ("forces", 2, "nsubj", "NOUN", "force", "O"),
        ("fired", 2, "ROOT", "VERB", "fire", "O"),
        ("missiles", 2, "dobj", "NOUN", "missile", "O"),
        ("at", 2, "prep", "ADP", "at", "O"),
        *target,
        ("aircraft", 4, "pobj", "NOUN", "aircraft", "O"),
    ])


def test_a_thing_an_assault_hits_is_no_actor() -> None:
    assert sides(_fired_at(None)) == {("Syrian forces", True, "aircraft", False)}


def test_a_demonym_on_the_thing_hit_still_names_the_state() -> None:
    # "fired missiles at Israeli aircraft": Israel is the target (demonym metonymy), an actor.
    assert sides(_fired_at(("Israeli", "ADJ", "B-NORP"))) == {("Syrian forces", True, "Israeli", True)}


def test_generic_groups_a_sanction_targets_are_no_actors() -> None:
    # "Washington targeted banks and individuals"
    doc = make_doc([
        ("Washington", 1, "nsubj", "PROPN", "Washington", "B-GPE"),
        ("targeted", 1, "ROOT", "VERB", "target", "O"),
        ("banks", 1, "dobj", "NOUN", "bank", "O"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("individuals", 2, "conj", "NOUN", "individual", "O"),
    ])
    assert sides(doc) == {("Washington", True, "banks", False), ("Washington", True, "individuals", False)}


def test_an_attack_noun_standing_in_for_the_attacker_is_no_actor() -> None:
    # "one strike destroyed a tank": neither side holds a stance.
    doc = make_doc([
        ("one", 1, "nummod", "NUM", "one", "O"),
        ("strike", 2, "nsubj", "NOUN", "strike", "O"),
        ("destroyed", 2, "ROOT", "VERB", "destroy", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("tank", 2, "dobj", "NOUN", "tank", "O"),
    ])
    assert sides(doc) == {("strike", False, "tank", False)}


def test_actor_targets_stay_actors() -> None:
    # "rebels attacked government positions": the government (an owner modifier), an actor.
    doc = make_doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("attacked", 1, "ROOT", "VERB", "attack", "O"),
        ("government", 3, "compound", "NOUN", "government", "O"),
        ("positions", 1, "dobj", "NOUN", "position", "O"),
    ])
    assert sides(doc) == {("Rebels", True, "government", True)}


def _claim(subject: Mention, obj: Mention) -> Claim:
    return Claim(doc_id="d", sentence_index=0, sentence="Washington targeted banks.", sentence_start=0,
                 relation="opposes", subject=subject, object=obj, cue="targeted", extractor="stance.v1",
                 confidence=0.5)


def test_extract_keeps_the_claim_and_says_its_object_is_no_actor() -> None:
    claim = _claim(Mention("Washington", 0, 10, "GPE"), Mention("banks", 20, 25, "NOUN", is_actor=False))
    [resolved] = resolve_claims([claim], Resolver())
    row = resolved.to_json()
    assert (row["subject"]["label"], row["subject"]["is_actor"]) == ("United States", True)
    assert (row["object"]["label"], row["object"]["is_actor"]) == ("banks", False)
    assert not resolved.between_actors


def test_build_leaves_claims_about_non_actors_out_of_the_actor_graph() -> None:
    washington, banks = Mention("Washington", 0, 10, "GPE"), Mention("banks", 20, 25, "NOUN", is_actor=False)
    moscow = Mention("Moscow", 30, 36, "GPE")
    claims = [_claim(washington, banks), _claim(washington, moscow)]
    resolver = Resolver()
    resolved = resolve_document(claims, [], resolver)
    g = build_graph([Extracted(Document(id="d", text="x" * 40), resolved)], resolver)
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert labels == {"United States", "Russia"}
    assert [(str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))) for s, o in g.subject_objects(SG.opposes)] \
        == [("United States", "Russia")]
    assert len(set(g.subjects(RDF.type, SG.StanceClaim))) == 1
    assert (None, SG.objectText, Literal("banks")) not in g


@pytest.mark.model
def test_no_node_of_the_demo_graph_is_a_plain_common_noun(demo_dir: Path) -> None:
    # A lower-case label is a common-noun phrase; it names an actor only with an actor noun at its head
    # ("rebels", "government troops", "government in Damascus"), never "banks", "individuals" or "aircraft".
    g = load(demo_dir / "graph.ttl")
    nouns = actor_nouns()
    common = {str(label) for label in g.objects(None, RDFS.label) if str(label)[:1].islower()}
    assert common, "the demo graph has common-noun actors such as 'rebels'"
    heads = {label: re.split(r" (?:in|of) ", label)[0].split()[-1].removesuffix("s") for label in common}
    assert {label for label, head in heads.items() if head not in nouns} == set()


def _places_doc(site: str, name: str, second: str, relation: str) -> Doc:
    """ "Drones struck the <site> at <name> and <second> ." (``relation`` "conj") or "... near <name> ..." """
    return make_doc([
        ("Drones", 1, "nsubj", "NOUN", "drone", "O"),
        ("struck", 1, "ROOT", "VERB", "strike", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        (site, 3 if relation == "conj" else 1, "dobj", "NOUN", site.lower(), "O"),
        ("at" if relation == "conj" else "near", 3, "prep", "ADP", "at", "O"),
        (name, 4, "pobj", "PROPN", name, "B-ORG"),
        ("and", 5, "cc", "CCONJ", "and", "O"),
        (second, 5, "conj", "PROPN", second, "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])


def _actor_labels(doc: Doc, *more: Mention) -> set[str]:
    found, definitions = document_mentions(doc)
    r = Resolver()
    resolve_document([], [*found, *more], r, definitions)
    return {a.label for a in r.actors.values()}


def test_a_name_the_document_puts_at_a_site_or_near_something_is_a_place_in_every_mention() -> None:
    later = Mention("Abqaiq", 200, 206, "ORG")  # "In 2006, Abqaiq was the target of an attack."
    assert _actor_labels(_places_doc("plant", "Abqaiq", "Khurais", "conj"), later).isdisjoint({"Abqaiq", "Khurais"})
    assert "Croughton" not in _actor_labels(_places_doc("wreck", "Croughton", "Brackley", "near"))


def test_a_name_at_a_noun_of_no_site_or_known_to_the_kb_stays_an_actor() -> None:
    assert {"Halvorsen Telecom", "Brannock Audit"} <= _actor_labels(
        _places_doc("workers", "Halvorsen Telecom", "Brannock Audit", "conj"))
    assert "Hezbollah" in _actor_labels(_places_doc("plant", "Hezbollah", "Kelso Mills", "conj"))


def test_the_surname_of_a_person_the_document_names_in_full_is_never_a_place() -> None:
    doc = make_doc([
        ("Qasem Soleimani", 1, "nsubj", "PROPN", "Qasem Soleimani", "B-PERSON"),
        ("waited", 1, "ROOT", "VERB", "wait", "O"),
        ("near", 1, "prep", "ADP", "near", "O"),
        ("Soleimani", 2, "pobj", "PROPN", "Soleimani", "B-FAC"),  # the model's tags are noisy
        ("and", 3, "cc", "CCONJ", "and", "O"),
        ("Brackley", 3, "conj", "PROPN", "Brackley", "B-ORG"),
        ("\u2014 \u2014", 1, "punct", "PUNCT", "\u2014", "B-PERSON"),  # a "name" of no letters (seen on Wikinews)
    ])
    assert [m.text for m in document_mentions(doc)[0] if m.kind == "LOC"] == []
