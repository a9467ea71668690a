"""Rule tests of ``affiliation.v1`` on hand-built parses (no model): each pattern, and each trap it must avoid."""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.affiliation.rules import extract_affiliation
from tests.test_rules import make_doc

Row = tuple[str, int, str, str, str, str]  # word, head index, dep, pos, lemma, entity IOB tag


def found(doc: Doc) -> set[tuple[str, str, str | None]]:
    return {(c.subject.text, c.object.text, c.role) for c in extract_affiliation(doc, "t")}


def patterns(doc: Doc) -> set[str]:
    return {dict(c.extras)["pattern"] for c in extract_affiliation(doc, "t")}


def test_title_keeps_every_word_of_the_role() -> None:
    doc = make_doc([
        ("NATO", 4, "compound", "PROPN", "NATO", "B-ORG"),
        ("Secretary", 2, "compound", "PROPN", "Secretary", "O"),
        ("General", 4, "compound", "PROPN", "General", "O"),
        ("Jens", 4, "compound", "PROPN", "Jens", "B-PERSON"),
        ("Stoltenberg", 5, "nsubj", "PROPN", "Stoltenberg", "I-PERSON"),
        ("spoke", 5, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == {("Jens Stoltenberg", "NATO", "secretary general")}


def test_rank_inside_the_name_is_trimmed() -> None:
    doc = make_doc([
        ("Colonel", 2, "compound", "PROPN", "Colonel", "B-PERSON"),
        ("Dan", 2, "compound", "PROPN", "Dan", "I-PERSON"),
        ("Rice", 6, "nsubj", "PROPN", "Rice", "I-PERSON"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("the", 5, "det", "DET", "the", "B-ORG"),
        ("Command", 3, "pobj", "PROPN", "Command", "I-ORG"),
        ("spoke", 6, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == {("Dan Rice", "the Command", None)}
    assert patterns(doc) == {"name-prep"}


def test_place_after_a_name_is_not_an_employer() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Hall", 4, "nsubj", "PROPN", "Hall", "I-PERSON"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("Miami", 2, "pobj", "PROPN", "Miami", "B-GPE"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == set()


def test_predicate_role_with_its_organisation() -> None:
    doc = make_doc([
        ("Barrett", 1, "nsubj", "PROPN", "Barrett", "B-PERSON"),
        ("is", 1, "ROOT", "AUX", "be", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("member", 1, "attr", "NOUN", "member", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("the", 6, "det", "DET", "the", "B-ORG"),
        ("Commission", 4, "pobj", "PROPN", "Commission", "I-ORG"),
    ])
    assert found(doc) == {("Barrett", "the Commission", "member")}


def test_nationality_is_not_an_affiliation_but_a_state_post_is() -> None:
    def doc_for(det: str, role: str) -> Doc:
        return make_doc([
            ("Ole", 1, "compound", "PROPN", "Ole", "B-PERSON"),
            ("Berg", 2, "nsubj", "PROPN", "Berg", "I-PERSON"),
            ("is", 2, "ROOT", "AUX", "be", "O"),
            (det, 5, "det", "DET", det, "O"),
            ("German", 5, "amod", "ADJ", "german", "B-NORP"),
            (role, 2, "attr", "NOUN", role, "O"),
        ])
    assert found(doc_for("a", "politician")) == set()
    assert found(doc_for("the", "chancellor")) == {("Ole Berg", "German", "chancellor")}


def test_party_word_is_an_affiliation_for_any_role() -> None:
    doc = make_doc([
        ("Ole", 1, "compound", "PROPN", "Ole", "B-PERSON"),
        ("Berg", 2, "nsubj", "PROPN", "Berg", "I-PERSON"),
        ("was", 2, "ROOT", "AUX", "be", "O"),
        ("a", 5, "det", "DET", "a", "O"),
        ("Republican", 5, "amod", "ADJ", "republican", "B-NORP"),
        ("member", 2, "attr", "NOUN", "member", "O"),
    ])
    assert found(doc) == {("Ole Berg", "Republican", "member")}


def test_place_of_work_before_a_role_is_not_an_employer() -> None:
    doc = make_doc([
        ("the", 3, "det", "DET", "the", "O"),
        ("Boston", 2, "compound", "PROPN", "Boston", "B-GPE"),
        ("attorney", 3, "compound", "NOUN", "attorney", "O"),
        ("Kim", 4, "nsubj", "PROPN", "Kim", "B-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == set()


def test_truncated_organisation_names_nothing() -> None:
    doc = make_doc([
        ("Kim", 0, "ROOT", "PROPN", "Kim", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("spokesman", 0, "appos", "NOUN", "spokesman", "O"),
        ("for", 2, "prep", "ADP", "for", "O"),
        ("Office", 3, "pobj", "PROPN", "Office", "B-ORG"),
        ("of", 4, "prep", "ADP", "of", "I-ORG"),
        ("the", 5, "pobj", "DET", "the", "I-ORG"),
    ])
    assert found(doc) == set()


def test_verb_with_as_role_and_outlet_spoken_to() -> None:
    doc = make_doc([
        ("Kim", 1, "nsubj", "PROPN", "Kim", "B-PERSON"),
        ("joined", 1, "ROOT", "VERB", "join", "O"),
        ("NATO", 1, "dobj", "PROPN", "NATO", "B-ORG"),
        ("as", 1, "prep", "ADP", "as", "O"),
        ("an", 5, "det", "DET", "an", "O"),
        ("adviser", 3, "pobj", "NOUN", "adviser", "O"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("told", 1, "conj", "VERB", "tell", "O"),
        ("Reuters", 7, "dobj", "PROPN", "Reuters", "B-ORG"),
    ])
    assert found(doc) == {("Kim", "NATO", "adviser")}


def test_negated_verb_is_no_affiliation() -> None:
    doc = make_doc([
        ("Kim", 2, "nsubj", "PROPN", "Kim", "B-PERSON"),
        ("never", 2, "neg", "ADV", "never", "O"),
        ("joined", 2, "ROOT", "VERB", "join", "O"),
        ("NATO", 2, "dobj", "PROPN", "NATO", "B-ORG"),
    ])
    assert found(doc) == set()


def test_name_the_model_took_for_an_organisation_with_a_role_apposition() -> None:
    doc = make_doc([
        ("Harrington", 5, "nsubj", "PROPN", "Harrington", "B-ORG"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("professor", 0, "appos", "NOUN", "professor", "O"),
        ("at", 2, "prep", "ADP", "at", "O"),
        ("Yale", 3, "pobj", "PROPN", "Yale", "B-ORG"),
        ("died", 5, "ROOT", "VERB", "die", "O"),
    ])
    assert found(doc) == {("Harrington", "Yale", "professor")}


def test_post_tagged_as_a_person_is_not_a_person() -> None:
    doc = make_doc([
        ("Managing", 1, "compound", "PROPN", "Managing", "B-PERSON"),
        ("Director", 1, "ROOT", "PROPN", "director", "I-PERSON"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("Acme", 2, "pobj", "PROPN", "Acme", "B-ORG"),
    ])
    assert found(doc) == set()


def test_leader_named_as_the_agent_of_led_by() -> None:
    doc = make_doc([
        ("the", 2, "det", "DET", "the", "B-ORG"),
        ("Labor", 2, "compound", "PROPN", "Labor", "I-ORG"),
        ("Party", 7, "nsubj", "PROPN", "Party", "I-ORG"),
        ("led", 2, "acl", "VERB", "lead", "O"),
        ("by", 3, "agent", "ADP", "by", "O"),
        ("Bob", 6, "compound", "PROPN", "Bob", "B-PERSON"),
        ("Hawke", 4, "pobj", "PROPN", "Hawke", "I-PERSON"),
        ("won", 7, "ROOT", "VERB", "win", "O"),
    ])
    assert found(doc) == {("Bob Hawke", "the Labor Party", "leader")}


def test_persons_party_but_not_persons_book() -> None:
    def doc_for(last: str) -> Doc:
        return make_doc([
            ("Kim", 1, "compound", "PROPN", "Kim", "B-PERSON"),
            ("Lee", 4, "poss", "PROPN", "Lee", "I-PERSON"),
            ("'s", 1, "case", "PART", "'s", "O"),
            ("Green", 4, "compound", "PROPN", "Green", "B-ORG"),
            (last, 5, "nsubj", "PROPN", last.lower(), "I-ORG"),
            ("won", 5, "ROOT", "VERB", "win", "O"),
        ])
    assert found(doc_for("Party")) == {("Kim Lee", "Green Party", None)}
    assert found(doc_for("Dreams")) == set()


def test_organisation_on_the_copula_of_a_predicate_role() -> None:
    doc = make_doc([
        ("Kim", 1, "nsubj", "PROPN", "Kim", "B-PERSON"),
        ("was", 1, "ROOT", "AUX", "be", "O"),
        ("comptroller", 1, "attr", "NOUN", "comptroller", "O"),
        ("at", 1, "prep", "ADP", "at", "O"),
        ("Yale", 3, "pobj", "PROPN", "Yale", "B-ORG"),
    ])
    assert found(doc) == {("Kim", "Yale", "comptroller")}
    assert patterns(doc) == {"predicate-copula"}


def test_untagged_surname_subject_of_an_affiliation_verb() -> None:
    doc = make_doc([
        ("Harrington", 1, "nsubj", "PROPN", "Harrington", "O"),
        ("taught", 1, "ROOT", "VERB", "teach", "O"),
        ("at", 1, "prep", "ADP", "at", "O"),
        ("Harvard", 2, "pobj", "PROPN", "Harvard", "B-ORG"),
    ])
    assert found(doc) == {("Harrington", "Harvard", None)}
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("Council", 2, "nsubj", "PROPN", "Council", "O"),
        ("joined", 2, "ROOT", "VERB", "join", "O"),
        ("NATO", 2, "dobj", "PROPN", "NATO", "B-ORG"),
    ])
    assert found(doc) == set()


def test_who_relative_clause_shares_the_subject() -> None:
    doc = make_doc([
        ("Kim", 5, "nsubj", "PROPN", "Kim", "B-PERSON"),
        ("who", 2, "nsubj", "PRON", "who", "O"),
        ("heads", 0, "relcl", "VERB", "head", "O"),
        ("Oxfam", 2, "dobj", "PROPN", "Oxfam", "B-ORG"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("spoke", 5, "ROOT", "VERB", "speak", "O"),
    ], )
    doc[1].tag_ = "WP"
    assert found(doc) == {("Kim", "Oxfam", "head")}


def test_untagged_acronym_before_a_title_is_the_organisation() -> None:
    def doc_for(first: str) -> Doc:
        return make_doc([
            (first, 1, "compound", "PROPN", first, "O"),
            ("Secretary", 3, "compound", "PROPN", "Secretary", "O"),
            ("Luis", 3, "compound", "PROPN", "Luis", "B-PERSON"),
            ("Cobos", 4, "nsubj", "PROPN", "Cobos", "I-PERSON"),
            ("signed", 4, "ROOT", "VERB", "sign", "O"),
        ])
    assert found(doc_for("CNTP")) == {("Luis Cobos", "CNTP", "secretary")}
    assert found(doc_for("Party")) == set()


def test_coordinated_people_share_a_name_preposition() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 7, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("Bo", 4, "compound", "PROPN", "Bo", "B-PERSON"),
        ("Li", 1, "conj", "PROPN", "Li", "I-PERSON"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("NATO", 5, "pobj", "PROPN", "NATO", "B-ORG"),
        ("spoke", 7, "ROOT", "VERB", "speak", "O"),
        (".", 7, "punct", "PUNCT", ".", "O"),
    ])
    assert found(doc) == {("Ann Roe", "NATO", None), ("Bo Li", "NATO", None)}


def test_a_conjunct_with_its_own_phrase_does_not_share() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 9, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("for", 1, "prep", "ADP", "for", "O"),
        ("Kent", 2, "pobj", "PROPN", "Kent", "B-GPE"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("Bo", 6, "compound", "PROPN", "Bo", "B-PERSON"),
        ("Li", 1, "conj", "PROPN", "Li", "I-PERSON"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("NATO", 7, "pobj", "PROPN", "NATO", "B-ORG"),
        ("spoke", 9, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == {("Bo Li", "NATO", None)}


def test_a_name_after_a_common_noun_is_the_organisation() -> None:
    doc = make_doc([
        ("Bo", 1, "compound", "PROPN", "Bo", "B-PERSON"),
        ("Li", 8, "nsubj", "PROPN", "Li", "I-PERSON"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("Mexican", 6, "amod", "ADJ", "mexican", "B-NORP"),
        ("pop", 6, "compound", "NOUN", "pop", "O"),
        ("group", 2, "pobj", "NOUN", "group", "O"),
        ("RBD", 6, "appos", "PROPN", "RBD", "B-ORG"),
        ("sang", 8, "ROOT", "VERB", "sing", "O"),
    ])
    assert found(doc) == {("Bo Li", "RBD", None)}


def test_as_a_party_word_is_party_membership() -> None:
    doc = make_doc([
        ("Thurman", 2, "nsubjpass", "PROPN", "Thurman", "B-PERSON"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("elected", 2, "ROOT", "VERB", "elect", "O"),
        ("as", 2, "prep", "ADP", "as", "O"),
        ("a", 6, "det", "DET", "a", "O"),
        ("Christian", 6, "compound", "PROPN", "Christian", "B-NORP"),
        ("Democrat", 3, "pobj", "PROPN", "Democrat", "B-NORP"),
    ])
    assert found(doc) == {("Thurman", "Christian Democrat", "member")}


def test_as_a_nationality_is_no_party() -> None:
    doc = make_doc([
        ("Thurman", 2, "nsubjpass", "PROPN", "Thurman", "B-PERSON"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("elected", 2, "ROOT", "VERB", "elect", "O"),
        ("as", 2, "prep", "ADP", "as", "O"),
        ("a", 5, "det", "DET", "a", "O"),
        ("German", 3, "pobj", "PROPN", "German", "B-NORP"),
    ])
    assert found(doc) == set()


def test_a_party_nomination_sought_is_party_membership() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("sought", 2, "ROOT", "VERB", "seek", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("Republican", 5, "amod", "ADJ", "republican", "B-NORP"),
        ("nomination", 2, "dobj", "NOUN", "nomination", "O"),
    ])
    assert found(doc) == {("Ann Roe", "Republican", None)}


def test_an_untagged_party_in_brackets_after_the_name() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 6, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("(", 1, "punct", "PUNCT", "(", "O"),
        ("Progress", 4, "compound", "PROPN", "Progress", "O"),
        ("Party", 1, "appos", "PROPN", "Party", "O"),
        (")", 1, "punct", "PUNCT", ")", "O"),
        ("won", 6, "ROOT", "VERB", "win", "O"),
    ])
    assert found(doc) == {("Ann Roe", "Progress Party", None)}
    assert patterns(doc) == {"bracket-party"}


def test_a_who_clause_on_the_predicate_noun_is_about_the_person() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("was", 2, "ROOT", "AUX", "be", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("politician", 2, "attr", "NOUN", "politician", "O"),
        ("who", 6, "nsubj", "PRON", "who", "O"),
        ("served", 4, "relcl", "VERB", "serve", "O"),
        ("as", 6, "prep", "ADP", "as", "O"),
        ("mayor", 7, "pobj", "NOUN", "mayor", "O"),
        ("of", 8, "prep", "ADP", "of", "O"),
        ("Calgary", 9, "pobj", "PROPN", "Calgary", "B-GPE"),
    ])
    doc[5].tag_ = "WP"
    assert found(doc) == {("Ann Roe", "Calgary", "mayor")}


def test_a_participle_on_the_apposition_is_about_the_person() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 9, "nsubj", "PROPN", "Roe", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("forward", 1, "appos", "NOUN", "forward", "O"),
        ("playing", 4, "acl", "VERB", "play", "O"),
        ("for", 5, "prep", "ADP", "for", "O"),
        ("Graz", 8, "compound", "PROPN", "Graz", "B-ORG"),
        ("EC", 6, "pobj", "PROPN", "EC", "I-ORG"),
        ("scored", 9, "ROOT", "VERB", "score", "O"),
    ])
    doc[5].tag_ = "VBG"
    assert ("Ann Roe", "Graz EC") in {(p, o) for p, o, _ in found(doc)}


def test_a_role_subject_with_the_name_as_predicate() -> None:
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("president", 4, "nsubj", "NOUN", "president", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("RBF", 2, "pobj", "PROPN", "RBF", "B-ORG"),
        ("is", 4, "ROOT", "AUX", "be", "O"),
        ("Ann", 6, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 4, "attr", "PROPN", "Roe", "I-PERSON"),
    ])
    assert found(doc) == {("Ann Roe", "RBF", "president")}


def test_the_person_under_whom_a_party_stands_leads_it() -> None:
    doc = make_doc([
        ("She", 1, "nsubj", "PRON", "she", "O"),
        ("led", 1, "ROOT", "VERB", "lead", "O"),
        ("the", 4, "det", "DET", "the", "B-ORG"),
        ("Labour", 4, "compound", "PROPN", "Labour", "I-ORG"),
        ("Party", 1, "dobj", "PROPN", "Party", "I-ORG"),
        ("under", 4, "prep", "ADP", "under", "O"),
        ("Ann", 7, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 5, "pobj", "PROPN", "Roe", "I-PERSON"),
    ])
    assert found(doc) == {("Ann Roe", "the Labour Party", "leader")}


def test_under_with_two_organisations_names_none() -> None:
    doc = make_doc([
        ("Under", 5, "prep", "ADP", "under", "O"),
        ("Ann", 2, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 0, "pobj", "PROPN", "Roe", "I-PERSON"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("NATO", 5, "nsubj", "PROPN", "NATO", "B-ORG"),
        ("fought", 5, "ROOT", "VERB", "fight", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("Taliban", 5, "dobj", "PROPN", "Taliban", "B-ORG"),
    ])
    assert found(doc) == set()


def test_what_a_person_formed_is_an_organisation_even_if_tagged_as_a_person() -> None:
    doc = make_doc([
        ("Joy", 1, "compound", "PROPN", "Joy", "B-PERSON"),
        ("Division", 3, "nsubjpass", "PROPN", "Division", "I-PERSON"),
        ("was", 3, "auxpass", "AUX", "be", "O"),
        ("formed", 3, "ROOT", "VERB", "form", "O"),
        ("by", 3, "agent", "ADP", "by", "O"),
        ("Ann", 6, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 4, "pobj", "PROPN", "Roe", "I-PERSON"),
    ])
    assert found(doc) == {("Ann Roe", "Joy Division", "founder")}


def test_a_person_led_by_a_person_is_no_organisation() -> None:
    doc = make_doc([
        ("Joy", 1, "compound", "PROPN", "Joy", "B-PERSON"),
        ("Roe", 3, "nsubjpass", "PROPN", "Roe", "I-PERSON"),
        ("was", 3, "auxpass", "AUX", "be", "O"),
        ("led", 3, "ROOT", "VERB", "lead", "O"),
        ("by", 3, "agent", "ADP", "by", "O"),
        ("Ann", 6, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Lee", 4, "pobj", "PROPN", "Lee", "I-PERSON"),
    ])
    assert found(doc) == set()


def test_a_band_name_after_band_is_an_organisation_whatever_its_tag() -> None:
    doc = make_doc([
        ("Bo", 1, "compound", "PROPN", "Bo", "B-PERSON"),
        ("Li", 7, "nsubj", "PROPN", "Li", "I-PERSON"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("rock", 5, "compound", "NOUN", "rock", "O"),
        ("band", 2, "pobj", "NOUN", "band", "O"),
        ("Tin", 5, "appos", "PROPN", "Tin", "B-PERSON"),
        ("sang", 7, "ROOT", "VERB", "sing", "O"),
    ])
    assert found(doc) == {("Bo Li", "Tin", None)}


def test_a_person_after_a_common_noun_that_is_no_organisation_stays_a_person() -> None:
    doc = make_doc([
        ("Bo", 1, "compound", "PROPN", "Bo", "B-PERSON"),
        ("Li", 7, "nsubj", "PROPN", "Li", "I-PERSON"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("famous", 5, "amod", "ADJ", "famous", "O"),
        ("painter", 2, "pobj", "NOUN", "painter", "O"),
        ("Tin", 5, "appos", "PROPN", "Tin", "B-PERSON"),
        ("sang", 7, "ROOT", "VERB", "sing", "O"),
    ])
    assert found(doc) == set()


def test_elected_to_a_chamber_is_membership() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 3, "nsubjpass", "PROPN", "Roe", "I-PERSON"),
        ("was", 3, "auxpass", "AUX", "be", "O"),
        ("elected", 3, "ROOT", "VERB", "elect", "O"),
        ("to", 3, "prep", "ADP", "to", "O"),
        ("the", 6, "det", "DET", "the", "B-ORG"),
        ("Senate", 4, "pobj", "PROPN", "Senate", "I-ORG"),
        ("in", 3, "prep", "ADP", "in", "O"),
        ("Ohio", 7, "pobj", "PROPN", "Ohio", "B-GPE"),
    ])
    assert found(doc) == {("Ann Roe", "the Senate", "member")}


def test_a_verb_reaches_the_organisation_of_a_unit() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("serves", 2, "ROOT", "VERB", "serve", "O"),
        ("on", 2, "prep", "ADP", "on", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("board", 3, "pobj", "NOUN", "board", "O"),
        ("of", 5, "prep", "ADP", "of", "O"),
        ("NATO", 6, "pobj", "PROPN", "NATO", "B-ORG"),
    ])
    assert {(p, o) for p, o, _ in found(doc)} == {("Ann Roe", "NATO")}


def test_leaving_an_organisation_is_former_membership_unless_negated() -> None:
    rows: list[Row] = [
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("left", 2, "ROOT", "VERB", "leave", "O"),
        ("the", 5, "det", "DET", "the", "B-ORG"),
        ("Labour", 5, "compound", "PROPN", "Labour", "I-ORG"),
        ("Party", 2, "dobj", "PROPN", "Party", "I-ORG"),
    ]
    assert found(make_doc(rows)) == {("Ann Roe", "the Labour Party", "former member")}
    negated = make_doc([rows[0], ("Roe", 3, "nsubj", "PROPN", "Roe", "I-PERSON"),
                        ("never", 3, "neg", "PART", "never", "O"), ("left", 3, "ROOT", "VERB", "leave", "O"),
                        ("the", 6, "det", "DET", "the", "B-ORG"), ("Labour", 6, "compound", "PROPN", "Labour", "I-ORG"),
                        ("Party", 3, "dobj", "PROPN", "Party", "I-ORG")])
    assert found(negated) == set()


def test_a_monarch_with_a_regnal_number_of_a_state() -> None:
    doc = make_doc([
        ("King", 2, "compound", "PROPN", "King", "O"),
        ("Philip", 2, "compound", "PROPN", "Philip", "O"),
        ("V", 5, "nsubj", "PROPN", "V", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("Spain", 3, "pobj", "PROPN", "Spain", "B-GPE"),
        ("died", 5, "ROOT", "VERB", "die", "O"),
    ])
    assert found(doc) == {("Philip V", "Spain", "monarch")}


def test_a_family_suffix_is_no_regnal_number() -> None:
    doc = make_doc([
        ("Adlai", 2, "compound", "PROPN", "Adlai", "O"),
        ("Stevenson", 2, "compound", "PROPN", "Stevenson", "O"),
        ("II", 5, "nsubj", "PROPN", "II", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("Illinois", 3, "pobj", "PROPN", "Illinois", "B-GPE"),
        ("spoke", 5, "ROOT", "VERB", "speak", "O"),
    ])
    assert found(doc) == set()


def test_a_name_parsed_as_conjunct_of_a_role_after_a_comma_is_its_apposition() -> None:
    rows: list[Row] = [
        ("the", 1, "det", "DET", "the", "O"),
        ("President", 7, "nsubj", "PROPN", "President", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("Poland", 2, "pobj", "PROPN", "Poland", "B-GPE"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("Lech", 6, "compound", "PROPN", "Lech", "B-PERSON"),
        ("Walesa", 1, "conj", "PROPN", "Walesa", "I-PERSON"),
        ("spoke", 7, "ROOT", "VERB", "speak", "O"),
    ]
    assert found(make_doc(rows)) == {("Lech Walesa", "Poland", "president")}
    rows[4] = ("and", 1, "cc", "CCONJ", "and", "O")  # "the President of Poland and Lech Walesa": two people
    assert found(make_doc(rows)) == set()


def test_a_role_in_apposition_to_the_predicate_noun() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("was", 2, "ROOT", "AUX", "be", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("sociologist", 2, "attr", "NOUN", "sociologist", "O"),
        (",", 4, "punct", "PUNCT", ",", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("president", 4, "appos", "NOUN", "president", "O"),
        ("of", 7, "prep", "ADP", "of", "O"),
        ("Fisk", 10, "compound", "PROPN", "Fisk", "B-ORG"),
        ("University", 8, "pobj", "PROPN", "University", "I-ORG"),
    ])
    assert found(doc) == {("Ann Roe", "Fisk University", "president")}


def test_the_possessor_of_a_post_noun_holds_it_at_the_organisation() -> None:
    rows: list[Row] = [
        ("Roe", 2, "poss", "PROPN", "Roe", "B-PERSON"),
        ("'s", 0, "case", "PART", "'s", "O"),
        ("leadership", 6, "nsubj", "NOUN", "leadership", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("the", 5, "det", "DET", "the", "B-ORG"),
        ("Bank", 3, "pobj", "PROPN", "Bank", "I-ORG"),
        ("ended", 6, "ROOT", "VERB", "end", "O"),
    ]
    assert found(make_doc(rows)) == {("Roe", "the Bank", "leader")}
    rows[2] = ("book", 6, "nsubj", "NOUN", "book", "O")  # "Roe's book of the Bank": no post
    assert found(make_doc(rows)) == set()


def test_an_as_role_takes_the_organisation_on_its_verb() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("served", 2, "ROOT", "VERB", "serve", "O"),
        ("as", 2, "prep", "ADP", "as", "O"),
        ("an", 5, "det", "DET", "an", "O"),
        ("editor", 3, "pobj", "NOUN", "editor", "O"),
        ("for", 2, "prep", "ADP", "for", "O"),
        ("the", 8, "det", "DET", "the", "B-ORG"),
        ("Times", 6, "pobj", "PROPN", "Times", "I-ORG"),
    ])
    assert found(doc) == {("Ann Roe", "the Times", "editor")}


def test_one_of_the_role_holders_of_an_organisation() -> None:
    doc = make_doc([
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("is", 2, "ROOT", "AUX", "be", "O"),
        ("one", 2, "attr", "NUM", "one", "B-CARDINAL"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("founders", 4, "pobj", "NOUN", "founder", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("NATO", 7, "pobj", "PROPN", "NATO", "B-ORG"),
    ])
    assert {(p, o) for p, o, _ in found(doc)} == {("Ann Roe", "NATO")}


def test_formerly_of_an_organisation_in_brackets() -> None:
    rows: list[Row] = [
        ("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 8, "nsubj", "PROPN", "Roe", "I-PERSON"),
        ("(", 1, "punct", "PUNCT", "(", "O"),
        ("formerly", 4, "advmod", "ADV", "formerly", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("Tin", 6, "compound", "PROPN", "Tin", "O"),
        ("Harbour", 4, "pobj", "PROPN", "Harbour", "O"),
        (")", 1, "punct", "PUNCT", ")", "O"),
        ("sang", 8, "ROOT", "VERB", "sing", "O"),
    ]
    assert found(make_doc(rows)) == {("Ann Roe", "Tin Harbour", None)}
    rows[6] = ("Harbour", 4, "pobj", "PROPN", "Harbour", "B-GPE")  # "(formerly of London)": a place
    rows[5] = ("Tin", 6, "compound", "PROPN", "Tin", "B-GPE")
    assert found(make_doc(rows)) == set()


def test_a_name_with_an_age_is_a_person_even_when_typed_as_an_organisation() -> None:
    rows: list[Row] = [
        ("Ulf", 1, "compound", "PROPN", "Ulf", "B-ORG"),
        ("Merbold", 8, "nsubj", "PROPN", "Merbold", "I-ORG"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("47", 1, "appos", "NUM", "47", "B-DATE"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("the", 7, "det", "DET", "the", "B-ORG"),
        ("ESA", 5, "pobj", "PROPN", "ESA", "I-ORG"),
        ("spoke", 8, "ROOT", "VERB", "speak", "O"),
    ]
    assert found(make_doc(rows)) == {("Ulf Merbold", "the ESA", None)}
    rows[3] = ("1990", 1, "appos", "NUM", "1990", "B-DATE")  # a year, not an age: still an organisation
    assert found(make_doc(rows)) == set()


def test_a_one_word_organisation_subject_with_his_in_its_clause_is_a_surname() -> None:
    rows: list[Row] = [
        ("Ulrich", 1, "nsubj", "PROPN", "Ulrich", "B-ORG"),
        ("signed", 1, "ROOT", "VERB", "sign", "O"),
        ("for", 1, "prep", "ADP", "for", "O"),
        ("Graz", 4, "compound", "PROPN", "Graz", "B-ORG"),
        ("EC", 2, "pobj", "PROPN", "EC", "I-ORG"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("his", 7, "poss", "PRON", "his", "O"),
        ("brother", 5, "pobj", "NOUN", "brother", "O"),
    ]
    assert {(p, o) for p, o, _ in found(make_doc(rows))} == {("Ulrich", "Graz EC")}
    rows[6] = ("its", 7, "poss", "PRON", "its", "O")  # "Ulrich signed for Graz EC with its brother": a firm
    assert found(make_doc(rows)) == set()


def test_an_untagged_name_of_two_words_before_a_title() -> None:
    rows: list[Row] = [
        ("Tin", 1, "compound", "PROPN", "Tin", "O"),
        ("Harbour", 2, "compound", "PROPN", "Harbour", "O"),
        ("drummer", 4, "compound", "NOUN", "drummer", "O"),
        ("Leo", 4, "compound", "PROPN", "Leo", "B-PERSON"),
        ("Brandt", 5, "nsubj", "PROPN", "Brandt", "I-PERSON"),
        ("left", 5, "ROOT", "VERB", "leave", "O"),
    ]
    assert found(make_doc(rows)) == {("Leo Brandt", "Tin Harbour", "drummer")}
    rows[0] = ("tin", 1, "compound", "NOUN", "tin", "O")  # "tin Harbour drummer": not a name
    assert found(make_doc(rows)) == set()


def test_an_organisation_right_before_a_title_the_parser_split_off() -> None:
    doc = make_doc([
        ("ran", 0, "ROOT", "VERB", "run", "O"),
        ("against", 0, "prep", "ADP", "against", "O"),
        ("Liberal", 3, "compound", "PROPN", "Liberal", "B-ORG"),
        ("Party", 1, "pobj", "PROPN", "Party", "I-ORG"),
        ("of", 3, "prep", "ADP", "of", "I-ORG"),
        ("Canada", 4, "pobj", "PROPN", "Canada", "B-GPE"),
        ("incumbent", 8, "amod", "NOUN", "incumbent", "O"),
        ("Ann", 8, "compound", "PROPN", "Ann", "B-PERSON"),
        ("Roe", 0, "dobj", "PROPN", "Roe", "I-PERSON"),
    ])
    assert found(doc) == {("Ann Roe", "Liberal Party of Canada", "incumbent")}


def test_an_organisation_completed_by_a_place_right_before_the_name() -> None:
    doc = make_doc([
        ("Liberal", 1, "compound", "PROPN", "Liberal", "B-ORG"),
        ("Party", 6, "nsubj", "PROPN", "Party", "I-ORG"),
        ("of", 1, "prep", "ADP", "of", "I-ORG"),
        ("Canada", 2, "pobj", "PROPN", "Canada", "B-GPE"),
        ("Frank", 5, "compound", "PROPN", "Frank", "B-PERSON"),
        ("Oliver", 1, "appos", "PROPN", "Oliver", "I-PERSON"),
        ("won", 6, "ROOT", "VERB", "win", "O"),
    ])
    assert found(doc) == {("Frank Oliver", "Liberal Party of Canada", None)}


def _title_doc(org: list[tuple[str, str]], role: str, name: tuple[str, str] = ("Ken", "Sato")) -> Doc:
    """ORG words, a title and a two-word name, the subject of "spoke": "Home Minister Ken Sato spoke"."""
    n = len(org)
    rows: list[Row] = [(w, n, "compound", "PROPN", w, iob) for w, iob in org]
    rows += [(role, n + 2, "compound", "PROPN", role, "O"),
             (name[0], n + 2, "compound", "PROPN", name[0], "B-PERSON"),
             (name[1], n + 3, "nsubj", "PROPN", name[1], "I-PERSON"),
             ("spoke", n + 3, "ROOT", "VERB", "speak", "O")]
    return make_doc(rows)


def test_a_portfolio_typed_as_an_organisation_is_not_the_employer() -> None:
    assert found(_title_doc([("Home", "B-ORG")], "Minister")) == set()
    assert found(_title_doc([("National", "B-ORG"), ("Security", "I-ORG")], "Advisor")) == set()
    # an organisation noun makes it an organisation again: "Defence Ministry spokesman"
    assert found(_title_doc([("Defence", "B-ORG"), ("Ministry", "I-ORG")], "spokesman")) == {
        ("Ken Sato", "Defence Ministry", "spokesman")}


def test_minister_for_a_portfolio_but_minister_of_the_treasury() -> None:
    def doc(obj: list[tuple[str, str, str]]) -> Doc:
        rows: list[Row] = [("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
                           ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
                           ("is", 2, "ROOT", "AUX", "be", "O"),
                           ("Minister", 2, "attr", "PROPN", "Minister", "O"),
                           ("for", 3, "prep", "ADP", "for", "O")]
        last = len(rows) + len(obj) - 1
        rows += [(w, last if i < len(obj) - 1 else 4, dep, pos, w, iob)
                 for i, (w, pos, iob) in enumerate(obj) for dep in ["pobj" if i == len(obj) - 1 else
                                                                   "det" if pos == "DET" else "compound"]]
        return make_doc(rows)
    assert found(doc([("Social", "PROPN", "B-ORG"), ("Protection", "PROPN", "I-ORG")])) == set()
    assert found(doc([("the", "DET", "B-ORG"), ("Treasury", "PROPN", "I-ORG")])) == {
        ("Ann Roe", "the Treasury", "minister")}


def test_a_capitalised_representative_is_a_legislator_not_a_state_post() -> None:
    us = [("U.S.", "B-GPE")]
    assert found(_title_doc(us, "Representative")) == set()  # a seat in Congress, like "U.S. Senator"
    assert found(_title_doc(us, "Ambassador")) == {("Ken Sato", "U.S.", "ambassador")}


def _who_doc(obj: list[tuple[str, str, str]]) -> Doc:
    """"Ann Roe was a politician in OBJ, who served as mayor of Calgary" with "who" hung on OBJ's head."""
    rows: list[Row] = [("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
                       ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
                       ("was", 2, "ROOT", "AUX", "be", "O"),
                       ("a", 4, "det", "DET", "a", "O"),
                       ("politician", 2, "attr", "NOUN", "politician", "O"),
                       ("in", 4, "prep", "ADP", "in", "O")]
    head = len(rows) + len(obj) - 1
    rows += [(w, head if i < len(obj) - 1 else 5, "compound" if i < len(obj) - 1 else "pobj", pos, w, iob)
             for i, (w, pos, iob) in enumerate(obj)]
    n = len(rows)
    rows += [(",", head, "punct", "PUNCT", ",", "O"),
             ("who", n + 2, "nsubj", "PRON", "who", "O"),
             ("served", head, "relcl", "VERB", "serve", "O"),
             ("as", n + 2, "prep", "ADP", "as", "O"),
             ("mayor", n + 3, "pobj", "NOUN", "mayor", "O"),
             ("of", n + 4, "prep", "ADP", "of", "O"),
             ("Calgary", n + 5, "pobj", "PROPN", "Calgary", "B-GPE")]
    doc = make_doc(rows)
    doc[n + 1].tag_ = "WP"
    return doc


def test_who_clause_hung_on_a_place_in_the_predicate_describes_the_person() -> None:
    doc = _who_doc([("Alberta", "PROPN", "B-GPE")])
    assert found(doc) == {("Ann Roe", "Calgary", "mayor")}
    # "who" hung on another person describes that person
    assert found(_who_doc([("Tom", "PROPN", "B-PERSON"), ("Hall", "PROPN", "I-PERSON")])) \
        <= {("Tom Hall", "Calgary", "mayor")}


def _before_name_doc(org: str) -> Doc:
    return make_doc([(org, 2, "compound", "PROPN", org, "B-ORG"),
                     ("John", 2, "compound", "PROPN", "John", "B-PERSON"),
                     ("Cantwell", 3, "nsubj", "PROPN", "Cantwell", "I-PERSON"),
                     ("spoke", 3, "ROOT", "VERB", "speak", "O")])


def test_one_mixed_case_word_before_a_name_is_a_title_or_given_name_not_an_organisation() -> None:
    assert found(_before_name_doc("Bishop")) == set()  # "Bishop John Cantwell", the model typed it ORG
    assert found(_before_name_doc("UNESCO")) == {("John Cantwell", "UNESCO", None)}


def _possessor_doc(org: list[str], name: list[str]) -> Doc:
    """"ORG 's NAME was released": the ORG words possess the name."""
    n, m = len(org), len(name)
    rows: list[Row] = [(w, n - 1, "compound", "PROPN", w, ("B-ORG" if i == 0 else "I-ORG"))
                       for i, w in enumerate(org[:-1])]
    rows += [(org[-1], n + m, "poss", "PROPN", org[-1], "B-ORG" if n == 1 else "I-ORG"),
             ("'s", n - 1, "case", "PART", "'s", "O")]
    rows += [(w, n + m, "compound", "PROPN", w, "B-PERSON" if i == 0 else "I-PERSON") for i, w in enumerate(name[:-1])]
    rows += [(name[-1], n + m + 1, "nsubj", "PROPN", name[-1], "B-PERSON" if m == 1 else "I-PERSON"),
             ("spoke", n + m + 1, "ROOT", "VERB", "speak", "O")]
    return make_doc(rows)


def test_a_possessor_must_surely_be_an_organisation() -> None:
    assert found(_possessor_doc(["NATO"], ["Jens", "Stoltenberg"])) == {("Jens Stoltenberg", "NATO", None)}
    assert found(_possessor_doc(["Acme", "Union"], ["Ann", "Roe"])) == {("Ann Roe", "Acme Union", None)}
    assert found(_possessor_doc(["Trane"], ["Blues"])) == set()  # a surname typed ORG owning a record


def _to_be_doc(verb: str, obj: tuple[str, str] | None) -> Doc:
    """"Ann Roe VERB [OBJ] to be secretary of the Board"."""
    rows: list[Row] = [("Ann", 1, "compound", "PROPN", "Ann", "B-PERSON"),
                       ("Roe", 2, "nsubj", "PROPN", "Roe", "I-PERSON"),
                       (verb, 2, "ROOT", "VERB", verb, "O")]
    if obj is not None:
        rows += [(obj[0], 4, "compound", "PROPN", obj[0], "B-PERSON"),
                 (obj[1], 2, "dobj", "PROPN", obj[1], "I-PERSON")]
    n = len(rows)
    rows += [("to", n + 1, "aux", "PART", "to", "O"),
             ("be", 2, "xcomp", "AUX", "be", "O"),
             ("secretary", n + 1, "attr", "NOUN", "secretary", "O"),
             ("of", n + 2, "prep", "ADP", "of", "O"),
             ("the", n + 5, "det", "DET", "the", "B-ORG"),
             ("Board", n + 3, "pobj", "PROPN", "Board", "I-ORG")]
    return make_doc(rows)


def test_to_be_a_role_after_a_direct_object_is_the_objects_clause() -> None:
    assert ("Ann Roe", "the Board", "secretary") in found(_to_be_doc("hoped", None))
    assert not any(subject == "Ann Roe" for subject, _, _ in found(_to_be_doc("nominated", ("Tom", "Hall"))))
