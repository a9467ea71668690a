"""Rule tests on hand-built parses: the extractors' logic without depending on a model version."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.affiliation.rules import extract_affiliation
from extractors.stance.rules import extract_stance


def make_doc(rows: list[tuple[str, int, str, str, str, str]], **extra: list[str]) -> Doc:
    """rows: (word, head index, dep, pos, lemma, entity IOB tag)."""
    words, heads, deps, pos, lemmas, ents = (list(col) for col in zip(*rows, strict=True))
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents,
               sent_starts=[True] + [False] * (len(words) - 1), **extra)


def triples(doc: Doc) -> set[tuple[str, str, str, bool, bool]]:
    return {(c.subject.text, c.relation, c.object.text, c.negated, c.hedged) for c in extract_stance(doc, "t")}


def test_active_verb_with_coordinated_subject() -> None:
    doc = make_doc([
        ("Russia", 3, "nsubj", "PROPN", "Russia", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Iran", 0, "conj", "PROPN", "Iran", "B-GPE"),
        ("back", 3, "ROOT", "VERB", "back", "O"),
        ("Assad", 3, "dobj", "PROPN", "Assad", "B-PERSON"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])
    assert triples(doc) == {("Russia", "supports", "Assad", False, False), ("Iran", "supports", "Assad", False, False)}


def test_passive_with_agent_reverses_the_roles() -> None:
    doc = make_doc([
        ("Rebels", 2, "nsubjpass", "NOUN", "rebel", "O"),
        ("were", 2, "auxpass", "AUX", "be", "O"),
        ("armed", 2, "ROOT", "VERB", "arm", "O"),
        ("by", 2, "agent", "ADP", "by", "O"),
        ("Qatar", 3, "pobj", "PROPN", "Qatar", "B-GPE"),
    ])
    assert triples(doc) == {("Qatar", "supports", "Rebels", False, False)}


def test_relative_clause_object_is_the_modified_noun() -> None:
    doc = make_doc([
        ("the", 1, "det", "DET", "the", "O"),
        ("militia", 5, "nsubj", "NOUN", "militia", "O"),
        ("which", 4, "dobj", "PRON", "which", "O"),
        ("Iran", 4, "nsubj", "PROPN", "Iran", "B-GPE"),
        ("funds", 1, "relcl", "VERB", "fund", "O"),
        ("attacked", 5, "ROOT", "VERB", "attack", "O"),
        ("Israel", 5, "dobj", "PROPN", "Israel", "B-GPE"),
    ], tags=["DT", "NN", "WDT", "NNP", "VBZ", "VBD", "NNP"])
    assert triples(doc) == {("Iran", "supports", "militia", False, False),
                            ("militia", "opposes", "Israel", False, False)}


def test_purpose_clause_inherits_the_main_subject() -> None:
    doc = make_doc([
        ("Moscow", 1, "nsubj", "PROPN", "Moscow", "B-GPE"),
        ("sent", 1, "ROOT", "VERB", "send", "O"),
        ("troops", 1, "dobj", "NOUN", "troop", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("shore", 1, "advcl", "VERB", "shore", "O"),
        ("up", 4, "prt", "ADP", "up", "O"),
        ("Assad", 4, "dobj", "PROPN", "Assad", "B-PERSON"),
    ])
    found = triples(doc)
    assert ("Moscow", "supports", "Assad", False, False) in found
    assert not any(s == "troops" for s, *_ in found)


@pytest.mark.parametrize("verb,lemma,expected", [("refused", "refuse", (True, False)),
                                                 ("wants", "want", (False, True)),
                                                 ("vowed", "vow", (False, False))])
def test_control_verbs_set_the_flags(verb: str, lemma: str, expected: tuple[bool, bool]) -> None:
    doc = make_doc([
        ("Egypt", 1, "nsubj", "PROPN", "Egypt", "B-GPE"),
        (verb, 1, "ROOT", "VERB", lemma, "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("back", 1, "xcomp", "VERB", "back", "O"),
        ("Hamas", 3, "dobj", "PROPN", "Hamas", "B-ORG"),
    ])
    assert triples(doc) == {("Egypt", "supports", "Hamas", *expected)}


def test_not_unconditionally_is_hedged_support_never_opposition() -> None:
    doc = make_doc([
        ("Beijing", 3, "nsubj", "PROPN", "Beijing", "B-GPE"),
        ("does", 3, "aux", "AUX", "do", "O"),
        ("not", 3, "neg", "PART", "not", "O"),
        ("support", 3, "ROOT", "VERB", "support", "O"),
        ("Moscow", 3, "dobj", "PROPN", "Moscow", "B-GPE"),
        ("unconditionally", 3, "advmod", "ADV", "unconditionally", "O"),
    ])
    assert triples(doc) == {("Beijing", "supports", "Moscow", False, True)}


def test_noun_between_is_symmetric() -> None:
    doc = make_doc([
        ("the", 1, "det", "DET", "the", "O"),
        ("war", 1, "ROOT", "NOUN", "war", "O"),
        ("between", 1, "prep", "ADP", "between", "O"),
        ("Armenia", 2, "pobj", "PROPN", "Armenia", "B-GPE"),
        ("and", 3, "cc", "CCONJ", "and", "O"),
        ("Azerbaijan", 3, "conj", "PROPN", "Azerbaijan", "B-GPE"),
    ])
    assert triples(doc) == {("Armenia", "opposes", "Azerbaijan", False, False),
                            ("Azerbaijan", "opposes", "Armenia", False, False)}


def test_possessive_noun_cue() -> None:
    doc = make_doc([
        ("Washington", 2, "poss", "PROPN", "Washington", "B-GPE"),
        ("'s", 0, "case", "PART", "'s", "O"),
        ("support", 2, "ROOT", "NOUN", "support", "O"),
        ("for", 2, "prep", "ADP", "for", "O"),
        ("Taipei", 3, "pobj", "PROPN", "Taipei", "B-GPE"),
    ])
    assert triples(doc) == {("Washington", "supports", "Taipei", False, False)}


def test_question_asserts_nothing() -> None:
    doc = make_doc([
        ("Will", 2, "aux", "AUX", "will", "O"),
        ("Russia", 2, "nsubj", "PROPN", "Russia", "B-GPE"),
        ("abandon", 2, "ROOT", "VERB", "abandon", "O"),
        ("Assad", 2, "dobj", "PROPN", "Assad", "B-PERSON"),
        ("?", 2, "punct", "PUNCT", "?", "O"),
    ])
    assert triples(doc) == {("Russia", "opposes", "Assad", False, True)}


def test_non_actor_object_gives_no_claim() -> None:
    doc = make_doc([
        ("Turkey", 1, "nsubj", "PROPN", "Turkey", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("bombing", 1, "dobj", "NOUN", "bombing", "O"),
    ])
    assert triples(doc) == set()


def affiliations(doc: Doc) -> set[tuple[str, str, str | None]]:
    return {(c.subject.text, c.object.text, c.role) for c in extract_affiliation(doc, "t")}


def test_title_before_name_with_demonym() -> None:
    doc = make_doc([
        ("French", 1, "amod", "ADJ", "french", "B-NORP"),
        ("President", 3, "compound", "PROPN", "President", "O"),
        ("Emmanuel", 3, "compound", "PROPN", "Emmanuel", "B-PERSON"),
        ("Macron", 4, "nsubj", "PROPN", "Macron", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
    ])
    assert affiliations(doc) == {("Emmanuel Macron", "French", "president")}


def test_outlet_spoken_to_is_not_an_affiliation() -> None:
    doc = make_doc([
        ("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"),
        ("Hassan", 6, "nsubj", "PROPN", "Hassan", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("an", 4, "det", "DET", "an", "O"),
        ("analyst", 1, "appos", "NOUN", "analyst", "O"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("told", 6, "ROOT", "VERB", "tell", "O"),
        ("Reuters", 6, "dobj", "PROPN", "Reuters", "B-ORG"),
    ])
    assert affiliations(doc) == set()


def test_titled_speaker_stance_is_lifted_to_the_organisation_but_an_expert_is_not() -> None:
    from extractors.speakers import lift_to_organisations

    def sentence(role_words: list[str], role_lemma: str) -> Doc:
        n = len(role_words)
        rows = [("NATO", n + 2, "compound", "PROPN", "NATO", "B-ORG")]
        rows += [(w, n + 2, "compound", "PROPN", role_lemma if i == n - 1 else w.lower(), "O")
                 for i, w in enumerate(role_words)]
        rows += [("Jens", n + 2, "compound", "PROPN", "Jens", "B-PERSON"),
                 ("Stoltenberg", n + 3, "nsubj", "PROPN", "Stoltenberg", "I-PERSON"),
                 ("condemned", n + 3, "ROOT", "VERB", "condemn", "O"),
                 ("Moscow", n + 3, "dobj", "PROPN", "Moscow", "B-GPE")]
        return make_doc(rows)

    def lifted(doc: Doc) -> set[tuple[str, str, str]]:
        claims = [*extract_stance(doc, "t"), *extract_affiliation(doc, "t")]
        return {(c.subject.text, c.relation, c.object.text) for c in lift_to_organisations(claims)}

    assert ("NATO", "opposes", "Moscow") in lifted(sentence(["Secretary", "General"], "general"))
    assert ("NATO", "opposes", "Moscow") not in lifted(sentence(["Fellow"], "fellow"))
