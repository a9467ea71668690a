"""Candidate actor mentions for the pair classifier, on hand-built parses (no model)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.learned.candidates import sentence_candidates


def _doc(words: list[str], pos: list[str], heads: list[int], deps: list[str], ents: list[str],
         lemmas: list[str] | None = None) -> Doc:
    return Doc(Vocab(), words=words, pos=pos, heads=heads, deps=deps, ents=ents,
               lemmas=lemmas or [w.lower() for w in words], sent_starts=[True] + [False] * (len(words) - 1))


def test_named_actors_and_actor_nouns_are_candidates_but_places_are_not() -> None:
    doc = _doc(["Norway", "condemned", "the", "rebels", "in", "Oslo", "on", "Monday"],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"],
               [1, 1, 3, 1, 3, 4, 1, 6], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj"],
               ["B-GPE", "O", "O", "O", "O", "B-LOC", "O", "B-DATE"], ["Norway", "condemn", "the", "rebel", "in",
                                                                      "Oslo", "on", "Monday"])
    assert [(c.text, c.kind) for c in sentence_candidates(doc[:])] == [("Norway", "GPE"), ("rebels", "NOUN")]


def test_he_is_the_one_person_named_before_and_nobody_when_two_are() -> None:
    one = _doc(["Anna", "Berg", "said", "he", "backs", "Chile"],
               ["PROPN", "PROPN", "VERB", "PRON", "VERB", "PROPN"], [1, 2, 2, 4, 2, 4],
               ["compound", "nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "B-GPE"])
    found = sentence_candidates(one[:])
    resolved = [c for c in found if c.token.text == "he"]
    assert [(c.text, c.kind, c.start) for c in resolved] == [("Anna Berg", "PERSON", 0)]
    two = _doc(["Hale", "met", "Marsh", "and", "he", "backs", "Chile"],
               ["PROPN", "VERB", "PROPN", "CCONJ", "PRON", "VERB", "PROPN"], [1, 1, 1, 1, 5, 1, 5],
               ["nsubj", "ROOT", "dobj", "cc", "nsubj", "conj", "dobj"],
               ["B-PERSON", "O", "B-PERSON", "O", "O", "O", "B-GPE"])
    assert [c.text for c in sentence_candidates(two[:])] == ["Hale", "Marsh", "Chile"]


def test_we_is_a_candidate_for_the_resolver_to_give_the_speaker_s_organisation() -> None:
    doc = _doc(["We", "support", "Georgia"], ["PRON", "VERB", "PROPN"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["O", "O", "B-GPE"])
    assert [(c.text, c.kind) for c in sentence_candidates(doc[:])] == [("We", "PRON"), ("Georgia", "GPE")]


def test_a_named_group_is_one_candidate_but_an_owner_stays_apart() -> None:
    named = _doc(["Turkey", "condemned", "the", "Kurdish", "militia"], ["PROPN", "VERB", "DET", "ADJ", "NOUN"],
                 [1, 1, 4, 4, 1], ["nsubj", "ROOT", "det", "amod", "dobj"], ["B-GPE", "O", "O", "B-NORP", "O"],
                 ["Turkey", "condemn", "the", "kurdish", "militia"])
    assert [(c.text, c.kind) for c in sentence_candidates(named[:])] == [("Turkey", "GPE"),
                                                                       ("Kurdish militia", "NOUN")]
    owned = _doc(["Russia", "'s", "army", "shelled", "Kharkiv"], ["PROPN", "PART", "NOUN", "VERB", "PROPN"],
                 [2, 0, 3, 3, 3], ["poss", "case", "nsubj", "ROOT", "dobj"], ["B-GPE", "O", "O", "O", "B-GPE"],
                 ["Russia", "'s", "army", "shell", "Kharkiv"])
    assert [c.text for c in sentence_candidates(owned[:])] == ["Russia", "army", "Kharkiv"]
