"""Candidate actor mentions for the pair classifier, on hand-built parses (no model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.learned.candidates import sentence_candidates
from extractors.learned.voices import read_voices


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


def test_he_is_nobody_when_a_title_comes_between_the_name_and_him() -> None:
    doc = _doc(["Berg", "met", "the", "president", "and", "he", "backs", "Chile"],
               ["PROPN", "VERB", "DET", "NOUN", "CCONJ", "PRON", "VERB", "PROPN"], [1, 1, 3, 1, 1, 6, 1, 6],
               ["nsubj", "ROOT", "det", "dobj", "cc", "nsubj", "conj", "dobj"],
               ["B-PERSON", "O", "O", "O", "O", "O", "O", "B-GPE"])
    assert [c.text for c in sentence_candidates(doc[:])] == ["Berg", "president", "Chile"]  # "he" may be either


def test_a_name_spoken_to_is_no_antecedent() -> None:
    doc = _doc(["Eric", ",", "Hale", "says", "he", "backs", "Chile"],
               ["PROPN", "PUNCT", "PROPN", "VERB", "PRON", "VERB", "PROPN"], [3, 3, 3, 3, 5, 3, 5],
               ["npadvmod", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
               ["B-PERSON", "O", "B-PERSON", "O", "O", "O", "B-GPE"])
    resolved = [c for c in sentence_candidates(doc[:]) if c.token.text == "he"]
    assert [(c.text, c.start) for c in resolved] == [("Hale", 7)]

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


Token = tuple[str, str, str, int, str, str]  # word, following space, pos, head within its sentence, dep, entity


def _laid_out(sentences: list[list[Token]], breaks: list[str]) -> Doc:
    """A Doc of ``sentences`` joined by the white space in ``breaks`` ("\\n\\n" between paragraphs)."""
    words: list[str] = []
    pos: list[str] = []
    deps: list[str] = []
    ents: list[str] = []
    heads: list[int] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    for sentence, gap in zip(sentences, [*breaks, ""], strict=True):
        base = len(words)
        for k, (word, space, tag, head, dep, ent) in enumerate(sentence):
            words.append(word)
            spaces.append(space == " ")
            pos.append(tag)
            heads.append(base + head)
            deps.append(dep)
            ents.append(ent)
            starts.append(k == 0)
        if gap:
            words.append(gap)
            spaces.append(False)
            pos.append("SPACE")
            heads.append(len(words) - 2)
            deps.append("dep")
            ents.append("O")
            starts.append(False)
    return Doc(Vocab(), words=words, spaces=spaces, pos=pos, heads=heads, deps=deps, ents=ents,
               lemmas=[{"said": "say"}.get(w, w.lower()) for w in words], sent_starts=starts)


def _i_backs(country: str, lead: tuple[str, ...] = ()) -> list[Token]:
    """ "[lead] I back COUNTRY." with a flat parse under "back"."""
    n = len(lead)
    return [*((w, " ", "PROPN", n + 1, "dep", "O") for w in lead), ("I", " ", "PRON", n + 1, "nsubj", "O"),
            ("back", " ", "VERB", n + 1, "ROOT", "O"), (country, "", "PROPN", n + 1, "dobj", "B-GPE"),
            (".", "", "PUNCT", n + 1, "punct", "O")]


def _first_person(doc: Doc) -> list[tuple[str, int]]:
    """(the person's text, start) of every candidate that a first-person pronoun of ``doc`` stands for."""
    voices = read_voices(doc.text)
    return [(c.text, c.start) for sent in doc.sents for c in sentence_candidates(sent, voices)
            if c.token.text == "I"]


def test_i_in_a_transcript_turn_is_the_speaker_of_the_turn_even_a_paragraph_on() -> None:
    label = [("SECRETARY", " ", "PROPN", 1, "compound", "O"), ("BLINKEN", "", "PROPN", 1, "ROOT", "B-PERSON"),
             (":", " ", "PUNCT", 1, "punct", "O")]
    doc = _laid_out([[*label, *_i_backs("Chile")], _i_backs("Peru", ("And",))], ["\n\n"])
    assert doc.text == "SECRETARY BLINKEN: I back Chile.\n\nAnd I back Peru."
    assert _first_person(doc) == [("BLINKEN", 10), ("BLINKEN", 10)]


@pytest.mark.parametrize("reporter", ["Q", "QUESTION:", "Q:"])
def test_a_reporter_s_i_is_nobody_and_ends_the_speaker_s_turn(reporter: str) -> None:
    label = [("MR.", " ", "PROPN", 1, "compound", "O"), ("PRICE", "", "PROPN", 1, "ROOT", "B-PERSON"),
             (":", " ", "PUNCT", 1, "punct", "O")]
    asked = [(reporter.rstrip(":"), "" if reporter.endswith(":") else " ", "PROPN", 1, "dep", "O")]
    if reporter.endswith(":"):
        asked.append((":", " ", "PUNCT", 1, "punct", "O"))
    doc = _laid_out([[*label, *_i_backs("Chile")], _i_backs("Peru", tuple(w for w, *_ in asked))], ["\n\n"])
    assert _first_person(doc) == [("PRICE", 4)]


def test_i_in_a_statement_is_the_one_person_of_its_byline() -> None:
    byline = [("Antony", " ", "PROPN", 1, "compound", "B-PERSON"), ("Blinken", "", "PROPN", 1, "ROOT", "I-PERSON"),
              (",", " ", "PUNCT", 1, "punct", "O"), ("Secretary", " ", "PROPN", 1, "appos", "O"),
              ("of", " ", "ADP", 3, "prep", "O"), ("State", "", "PROPN", 4, "pobj", "B-ORG")]
    doc = _laid_out([byline, _i_backs("Chile")], ["\n\n"])
    assert _first_person(doc) == [("Antony Blinken", 0)]
    other: list[Token] = [("Anna", " ", "PROPN", 1, "compound", "B-PERSON"),
                          ("Berg", "", "PROPN", 1, "ROOT", "I-PERSON"), *byline[2:]]
    two = _laid_out([byline, other, _i_backs("Chile")], ["\n\n", "\n\n"])
    assert _first_person(two) == []  # two people at the top: either could be speaking


def test_a_quoted_i_is_the_person_the_speech_verb_names_and_nobody_else() -> None:
    quote = [("\u201c", "", "PUNCT", 2, "punct", "O"), ("I", " ", "PRON", 2, "nsubj", "O"),
             ("back", " ", "VERB", 8, "ccomp", "O"), ("Chile", "", "PROPN", 2, "dobj", "B-GPE"),
             (",", "", "PUNCT", 8, "punct", "O"), ("\u201d", " ", "PUNCT", 8, "punct", "O")]
    named = _laid_out([[*quote, ("Anna", " ", "PROPN", 7, "compound", "B-PERSON"),
                        ("Berg", " ", "PROPN", 8, "nsubj", "I-PERSON"), ("said", "", "VERB", 8, "ROOT", "O"),
                        (".", "", "PUNCT", 8, "punct", "O")]], [])
    assert named.text == "\u201cI back Chile,\u201d Anna Berg said."
    assert _first_person(named) == [("Anna Berg", 16)]
    unnamed = _laid_out([[*quote, ("the", " ", "DET", 7, "det", "O"), ("aide", " ", "NOUN", 8, "nsubj", "O"),
                          ("said", "", "VERB", 8, "ROOT", "O"), (".", "", "PUNCT", 8, "punct", "O")]], [])
    assert _first_person(unnamed) == []


def test_an_i_no_layout_names_is_nobody() -> None:
    office = [("Office", " ", "PROPN", 0, "ROOT", "B-ORG"), ("of", " ", "ADP", 0, "prep", "I-ORG"),
              ("the", " ", "DET", 3, "det", "I-ORG"), ("Spokesperson", "", "PROPN", 1, "pobj", "I-ORG")]
    assert _first_person(_laid_out([office, _i_backs("Chile")], ["\n\n"])) == []
    moderator = [("MODERATOR", "", "PROPN", 0, "ROOT", "O"), (":", " ", "PUNCT", 0, "punct", "O")]
    assert _first_person(_laid_out([[*moderator, *_i_backs("Chile")]], [])) == []


def test_a_label_s_layout_is_no_candidate_but_the_person_it_names_is() -> None:
    """The parser tags a reporter's "QUESTION" as a person and the "MR" of "MR. PRICE" as a place: layout, not
    actors, which would otherwise pair with the names of the turn ("QUESTION supports Israel")."""
    asked = [("QUESTION", "", "PROPN", 3, "dep", "B-PERSON"), (":", " ", "PUNCT", 3, "punct", "O"),
             ("Israel", " ", "PROPN", 3, "nsubj", "B-GPE"), ("backs", " ", "VERB", 3, "ROOT", "O"),
             ("Chile", "", "PROPN", 3, "dobj", "B-GPE"), ("?", "", "PUNCT", 3, "punct", "O")]
    answered = [("MR", "", "PROPN", 2, "compound", "B-GPE"), (".", " ", "PUNCT", 0, "punct", "O"),
                ("PRICE", "", "PROPN", 5, "dep", "B-PERSON"), (":", " ", "PUNCT", 5, "punct", "O"),
                ("Peru", " ", "PROPN", 5, "nsubj", "B-GPE"), ("agrees", "", "VERB", 5, "ROOT", "O"),
                (".", "", "PUNCT", 5, "punct", "O")]
    doc = _laid_out([asked, answered], ["\n\n"])
    assert doc.text == "QUESTION: Israel backs Chile?\n\nMR. PRICE: Peru agrees."
    voices = read_voices(doc.text)
    assert [[c.text for c in sentence_candidates(sent, voices)] for sent in doc.sents] == \
        [["Israel", "Chile"], ["PRICE", "Peru"]]
    assert [[c.text for c in sentence_candidates(sent)] for sent in doc.sents] == \
        [["QUESTION", "Israel", "Chile"], ["MR", "PRICE", "Peru"]]  # without the layout: the failure it prevents


def test_a_headline_in_capitals_keeps_its_names() -> None:
    line = [("TURKEY", " ", "PROPN", 1, "nsubj", "B-GPE"), ("CONDEMNS", " ", "VERB", 1, "ROOT", "O"),
            ("ISRAEL", "", "PROPN", 1, "dobj", "B-GPE"), (":", "", "PUNCT", 1, "punct", "O")]
    doc = _laid_out([line], [])
    assert doc.text == "TURKEY CONDEMNS ISRAEL:"
    assert [c.text for c in sentence_candidates(doc[:], read_voices(doc.text))] == ["TURKEY", "ISRAEL"]
