"""Evaluations in reported speech: a speaker who praises or blames a named actor holds a stance on it.

Rule tests on hand-built Docs, then model tests on sentences written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lexicon import evaluation_words, read_table, report_verbs, stance_cues
from extractors.stance.evaluation import JUDGE_CONFIDENCE, NAME, SPEECH_CONFIDENCE, evaluation_claims
from extractors.stance.rules import extract_stance
from tests.test_rules import make_doc

Row = tuple[str, int, str, str, str, str]
Found = set[tuple[str, str, str, bool, bool]]


def evaluations(doc: Doc) -> Found:
    return {(c.subject.text, c.relation, c.object.text, c.negated, c.hedged)
            for c in extract_stance(doc, "t") if c.extractor == NAME}


def _quoted(clause: list[Row], speaker: str = "Marsh") -> Doc:
    """'"CLAUSE," SPEAKER said.': ``clause`` rows with heads relative to the clause, its root at index 0 of
    its own head (the root row's head is ignored)."""
    n = len(clause)
    rows: list[Row] = [('"', n + 3, "punct", "PUNCT", '"', "O")]
    for word, head, dep, pos, lemma, ent in clause:
        if dep == "ROOT":
            rows.append((word, n + 3, "ccomp", pos, lemma, ent))
        else:
            rows.append((word, head + 1, dep, pos, lemma, ent))
    rows += [(",", n + 3, "punct", "PUNCT", ",", "O"), (speaker, n + 3, "nsubj", "PROPN", speaker, "B-PERSON"),
             ("said", n + 3, "ROOT", "VERB", "say", "O"), (".", n + 3, "punct", "PUNCT", ".", "O")]
    return make_doc(rows)


_LIED: list[Row] = [("Hale", 1, "nsubj", "PROPN", "Hale", "B-PERSON"), ("lied", 1, "ROOT", "VERB", "lie", "O")]


def test_a_deed_of_blame_in_a_quote_is_the_speakers_opposition() -> None:
    assert evaluations(_quoted(_LIED)) == {("Marsh", "opposes", "Hale", False, False)}


def test_praise_of_conduct_is_support_for_whose_conduct_it_is() -> None:
    doc = _quoted([("Hale", 1, "nsubj", "PROPN", "Hale", "B-PERSON"), ("did", 1, "ROOT", "VERB", "do", "O"),
                   ("a", 4, "det", "DET", "a", "O"), ("terrific", 4, "amod", "ADJ", "terrific", "O"),
                   ("job", 1, "dobj", "NOUN", "job", "O")])
    assert evaluations(doc) == {("Marsh", "supports", "Hale", False, False)}


def _is_a(negation: bool = False, modal: bool = False, subject: Row | None = None) -> list[Row]:
    rows: list[Row] = [subject or ("Hale", 2 if modal else 1, "nsubj", "PROPN", "Hale", "B-PERSON")]
    if modal:
        rows.append(("may", 2, "aux", "AUX", "may", "O"))
    root = len(rows)
    rows.append(("be" if modal else "is", root, "ROOT", "AUX", "be", "O"))
    if negation:
        rows.append(("not", root, "neg", "PART", "not", "O"))
    rows += [("a", len(rows) + 1, "det", "DET", "a", "O"), ("liar", root, "attr", "NOUN", "liar", "O")]
    return rows


def test_negated_and_hedged_evaluations_are_flagged() -> None:
    assert evaluations(_quoted(_is_a(negation=True))) == {("Marsh", "opposes", "Hale", True, False)}
    assert evaluations(_quoted(_is_a(modal=True))) == {("Marsh", "opposes", "Hale", False, True)}


def test_an_evaluation_nobody_in_the_sentence_says_has_no_holder() -> None:
    doc = make_doc([("Hale", 1, "nsubj", "PROPN", "Hale", "B-PERSON"), ("is", 1, "ROOT", "AUX", "be", "O"),
                    ("a", 3, "det", "DET", "a", "O"), ("liar", 1, "attr", "NOUN", "liar", "O")])
    assert evaluations(doc) == set()


def test_an_evaluation_of_a_thing_or_of_an_unnamed_party_gives_no_claim() -> None:
    plan: Row = ("plan", 1, "nsubj", "NOUN", "plan", "O")
    assert evaluations(_quoted(_is_a(subject=plan))) == set()
    officials: Row = ("officials", 1, "nsubj", "NOUN", "official", "O")
    assert evaluations(_quoted(_is_a(subject=officials))) == set()


def test_a_judging_verb_holds_its_object_and_is_surer_than_a_quote() -> None:
    doc = make_doc([("Marsh", 1, "nsubj", "PROPN", "Marsh", "B-PERSON"), ("called", 1, "ROOT", "VERB", "call", "O"),
                    ("Hale", 1, "dobj", "PROPN", "Hale", "B-PERSON"), ("a", 5, "det", "DET", "a", "O"),
                    ("reckless", 5, "amod", "ADJ", "reckless", "O"), ("man", 1, "oprd", "NOUN", "man", "O")])
    claims = [c for c in extract_stance(doc, "t") if c.extractor == NAME]
    assert [(c.subject.text, c.relation, c.object.text, c.confidence) for c in claims] == [
        ("Marsh", "opposes", "Hale", JUDGE_CONFIDENCE)]
    lowest_cue = min(c.confidence for cues in stance_cues().values() for c in cues)
    assert SPEECH_CONFIDENCE < JUDGE_CONFIDENCE < lowest_cue


def test_a_small_clause_of_making_is_a_result_not_a_judgement() -> None:
    # "Brody said he would make Ruritania great": no praise of Ruritania.
    doc = make_doc([("Brody", 1, "nsubj", "PROPN", "Brody", "B-PERSON"), ("said", 1, "ROOT", "VERB", "say", "O"),
                    ("he", 3, "nsubj", "PRON", "he", "O"), ("would", 3, "aux", "AUX", "would", "O"),
                    ("make", 1, "ccomp", "VERB", "make", "O"), ("Ruritania", 6, "nsubj", "PROPN", "Ruritania", "B-GPE"),
                    ("great", 4, "ccomp", "ADJ", "great", "O")])
    assert evaluations(doc) == set()


def test_a_pronoun_in_a_quote_said_of_someone_is_that_person() -> None:
    # '"He lied," Marsh said of Hale.'
    doc = make_doc([('"', 5, "punct", "PUNCT", '"', "O"), ("He", 2, "nsubj", "PRON", "he", "O"),
                    ("lied", 5, "ccomp", "VERB", "lie", "O"), (",", 5, "punct", "PUNCT", ",", "O"),
                    ("Marsh", 5, "nsubj", "PROPN", "Marsh", "B-PERSON"), ("said", 5, "ROOT", "VERB", "say", "O"),
                    ("of", 5, "prep", "ADP", "of", "O"), ("Hale", 6, "pobj", "PROPN", "Hale", "B-PERSON")])
    assert evaluations(doc) == {("Marsh", "opposes", "Hale", False, False)}


def test_a_pair_the_rules_already_claim_is_left_to_them() -> None:
    doc = _quoted(_LIED)
    sent = next(iter(doc.sents))
    marsh, hale = doc[4], doc[1]
    assert [c.object.text for c in evaluation_claims(sent, "t", 0, set())] == ["Hale"]
    assert list(evaluation_claims(sent, "t", 0, {(hale.idx, marsh.idx)})) == []


def test_giving_counts_as_support_only_when_aid_is_given() -> None:
    def giving(thing: str, lemma: str) -> Doc:
        return make_doc([("Iran", 1, "nsubj", "PROPN", "Iran", "B-GPE"), ("gave", 1, "ROOT", "VERB", "give", "O"),
                         (thing, 1, "dobj", "NOUN", lemma, "O"), ("to", 1, "dative", "ADP", "to", "O"),
                         ("Hezbollah", 3, "pobj", "PROPN", "Hezbollah", "B-ORG")])
    assert {(c.subject.text, c.relation, c.object.text) for c in extract_stance(giving("weapons", "weapon"), "t")} \
        == {("Iran", "supports", "Hezbollah")}
    assert list(extract_stance(giving("latitude", "latitude"), "t")) == []


def test_backing_won_from_someone_is_theirs() -> None:
    # "Brody won the backing of Walsh": Walsh backs Brody, not the other way round.
    doc = make_doc([("Brody", 1, "nsubj", "PROPN", "Brody", "B-PERSON"), ("won", 1, "ROOT", "VERB", "win", "O"),
                    ("the", 3, "det", "DET", "the", "O"), ("backing", 1, "dobj", "NOUN", "backing", "O"),
                    ("of", 3, "prep", "ADP", "of", "O"), ("Walsh", 4, "pobj", "PROPN", "Walsh", "B-PERSON")])
    assert {(c.subject.text, c.relation, c.object.text) for c in extract_stance(doc, "t")} == {
        ("Walsh", "supports", "Brody")}


def test_a_name_the_ner_missed_attacks_things_only_figuratively() -> None:
    def targeting(ent: str) -> Doc:
        return make_doc([("Brody", 1, "nsubj", "PROPN", "Brody", ent), ("targeted", 1, "ROOT", "VERB", "target", "O"),
                         ("the", 3, "det", "DET", "the", "O"), ("bridge", 1, "dobj", "NOUN", "bridge", "O")])
    assert list(extract_stance(targeting("O"), "t")) == []
    assert list(extract_stance(targeting("B-PERSON"), "t")) == []
    assert [c.object.text for c in extract_stance(targeting("B-ORG"), "t")] == ["bridge"]


def test_the_lexicons_use_only_their_documented_classes() -> None:
    rows = read_table("evaluation_lexicon.tsv")
    assert {r["pattern"] for r in rows} == {"trait", "deed", "conduct", "work"}
    assert all((r["polarity"] == "none") == (r["pattern"] == "work") for r in rows)
    assert all(r["polarity"] in ("supports", "opposes", "none") for r in rows)
    assert {r["pos"] for r in rows if r["pattern"] == "deed"} == {"VERB"}
    assert len(evaluation_words()) == len(rows)  # no (lemma, pos) twice
    assert set(report_verbs().values()) == {"speech", "judge", "cause"}


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ('"Senator Brody did a terrific job for this state," Governor Walsh said.',
     {("Walsh", "supports", "Brody", False, False)}),
    ("Walsh told reporters that Brody had lied to the committee.", {("Walsh", "opposes", "Brody", False, False)}),
    ("Walsh said Brody had not failed the voters.", {("Walsh", "opposes", "Brody", True, False)}),
    ("Walsh said Brody might have lied to the committee.", {("Walsh", "opposes", "Brody", False, True)}),
    ('"It was a long and difficult day for everyone," Walsh said.', set()),
    ('"The new budget is a disaster," Walsh said.', set()),
])
def test_evaluations_through_the_model(nlp: Language, text: str, expected: Found) -> None:
    found = {(c.subject.text.split()[-1], c.relation, c.object.text.split()[-1], c.negated, c.hedged)
             for c in extract_stance(nlp(text), "t") if c.extractor == NAME}
    assert found == expected


