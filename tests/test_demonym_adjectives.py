"""A demonym adjective stands for an actor only when one answers to it: "Israeli jets" is Israel and "Republican
senators" the party, but "the European decision" names no actor, and never one called "European"."""

from __future__ import annotations

import pytest

from extractors.spans import actor_mention
from tests.test_rules import make_doc, triples


def _condemned(modifier: str, pos: str, lemma: str, ent: str) -> set[tuple[str, str, str, bool, bool]]:
    """ "Damascus condemned the <modifier> decision"."""
    return triples(make_doc([
        ("Damascus", 1, "nsubj", "PROPN", "Damascus", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        (modifier, 4, "amod", pos, lemma, ent),
        ("decision", 1, "dobj", "NOUN", "decision", "O"),
    ]))


@pytest.mark.parametrize("modifier, stands_for_an_actor", [
    ("European", False),  # a continent's adjective: no actor answers to it
    ("Hispanic", False),
    ("Israeli", True),  # a state's demonym (the gazetteer): Israel
    ("Houthi", True),  # a group's name
    ("Republican", True),  # a party word
])
def test_an_adjective_on_a_non_actor_noun_names_only_an_actor_that_answers_to_it(
        modifier: str, stands_for_an_actor: bool) -> None:
    found = _condemned(modifier, "ADJ", modifier.lower(), "B-NORP")
    assert found == ({("Damascus", "opposes", modifier, False, False)} if stands_for_an_actor else set())


def test_a_people_noun_is_an_actor_even_without_the_gazetteer() -> None:
    # "Damascus condemned the Europeans": a noun names its people.
    doc = make_doc([
        ("Damascus", 1, "nsubj", "PROPN", "Damascus", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("Europeans", 1, "dobj", "PROPN", "Europeans", "B-NORP"),
    ])
    assert triples(doc) == {("Damascus", "opposes", "Europeans", False, False)}


def test_an_adjective_standing_as_a_slot_itself_follows_the_same_rule() -> None:
    # "European sanctions" / "Russian sanctions": the adjective token is the holder slot.
    def first(word: str) -> str | None:
        doc = make_doc([(word, 1, "amod", "ADJ", word.lower(), "B-NORP"),
                        ("sanctions", 1, "ROOT", "NOUN", "sanction", "O")])
        mention = actor_mention(doc[0])
        return None if mention is None else mention.text
    assert (first("European"), first("Russian")) == (None, "Russian")


@pytest.mark.parametrize("tag, expected", [("NNS", {("Hindu", "opposes", "Muslims", False, False)}), ("NN", set())])
def test_a_plural_head_names_the_members_of_the_group_its_adjective_names(tag: str, expected: set[object]) -> None:
    # "Hindu protectors targeted Muslims": no actor answers to "Hindu" in the gazetteer, but the plural head is
    # people of that group; a singular head ("the Hindu protector") names one person, not the group.
    doc = make_doc([
        ("Hindu", 1, "amod", "ADJ", "hindu", "B-NORP"),
        ("protectors" if tag == "NNS" else "protector", 2, "nsubj", "NOUN", "protector", "O"),
        ("targeted", 2, "ROOT", "VERB", "target", "O"),
        ("Muslims", 2, "dobj", "PROPN", "Muslims", "B-NORP"),
    ])
    doc[1].tag_ = tag
    assert triples(doc) == expected