def _lifted(rows: list[Row]) -> set[tuple[str, str, str]]:
    from extractors.affiliation.rules import extract_affiliation
    from extractors.speakers import lift_to_organisations

    doc = make_doc(rows)
    claims = [*extract_stance(doc, "t"), *extract_affiliation(doc, "t")]
    return {(c.subject.text, c.relation, c.object.text) for c in lift_to_organisations(claims)
            if c.relation != "affiliated_with"}


def _titled(first: Row, org: Row) -> list[Row]:
    """"[Former] ORG Spokesman Jens Berg condemned Moscow"."""
    rows = [first] if first[0] else []
    k = len(rows)
    rows += [(org[0], k + 2, "compound", "PROPN", org[4], org[5]),
             ("Spokesman", k + 3, "compound", "PROPN", "spokesman", "O"),
             ("Jens", k + 3, "compound", "PROPN", "Jens", "B-PERSON"),
             ("Berg", k + 4, "nsubj", "PROPN", "Berg", "I-PERSON"),
             ("condemned", k + 4, "ROOT", "VERB", "condemn", "O"),
             ("Moscow", k + 4, "dobj", "PROPN", "Moscow", "B-GPE")]
    return rows


def test_a_former_spokesman_and_a_party_adjective_do_not_speak_for_the_organisation() -> None:
    nato: Row = ("NATO", 0, "", "", "NATO", "B-ORG")
    none: Row = ("", 0, "", "", "", "")
    former: Row = ("Former", 3, "amod", "ADJ", "former", "O")
    assert ("NATO", "opposes", "Moscow") in _lifted(_titled(none, nato))
    assert ("NATO", "opposes", "Moscow") not in _lifted(_titled(former, nato))
    republican: Row = ("Republican", 0, "", "", "Republican", "B-NORP")
    assert ("Republican", "opposes", "Moscow") not in _lifted(_titled(none, republican))


def test_a_possessed_title_with_an_appositive_name_is_that_person() -> None:
    # "Walsh's lawyer, Anna Berg, praised Hale": Berg praises, not Walsh.
    doc = make_doc([("Walsh", 2, "poss", "PROPN", "Walsh", "B-PERSON"), ("'s", 0, "case", "PART", "'s", "O"),
                    ("lawyer", 7, "nsubj", "NOUN", "lawyer", "O"), (",", 2, "punct", "PUNCT", ",", "O"),
                    ("Anna", 5, "compound", "PROPN", "Anna", "B-PERSON"),
                    ("Berg", 2, "appos", "PROPN", "Berg", "I-PERSON"), (",", 2, "punct", "PUNCT", ",", "O"),
                    ("praised", 7, "ROOT", "VERB", "praise", "O"),
                    ("Hale", 7, "dobj", "PROPN", "Hale", "B-PERSON")])
    assert {(c.subject.text, c.relation, c.object.text) for c in extract_stance(doc, "t")} == {
        ("Anna Berg", "supports", "Hale")}
