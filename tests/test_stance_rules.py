"""Rule tests for stance patterns added for news reading: agent nouns, "X backs Y against Z", noun cues whose
holder is a by/from phrase, titles with an appositive name, and the data file's pattern classes."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.lexicon import stance_cues
from extractors.stance.rules import extract_stance
from tests.test_rules import make_doc, triples


def confidences(doc: Doc) -> dict[tuple[str, str, str], float]:
    return {(c.subject.text, c.relation, c.object.text): c.confidence for c in extract_stance(doc, "t")}


def test_support_against_a_third_party_is_opposition_to_it() -> None:
    doc = make_doc([
        ("Russia", 1, "nsubj", "PROPN", "Russia", "B-GPE"),
        ("backs", 1, "ROOT", "VERB", "back", "O"),
        ("Assad", 1, "dobj", "PROPN", "Assad", "B-PERSON"),
        ("against", 1, "prep", "ADP", "against", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("rebels", 3, "pobj", "NOUN", "rebel", "O"),
    ])
    assert triples(doc) == {("Russia", "supports", "Assad", False, False),
                            ("Russia", "opposes", "rebels", False, False),
                            ("Assad", "opposes", "rebels", False, False)}


def test_appositive_agent_noun_holds_for_the_person_it_describes() -> None:
    # "Gaetz, a Trump supporter, tried to enter": the stance is background fact, not hedged by "tried".
    doc = make_doc([
        ("Gaetz", 6, "nsubj", "PROPN", "Gaetz", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("Trump", 4, "compound", "PROPN", "Trump", "B-PERSON"),
        ("supporter", 0, "appos", "NOUN", "supporter", "O"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("tried", 6, "ROOT", "VERB", "try", "O"),
        ("to", 8, "aux", "PART", "to", "O"),
        ("speak", 6, "xcomp", "VERB", "speak", "O"),
    ])
    assert triples(doc) == {("Gaetz", "supports", "Trump", False, False)}


def test_copular_agent_noun_with_of_phrase_and_negation() -> None:
    # "Cruz is not a critic of Trump": the copula's negation carries over.
    doc = make_doc([
        ("Cruz", 1, "nsubj", "PROPN", "Cruz", "B-PERSON"),
        ("is", 1, "ROOT", "AUX", "be", "O"),
        ("not", 1, "neg", "PART", "not", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("critic", 1, "attr", "NOUN", "critic", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("Trump", 5, "pobj", "PROPN", "Trump", "B-PERSON"),
    ])
    assert triples(doc) == {("Cruz", "opposes", "Trump", True, False)}


def test_noun_cue_holder_from_a_by_phrase() -> None:
    # "the attack on Kobani by the militants"
    doc = make_doc([
        ("the", 1, "det", "DET", "the", "O"),
        ("attack", 1, "ROOT", "NOUN", "attack", "O"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("Kurds", 2, "pobj", "PROPN", "Kurds", "B-NORP"),
        ("by", 1, "prep", "ADP", "by", "O"),
        ("militants", 4, "pobj", "NOUN", "militant", "O"),
    ])
    assert triples(doc) == {("militants", "opposes", "Kurds", False, False)}


def test_title_subject_names_its_appositive_person() -> None:
    # "the president, Joe Biden, accused Trump": the title head names no actor, its apposition does.
    doc = make_doc([
        ("the", 1, "det", "DET", "the", "O"),
        ("president", 5, "nsubj", "NOUN", "president", "O"),
        ("Joe", 3, "compound", "PROPN", "Joe", "B-PERSON"),
        ("Biden", 1, "appos", "PROPN", "Biden", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("accused", 5, "ROOT", "VERB", "accuse", "O"),
        ("Trump", 5, "dobj", "PROPN", "Trump", "B-PERSON"),
    ])
    assert triples(doc) == {("Joe Biden", "opposes", "Trump", False, False)}


def test_explicit_verb_is_more_confident_than_an_inferred_agent_noun() -> None:
    explicit = make_doc([
        ("Gaetz", 1, "nsubj", "PROPN", "Gaetz", "B-PERSON"),
        ("supports", 1, "ROOT", "VERB", "support", "O"),
        ("Trump", 1, "dobj", "PROPN", "Trump", "B-PERSON"),
    ])
    inferred = make_doc([
        ("Gaetz", 0, "ROOT", "PROPN", "Gaetz", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("Trump", 4, "compound", "PROPN", "Trump", "B-PERSON"),
        ("supporter", 0, "appos", "NOUN", "supporter", "O"),
    ])
    key = ("Gaetz", "supports", "Trump")
    assert confidences(explicit)[key] > confidences(inferred)[key]


def test_every_cue_has_a_known_pattern_class() -> None:
    classes = {"cooperate", "aid", "disapprove", "reject", "threaten", "coerce", "assault", "fight"}
    cues = [cue for group in stance_cues().values() for cue in group]
    assert all(cue.cls in classes for cue in cues), {cue.lemma for cue in cues if cue.cls not in classes}
    supportive = {"cooperate", "aid"}
    assert all((cue.cls in supportive) == (cue.polarity == "supports") for cue in cues)


def test_appointee_noun_reverses_the_direction() -> None:
    # "Engelhardt, a Trump appointee": Trump backs Engelhardt, not the other way round.
    doc = make_doc([
        ("Engelhardt", 0, "ROOT", "PROPN", "Engelhardt", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("Trump", 4, "compound", "PROPN", "Trump", "B-PERSON"),
        ("appointee", 0, "appos", "NOUN", "appointee", "O"),
    ])
    assert triples(doc) == {("Trump", "supports", "Engelhardt", False, False)}


def test_possessive_pronoun_holder_is_the_clause_subject() -> None:
    # "Iraqi forces took the campus in their battle with IS"
    doc = make_doc([
        ("Iraqi", 1, "amod", "ADJ", "iraqi", "B-NORP"),
        ("forces", 2, "nsubj", "NOUN", "force", "O"),
        ("took", 2, "ROOT", "VERB", "take", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("campus", 2, "dobj", "NOUN", "campus", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("their", 7, "poss", "PRON", "their", "O"),
        ("battle", 5, "pobj", "NOUN", "battle", "O"),
        ("with", 7, "prep", "ADP", "with", "O"),
        ("IS", 8, "pobj", "PROPN", "IS", "B-ORG"),
    ])
    # a battle *with* someone is fought by both sides
    assert triples(doc) == {("Iraqi forces", "opposes", "IS", False, False),
                            ("IS", "opposes", "Iraqi forces", False, False)}


def _strike_doc(subject: tuple[str, str, str], obj: tuple[str, str, str]) -> Doc:
    return make_doc([
        ("one", 1, "nummod", "NUM", "one", "O"),
        (subject[0], 2, "nsubj", subject[1], subject[2], "O"),
        ("destroyed", 2, "ROOT", "VERB", "destroy", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        (obj[0], 2, "dobj", obj[1], obj[2], "O"),
    ])


def test_assault_cue_hits_things_and_an_assault_noun_stands_for_the_attacker() -> None:
    assert triples(_strike_doc(("strike", "NOUN", "strike"), ("tank", "NOUN", "tank"))) == {
        ("strike", "opposes", "tank", False, False)}


def test_non_assault_cue_and_non_assault_subject_need_actors() -> None:
    # "one storm destroyed a tank": a storm is no attacker; "condemned the bombing" stays without a claim.
    assert triples(_strike_doc(("storm", "NOUN", "storm"), ("tank", "NOUN", "tank"))) == set()
    doc = make_doc([
        ("Turkey", 1, "nsubj", "PROPN", "Turkey", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("bombing", 1, "dobj", "NOUN", "bombing", "O"),
    ])
    assert triples(doc) == set()


def test_party_helped_to_act_shares_the_stance_of_the_purpose_clause() -> None:
    # "the coalition assists Baghdad to defeat ISIL": both oppose ISIL; the helper's is the explicit one.
    doc = make_doc([
        ("coalition", 1, "nsubj", "NOUN", "coalition", "O"),
        ("assists", 1, "ROOT", "VERB", "assist", "O"),
        ("Baghdad", 1, "dobj", "PROPN", "Baghdad", "B-GPE"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("defeat", 1, "advcl", "VERB", "defeat", "O"),
        ("ISIL", 4, "dobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert triples(doc) == {("coalition", "supports", "Baghdad", False, False),
                            ("coalition", "opposes", "ISIL", False, False),
                            ("Baghdad", "opposes", "ISIL", False, False)}
    scores = confidences(doc)
    assert scores[("Baghdad", "opposes", "ISIL")] < scores[("coalition", "opposes", "ISIL")]


def test_passive_control_verb_hands_the_action_to_its_subject() -> None:
    # "Britain is committed to defeating ISIL"
    doc = make_doc([
        ("Britain", 2, "nsubjpass", "PROPN", "Britain", "B-GPE"),
        ("is", 2, "auxpass", "AUX", "be", "O"),
        ("committed", 2, "ROOT", "VERB", "commit", "O"),
        ("to", 2, "prep", "ADP", "to", "O"),
        ("defeating", 3, "pcomp", "VERB", "defeat", "O"),
        ("ISIL", 4, "dobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert triples(doc) == {("Britain", "opposes", "ISIL", False, False)}


def test_noun_cue_target_attached_further_right_in_the_verb_phrase() -> None:
    # "forces conducted strikes using drones against ISIL": the parser hangs "against" on "drones".
    doc = make_doc([
        ("forces", 1, "nsubj", "NOUN", "force", "O"),
        ("conducted", 1, "ROOT", "VERB", "conduct", "O"),
        ("strikes", 1, "dobj", "NOUN", "strike", "O"),
        ("using", 1, "advcl", "VERB", "use", "O"),
        ("drones", 3, "dobj", "NOUN", "drone", "O"),
        ("against", 4, "prep", "ADP", "against", "O"),
        ("ISIL", 5, "pobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert ("forces", "opposes", "ISIL", False, False) not in triples(doc)  # "forces" alone is an anaphor
    doc = make_doc([
        ("Iraqi", 1, "amod", "ADJ", "iraqi", "B-NORP"),
        ("forces", 2, "nsubj", "NOUN", "force", "O"),
        ("conducted", 2, "ROOT", "VERB", "conduct", "O"),
        ("strikes", 2, "dobj", "NOUN", "strike", "O"),
        ("using", 2, "advcl", "VERB", "use", "O"),
        ("drones", 4, "dobj", "NOUN", "drone", "O"),
        ("against", 5, "prep", "ADP", "against", "O"),
        ("ISIL", 6, "pobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert ("Iraqi forces", "opposes", "ISIL", False, False) in triples(doc)


def test_of_two_subjects_the_nearest_before_the_verb_holds_the_stance() -> None:
    # "Near Sinjar, two strikes destroyed a tank": a fronted place mis-parsed as a second subject.
    doc = make_doc([
        ("Near", 1, "compound", "PROPN", "Near", "O"),
        ("Sinjar", 5, "nsubj", "PROPN", "Sinjar", "B-GPE"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("two", 4, "nummod", "NUM", "two", "O"),
        ("strikes", 5, "nsubj", "NOUN", "strike", "O"),
        ("destroyed", 5, "ROOT", "VERB", "destroy", "O"),
        ("a", 7, "det", "DET", "a", "O"),
        ("tank", 5, "dobj", "NOUN", "tank", "O"),
    ])
    assert triples(doc) == {("strikes", "opposes", "tank", False, False)}


def test_coordinated_participle_with_agent_is_passive_on_the_subject_of_be() -> None:
    # "The brigades were armed and trained by Qatar" as parsed: be -> armed (acomp, ADJ) -> trained (conj).
    doc = make_doc([
        ("brigades", 1, "nsubj", "NOUN", "brigade", "O"),
        ("were", 1, "ROOT", "AUX", "be", "O"),
        ("armed", 1, "acomp", "ADJ", "armed", "O"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("trained", 2, "conj", "VERB", "train", "O"),
        ("by", 4, "agent", "ADP", "by", "O"),
        ("Qatar", 5, "pobj", "PROPN", "Qatar", "B-GPE"),
    ])
    assert triples(doc) == {("Qatar", "supports", "brigades", False, False)}


def test_things_and_attack_nouns_in_actor_slots_weigh_less_than_actors() -> None:
    thing = confidences(_strike_doc(("strike", "NOUN", "strike"), ("tank", "NOUN", "tank")))
    actors = confidences(make_doc([
        ("Israel", 1, "nsubj", "PROPN", "Israel", "B-GPE"),
        ("destroyed", 1, "ROOT", "VERB", "destroy", "O"),
        ("Hamas", 1, "dobj", "PROPN", "Hamas", "B-ORG"),
    ]))
    assert thing[("strike", "opposes", "tank")] < actors[("Israel", "opposes", "Hamas")]


def test_list_parsed_as_apposition_with_conjuncts_distributes() -> None:
    # "Britain, France and Germany condemned Iran" parsed as Britain -> France (appos) -> Germany (conj).
    doc = make_doc([
        ("Britain", 5, "nsubj", "PROPN", "Britain", "B-GPE"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("France", 0, "appos", "PROPN", "France", "B-GPE"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("Germany", 2, "conj", "PROPN", "Germany", "B-GPE"),
        ("condemned", 5, "ROOT", "VERB", "condemn", "O"),
        ("Iran", 5, "dobj", "PROPN", "Iran", "B-GPE"),
    ])
    assert {s for s, *_ in triples(doc)} == {"Britain", "France", "Germany"}


def test_a_plain_apposition_is_not_a_second_holder() -> None:
    # "Jones, a senator, condemned Iran": one holder.
    doc = make_doc([
        ("Jones", 4, "nsubj", "PROPN", "Jones", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("senator", 0, "appos", "NOUN", "senator", "O"),
        ("condemned", 4, "ROOT", "VERB", "condemn", "O"),
        ("Iran", 4, "dobj", "PROPN", "Iran", "B-GPE"),
    ])
    assert triples(doc) == {("Jones", "opposes", "Iran", False, False)}


def test_actor_noun_modifying_a_target_names_the_target_actor() -> None:
    # "the rebels attacked government positions": the government, weighed a little less than a direct object.
    doc = make_doc([
        ("rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("attacked", 1, "ROOT", "VERB", "attack", "O"),
        ("government", 3, "compound", "NOUN", "government", "O"),
        ("positions", 1, "dobj", "NOUN", "position", "O"),
    ])
    assert triples(doc) == {("rebels", "opposes", "government", False, False)}
    assert confidences(doc)[("rebels", "opposes", "government")] < 0.9 * 1.0


def test_at_the_hands_of_names_the_attacker_of_the_clause_subject() -> None:
    # "Thousands of Kurds were killed at the hands of the militia": the militia opposes the Kurds.
    doc = make_doc([
        ("Thousands", 4, "nsubjpass", "NOUN", "thousand", "B-CARDINAL"),
        ("of", 0, "prep", "ADP", "of", "O"),
        ("Kurds", 1, "pobj", "PROPN", "Kurds", "B-NORP"),
        ("were", 4, "auxpass", "AUX", "be", "O"),
        ("killed", 4, "ROOT", "VERB", "kill", "O"),
        ("at", 4, "prep", "ADP", "at", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("hands", 5, "pobj", "NOUN", "hand", "O"),
        ("of", 7, "prep", "ADP", "of", "O"),
        ("Daesh", 8, "pobj", "PROPN", "Daesh", "B-ORG"),
    ])
    assert triples(doc) == {("Daesh", "opposes", "Kurds", False, False)}


def test_in_the_hands_of_is_not_an_attack() -> None:
    # "The city is in the hands of the militia": control, not a stance against anyone.
    doc = make_doc([
        ("Mosul", 1, "nsubj", "PROPN", "Mosul", "B-GPE"),
        ("is", 1, "ROOT", "AUX", "be", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("hands", 2, "pobj", "NOUN", "hand", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("Daesh", 5, "pobj", "PROPN", "Daesh", "B-ORG"),
    ])
    assert triples(doc) == set()


def test_relative_clause_on_a_noun_cue_names_the_holder() -> None:
    # "the threat Iran poses to Israel": Iran opposes Israel, at the lower inferred confidence.
    doc = make_doc([
        ("They", 1, "nsubj", "PRON", "they", "O"),
        ("discussed", 1, "ROOT", "VERB", "discuss", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("threat", 1, "dobj", "NOUN", "threat", "O"),
        ("Iran", 5, "nsubj", "PROPN", "Iran", "B-GPE"),
        ("poses", 3, "relcl", "VERB", "pose", "O"),
        ("to", 5, "prep", "ADP", "to", "O"),
        ("Israel", 6, "pobj", "PROPN", "Israel", "B-GPE"),
    ])
    found = confidences(doc)
    assert set(found) == {("Iran", "opposes", "Israel")}
    assert found[("Iran", "opposes", "Israel")] < 0.6


def test_a_threat_warned_of_has_no_holder() -> None:
    # "Washington warned of a threat to Israel": Washington does not threaten Israel.
    doc = make_doc([
        ("Washington", 1, "nsubj", "PROPN", "Washington", "B-GPE"),
        ("warned", 1, "ROOT", "VERB", "warn", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("threat", 2, "pobj", "NOUN", "threat", "O"),
        ("to", 4, "prep", "ADP", "to", "O"),
        ("Israel", 5, "pobj", "PROPN", "Israel", "B-GPE"),
    ])
    assert triples(doc) == set()


def test_possessed_relational_noun_with_a_named_modifier_holds_both_ways() -> None:
    # "Syrian troops and their Hezbollah allies advanced": allies support each other.
    doc = make_doc([
        ("Syrian", 1, "amod", "ADJ", "syrian", "B-NORP"),
        ("troops", 6, "nsubj", "NOUN", "troop", "O"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("their", 5, "poss", "PRON", "their", "O"),
        ("Hezbollah", 5, "compound", "PROPN", "Hezbollah", "B-ORG"),
        ("allies", 1, "conj", "NOUN", "ally", "O"),
        ("advanced", 6, "ROOT", "VERB", "advance", "O"),
    ])
    assert triples(doc) == {("Hezbollah", "supports", "Syrian troops", False, False),
                            ("Syrian troops", "supports", "Hezbollah", False, False)}


def test_an_alliance_modifying_a_relational_noun_is_not_the_ally() -> None:
    # "Turkey and its NATO allies met": the allies are members of NATO, not NATO itself.
    doc = make_doc([
        ("Turkey", 5, "nsubj", "PROPN", "Turkey", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("its", 4, "poss", "PRON", "its", "O"),
        ("NATO", 4, "compound", "PROPN", "NATO", "B-ORG"),
        ("allies", 0, "conj", "NOUN", "ally", "O"),
        ("met", 5, "ROOT", "VERB", "meet", "O"),
    ])
    assert triples(doc) == set()


def test_critics_of_a_possessor_oppose_it_one_way_only() -> None:
    # "Putin's Belarusian critics protested": the Belarusians oppose Putin, not the other way round; the
    # unnamed "Putin's critics" alone would give nothing.
    doc = make_doc([
        ("Putin", 3, "poss", "PROPN", "Putin", "B-PERSON"),
        ("'s", 0, "case", "PART", "'s", "O"),
        ("Belarusian", 3, "amod", "ADJ", "belarusian", "B-NORP"),
        ("critics", 4, "nsubj", "NOUN", "critic", "O"),
        ("protested", 4, "ROOT", "VERB", "protest", "O"),
    ])
    assert triples(doc) == {("Belarusian", "opposes", "Putin", False, False)}


def test_unnamed_possessed_allies_give_no_stance() -> None:
    doc = make_doc([
        ("Russia", 2, "poss", "PROPN", "Russia", "B-GPE"),
        ("'s", 0, "case", "PART", "'s", "O"),
        ("allies", 3, "nsubj", "NOUN", "ally", "O"),
        ("protested", 3, "ROOT", "VERB", "protest", "O"),
    ])
    assert triples(doc) == set()


def test_his_is_bound_to_the_subject_unless_an_actor_object_intervenes() -> None:
    # "Obama expressed his support for Kyiv" binds "his" to Obama; "Obama criticised Trump for his support
    # for Kyiv" could mean either man and gives no support claim.
    bound = make_doc([
        ("Obama", 1, "nsubj", "PROPN", "Obama", "B-PERSON"),
        ("expressed", 1, "ROOT", "VERB", "express", "O"),
        ("his", 3, "poss", "PRON", "his", "O"),
        ("support", 1, "dobj", "NOUN", "support", "O"),
        ("for", 3, "prep", "ADP", "for", "O"),
        ("Kyiv", 4, "pobj", "PROPN", "Kyiv", "B-GPE"),
    ])
    assert triples(bound) == {("Obama", "supports", "Kyiv", False, False)}
    ambiguous = make_doc([
        ("Obama", 1, "nsubj", "PROPN", "Obama", "B-PERSON"),
        ("criticised", 1, "ROOT", "VERB", "criticise", "O"),
        ("Trump", 1, "dobj", "PROPN", "Trump", "B-PERSON"),
        ("for", 1, "prep", "ADP", "for", "O"),
        ("his", 5, "poss", "PRON", "his", "O"),
        ("support", 3, "pobj", "NOUN", "support", "O"),
        ("for", 5, "prep", "ADP", "for", "O"),
        ("Kyiv", 6, "pobj", "PROPN", "Kyiv", "B-GPE"),
    ])
    assert triples(ambiguous) == {("Obama", "opposes", "Trump", False, False)}


def test_a_persons_attack_on_a_thing_is_figurative_but_an_armed_actors_is_not() -> None:
    def attack(holder: str, ent: str) -> Doc:
        return make_doc([
            (holder, 1, "nsubj", "PROPN", holder, ent),
            ("attacked", 1, "ROOT", "VERB", "attack", "O"),
            ("the", 3, "det", "DET", "the", "O"),
            ("bridge", 1, "dobj", "NOUN", "bridge", "O"),
        ])
    assert triples(attack("Trump", "B-PERSON")) == set()
    assert triples(attack("Hezbollah", "B-ORG")) == {("Hezbollah", "opposes", "bridge", False, False)}


def test_supported_party_shares_an_opposition_noun_in_the_same_clause() -> None:
    # "London pledged support for Kyiv in the war against Moscow": Kyiv opposes Moscow too, inferred.
    doc = make_doc([
        ("London", 1, "nsubj", "PROPN", "London", "B-GPE"),
        ("pledged", 1, "ROOT", "VERB", "pledge", "O"),
        ("support", 1, "dobj", "NOUN", "support", "O"),
        ("for", 2, "prep", "ADP", "for", "O"),
        ("Kyiv", 3, "pobj", "PROPN", "Kyiv", "B-GPE"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("war", 5, "pobj", "NOUN", "war", "O"),
        ("against", 7, "prep", "ADP", "against", "O"),
        ("Moscow", 8, "pobj", "PROPN", "Moscow", "B-GPE"),
    ])
    found = confidences(doc)
    assert set(found) == {("London", "supports", "Kyiv"), ("London", "opposes", "Moscow"),
                          ("Kyiv", "opposes", "Moscow")}
    assert found[("Kyiv", "opposes", "Moscow")] < found[("London", "opposes", "Moscow")]


def test_an_opposition_noun_under_another_verb_is_not_shared() -> None:
    # "Tehran gave support to Damascus and imposed sanctions on Riyadh": Damascus is not said to oppose Riyadh.
    doc = make_doc([
        ("Tehran", 1, "nsubj", "PROPN", "Tehran", "B-GPE"),
        ("gave", 1, "ROOT", "VERB", "give", "O"),
        ("support", 1, "dobj", "NOUN", "support", "O"),
        ("to", 2, "prep", "ADP", "to", "O"),
        ("Damascus", 3, "pobj", "PROPN", "Damascus", "B-GPE"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("imposed", 1, "conj", "VERB", "impose", "O"),
        ("sanctions", 6, "dobj", "NOUN", "sanction", "O"),
        ("on", 7, "prep", "ADP", "on", "O"),
        ("Riyadh", 8, "pobj", "PROPN", "Riyadh", "B-GPE"),
    ])
    assert ("Damascus", "opposes", "Riyadh", False, False) not in triples(doc)


def test_participle_modifier_is_understood_of_the_noun_it_modifies() -> None:
    # "Washington sanctioned the militias accused of arming Hezbollah": the militias arm Hezbollah; the
    # sanctioning subject further up must not inherit that support.
    doc = make_doc([
        ("Washington", 1, "nsubj", "PROPN", "Washington", "B-GPE"),
        ("sanctioned", 1, "ROOT", "VERB", "sanction", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("militias", 1, "dobj", "NOUN", "militia", "O"),
        ("accused", 3, "acl", "VERB", "accuse", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("arming", 5, "pcomp", "VERB", "arm", "O"),
        ("Hezbollah", 6, "dobj", "PROPN", "Hezbollah", "B-ORG"),
    ], tags=["NNP", "VBD", "DT", "NNS", "VBN", "IN", "VBG", "NNP"])
    found = triples(doc)
    assert ("militias", "supports", "Hezbollah", False, False) in found
    assert ("Washington", "supports", "Hezbollah", False, False) not in found


def test_a_second_direct_object_from_a_misparsed_list_is_no_target() -> None:
    # "Iran backs the Houthis with money, militia trainers and drones": the parser makes "trainers" a second
    # object of "backs"; what follows the instrument is not backed.
    doc = make_doc([
        ("Iran", 1, "nsubj", "PROPN", "Iran", "B-GPE"),
        ("backs", 1, "ROOT", "VERB", "back", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("Houthis", 1, "dobj", "PROPN", "Houthis", "B-ORG"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("money", 4, "pobj", "NOUN", "money", "O"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("militia", 8, "compound", "NOUN", "militia", "O"),
        ("trainers", 1, "dobj", "NOUN", "trainer", "O"),
    ])
    assert triples(doc) == {("Iran", "supports", "Houthis", False, False)}


def _headline_doc(words: list[str], spaces: list[bool], rows: list[tuple[int, str, str, str, str]]) -> Doc:
    """A parsed Doc whose sentences are its ROOTs' subtrees (lines need real spaces and line breaks)."""
    heads, deps, pos, lemmas, ents = (list(col) for col in zip(*rows, strict=True))
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


def test_title_paragraph_asserts_nothing_but_the_body_does() -> None:
    # "Poland condemns Hungary\n\nPoland condemns Hungary." : the title line is hedged, the sentence is not.
    words = ["Poland", "condemns", "Hungary", "\n\n", "Warsaw", "condemns", "Budapest", "."]
    spaces = [True, True, False, False, True, True, False, False]
    deps = [(1, "nsubj", "PROPN", "Poland", "B-GPE"), (1, "ROOT", "VERB", "condemn", "O"),
            (1, "dobj", "PROPN", "Hungary", "B-GPE"), (2, "dep", "SPACE", "\n\n", "O"),
            (5, "nsubj", "PROPN", "Warsaw", "B-GPE"), (5, "ROOT", "VERB", "condemn", "O"),
            (5, "dobj", "PROPN", "Budapest", "B-GPE"), (5, "punct", "PUNCT", ".", "O")]
    doc = _headline_doc(words, spaces, deps)
    assert triples(doc) == {("Poland", "opposes", "Hungary", False, True),
                            ("Warsaw", "opposes", "Budapest", False, False)}


def test_capitalised_kicker_asserts_nothing_but_its_story_does() -> None:
    # "SENATE GOP BACKS TRUMP: Republicans backed Trump." on one line.
    words = ["SENATE", "GOP", "BACKS", "TRUMP", ":", "Republicans", "backed", "Trump", "."]
    spaces = [True, True, True, False, True, True, True, False, False]
    deps = [(1, "compound", "PROPN", "senate", "B-ORG"), (2, "nsubj", "PROPN", "GOP", "B-ORG"),
            (2, "ROOT", "VERB", "back", "O"), (2, "dobj", "PROPN", "TRUMP", "B-PERSON"),
            (2, "punct", "PUNCT", ":", "O"), (6, "nsubj", "PROPN", "Republicans", "B-NORP"),
            (6, "ROOT", "VERB", "back", "O"), (6, "dobj", "PROPN", "Trump", "B-PERSON"),
            (6, "punct", "PUNCT", ".", "O")]
    doc = _headline_doc(words, spaces, deps)
    assert triples(doc) == {("GOP", "supports", "TRUMP", False, True),
                            ("Republicans", "supports", "Trump", False, False)}


def test_one_line_without_final_punctuation_is_not_a_title() -> None:
    # Sentence collections often drop the full stop; with no paragraph after it, a line is just a sentence.
    words = ["Poland", "condemns", "Hungary"]
    deps = [(1, "nsubj", "PROPN", "Poland", "B-GPE"), (1, "ROOT", "VERB", "condemn", "O"),
            (1, "dobj", "PROPN", "Hungary", "B-GPE")]
    doc = _headline_doc(words, [True, True, False], deps)
    assert triples(doc) == {("Poland", "opposes", "Hungary", False, False)}


def test_a_long_unpunctuated_line_before_a_paragraph_is_not_a_title() -> None:
    words = ["Poland", "condemns", "Hungary", *(["and"] * 30), "\n\n", "More", "."]
    heads = [(1, "nsubj", "PROPN", "Poland", "B-GPE"), (1, "ROOT", "VERB", "condemn", "O"),
             (1, "dobj", "PROPN", "Hungary", "B-GPE"), *([(2, "cc", "CCONJ", "and", "O")] * 30),
             (2, "dep", "SPACE", "\n\n", "O"), (34, "ROOT", "NOUN", "more", "O"), (34, "punct", "PUNCT", ".", "O")]
    spaces = [True] * 32 + [False, False, False, False]
    doc = _headline_doc(words, spaces, heads)
    assert ("Poland", "opposes", "Hungary", False, False) in triples(doc)


def test_who_condemns_an_attack_does_not_make_it() -> None:
    # "The UN condemned the strikes on Gaza": no UN -> Gaza opposition through the attack noun.
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("UN", 2, "nsubj", "PROPN", "UN", "B-ORG"),
        ("condemned", 2, "ROOT", "VERB", "condemn", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("strikes", 2, "dobj", "NOUN", "strike", "O"),
        ("on", 4, "prep", "ADP", "on", "O"),
        ("Gaza", 5, "pobj", "PROPN", "Gaza", "B-GPE"),
    ])
    assert not any(s == "UN" and o == "Gaza" for s, _, o, _, _ in triples(doc))


def test_a_conjoined_verb_shares_only_an_object_that_follows_it() -> None:
    # "Fighters join the SDF and fight": they fight alongside the SDF, not against it.
    doc = make_doc([
        ("Tribal", 1, "amod", "ADJ", "tribal", "O"),
        ("fighters", 2, "nsubj", "NOUN", "fighter", "O"),
        ("join", 2, "ROOT", "VERB", "join", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("SDF", 2, "dobj", "PROPN", "SDF", "B-ORG"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("fight", 2, "conj", "VERB", "fight", "O"),
    ])
    assert not any(r == "opposes" for _, r, _, _, _ in triples(doc))


def test_a_common_actor_noun_compound_holds_an_opposition_noun() -> None:
    # "the coalition campaign against Daesh"
    doc = make_doc([
        ("the", 2, "det", "DET", "the", "O"),
        ("coalition", 2, "compound", "NOUN", "coalition", "O"),
        ("campaign", 2, "ROOT", "NOUN", "campaign", "O"),
        ("against", 2, "prep", "ADP", "against", "O"),
        ("Daesh", 3, "pobj", "PROPN", "Daesh", "B-ORG"),
    ])
    assert triples(doc) == {("coalition", "opposes", "Daesh", False, False)}


def test_clashing_with_someone_is_mutual() -> None:
    doc = make_doc([
        ("Protesters", 1, "nsubj", "NOUN", "protester", "O"),
        ("clashed", 1, "ROOT", "VERB", "clash", "O"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("police", 2, "pobj", "NOUN", "police", "O"),
    ])
    assert triples(doc) == {("Protesters", "opposes", "police", False, False),
                            ("police", "opposes", "Protesters", False, False)}


def test_who_supports_a_party_in_its_efforts_shares_their_purpose() -> None:
    # "The coalition supported Iraq in its efforts to defeat ISIL": the coalition opposes ISIL too.
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("coalition", 2, "nsubj", "NOUN", "coalition", "O"),
        ("supported", 2, "ROOT", "VERB", "support", "O"),
        ("Iraq", 2, "dobj", "PROPN", "Iraq", "B-GPE"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("its", 6, "poss", "PRON", "its", "O"),
        ("efforts", 4, "pobj", "NOUN", "effort", "O"),
        ("to", 8, "aux", "PART", "to", "O"),
        ("defeat", 6, "acl", "VERB", "defeat", "O"),
        ("ISIL", 8, "dobj", "PROPN", "ISIL", "B-ORG"),
    ])
    found = triples(doc)
    assert ("coalition", "opposes", "ISIL", False, False) in found
    assert ("Iraq", "opposes", "ISIL", False, False) in found


def test_a_supporting_role_in_another_party_s_efforts_shares_their_purpose() -> None:
    # "the supporting role Britain can play in Iraq's efforts to destroy the group"
    doc = make_doc([
        ("the", 2, "det", "DET", "the", "O"),
        ("supporting", 2, "amod", "VERB", "support", "O"),
        ("role", 2, "ROOT", "NOUN", "role", "O"),
        ("Britain", 5, "nsubj", "PROPN", "Britain", "B-GPE"),
        ("can", 5, "aux", "AUX", "can", "O"),
        ("play", 2, "relcl", "VERB", "play", "O"),
        ("in", 5, "prep", "ADP", "in", "O"),
        ("Iraq", 9, "poss", "PROPN", "Iraq", "B-GPE"),
        ("'s", 7, "case", "PART", "'s", "O"),
        ("efforts", 6, "pobj", "NOUN", "effort", "O"),
        ("to", 11, "aux", "PART", "to", "O"),
        ("destroy", 9, "acl", "VERB", "destroy", "O"),
        ("ISIL", 11, "dobj", "PROPN", "ISIL", "B-ORG"),
    ])
    found = {(s, r, o) for s, r, o, _, _ in triples(doc)}
    assert {("Britain", "opposes", "ISIL"), ("Iraq", "opposes", "ISIL")} <= found


def test_an_actor_acting_as_part_of_a_group_makes_the_group_act() -> None:
    # "The UK, as part of the coalition, backs Iraq."
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("UK", 8, "nsubj", "PROPN", "UK", "B-GPE"),
        (",", 8, "punct", "PUNCT", ",", "O"),
        ("as", 8, "prep", "ADP", "as", "O"),
        ("part", 3, "pobj", "NOUN", "part", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("NATO", 5, "pobj", "PROPN", "NATO", "B-ORG"),
        (",", 8, "punct", "PUNCT", ",", "O"),
        ("backs", 8, "ROOT", "VERB", "back", "O"),
        ("Iraq", 8, "dobj", "PROPN", "Iraq", "B-GPE"),
    ])
    assert triples(doc) == {("UK", "supports", "Iraq", False, False), ("NATO", "supports", "Iraq", False, False)}


def test_what_is_provided_is_not_the_beneficiary() -> None:
    # "Britain provided 125 soldiers" gives no claim; "Britain provided Iraq with support" does.
    things = make_doc([
        ("Britain", 1, "nsubj", "PROPN", "Britain", "B-GPE"),
        ("provided", 1, "ROOT", "VERB", "provide", "O"),
        ("125", 3, "nummod", "NUM", "125", "B-CARDINAL"),
        ("soldiers", 1, "dobj", "NOUN", "soldier", "O"),
    ])
    assert triples(things) == set()
    beneficiary = make_doc([
        ("Britain", 1, "nsubj", "PROPN", "Britain", "B-GPE"),
        ("provided", 1, "ROOT", "VERB", "provide", "O"),
        ("Iraq", 1, "dobj", "PROPN", "Iraq", "B-GPE"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("support", 3, "pobj", "NOUN", "support", "O"),
    ])
    assert ("Britain", "supports", "Iraq", False, False) in triples(beneficiary)


def test_a_hyphenated_pair_before_a_war_noun_fights_both_ways() -> None:
    # "the Iran-Iraq war"
    doc = make_doc([
        ("the", 4, "det", "DET", "the", "O"),
        ("Iran", 3, "compound", "PROPN", "Iran", "B-GPE"),
        ("-", 3, "punct", "PUNCT", "-", "O"),
        ("Iraq", 4, "compound", "PROPN", "Iraq", "B-GPE"),
        ("war", 4, "ROOT", "NOUN", "war", "O"),
    ])
    assert triples(doc) == {("Iran", "opposes", "Iraq", False, False), ("Iraq", "opposes", "Iran", False, False)}


def test_whose_resolve_is_named_does_what_the_in_phrase_says() -> None:
    # "Attacks stiffened the resolve of the Kurdish community in its determination to defeat ISIL."
    doc = make_doc([
        ("Attacks", 1, "nsubj", "NOUN", "attack", "O"),
        ("stiffened", 1, "ROOT", "VERB", "stiffen", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("resolve", 1, "dobj", "NOUN", "resolve", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("Kurdish", 7, "amod", "ADJ", "kurdish", "B-NORP"),
        ("community", 4, "pobj", "NOUN", "community", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("its", 10, "poss", "PRON", "its", "O"),
        ("determination", 8, "pobj", "NOUN", "determination", "O"),
        ("to", 12, "aux", "PART", "to", "O"),
        ("defeat", 10, "acl", "VERB", "defeat", "O"),
        ("ISIL", 12, "dobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert {(s, r, o) for s, r, o, _, _ in triples(doc)} == {("Kurdish community", "opposes", "ISIL")}


def test_an_object_that_names_no_disposition_does_not_take_the_pronoun() -> None:
    # "Iraqi forces seized control of the university in their battle with IS": the forces battle, not the campus.
    doc = make_doc([
        ("Iraqi", 1, "amod", "ADJ", "iraqi", "B-NORP"),
        ("forces", 2, "nsubj", "NOUN", "force", "O"),
        ("seized", 2, "ROOT", "VERB", "seize", "O"),
        ("control", 2, "dobj", "NOUN", "control", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("Mosul", 4, "pobj", "PROPN", "Mosul", "B-ORG"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("their", 8, "poss", "PRON", "their", "O"),
        ("battle", 6, "pobj", "NOUN", "battle", "O"),
        ("with", 8, "prep", "ADP", "with", "O"),
        ("IS", 9, "pobj", "PROPN", "IS", "B-ORG"),
    ])
    assert ("Iraqi forces", "opposes", "IS", False, False) in triples(doc)
    assert not any(s == "Mosul" for s, _, _, _, _ in triples(doc))


def test_the_agent_of_a_condemned_act_is_the_target() -> None:
    # "Turkey condemned the killing of civilians by the militia."
    doc = make_doc([
        ("Turkey", 1, "nsubj", "PROPN", "Turkey", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("killing", 1, "dobj", "NOUN", "killing", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("civilians", 4, "pobj", "NOUN", "civilian", "O"),
        ("by", 3, "prep", "ADP", "by", "O"),
        ("the", 8, "det", "DET", "the", "O"),
        ("militia", 6, "pobj", "NOUN", "militia", "O"),
    ])
    assert triples(doc) == {("Turkey", "opposes", "militia", False, False)}


def test_a_conduct_noun_target_stands_for_its_actor() -> None:
    # "Britain backs Iraq against the aggression of ISIL."
    doc = make_doc([
        ("Britain", 1, "nsubj", "PROPN", "Britain", "B-GPE"),
        ("backs", 1, "ROOT", "VERB", "back", "O"),
        ("Iraq", 1, "dobj", "PROPN", "Iraq", "B-GPE"),
        ("against", 1, "prep", "ADP", "against", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("aggression", 3, "pobj", "NOUN", "aggression", "O"),
        ("of", 5, "prep", "ADP", "of", "O"),
        ("ISIL", 6, "pobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert {("Britain", "opposes", "ISIL", False, False), ("Iraq", "opposes", "ISIL", False, False)} <= triples(doc)


def test_an_infinitival_relative_is_done_by_its_noun() -> None:
    # "Japan sent engineers to assist": the engineers assist, Japan does not assist them.
    doc = make_doc([
        ("Japan", 1, "nsubj", "PROPN", "Japan", "B-GPE"),
        ("sent", 1, "ROOT", "VERB", "send", "O"),
        ("engineers", 1, "dobj", "NOUN", "engineer", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("assist", 2, "relcl", "VERB", "assist", "O"),
    ])
    assert triples(doc) == set()


def test_a_cue_in_scare_quotes_asserts_nothing() -> None:
    # 'Assad's "war" on ISIL'
    doc = make_doc([
        ("Assad", 3, "poss", "PROPN", "Assad", "B-PERSON"),
        ("'s", 0, "case", "PART", "'s", "O"),
        ("\u201c", 3, "punct", "PUNCT", "\u201c", "O"),
        ("war", 3, "ROOT", "NOUN", "war", "O"),
        ("\u201d", 3, "punct", "PUNCT", "\u201d", "O"),
        ("on", 3, "prep", "ADP", "on", "O"),
        ("ISIL", 5, "pobj", "PROPN", "ISIL", "B-ORG"),
    ])
    assert triples(doc) == {("Assad", "opposes", "ISIL", False, True)}


def test_the_supporter_not_the_speaker_holds_the_fight_beside_its_support() -> None:
    # "Berg reiterated British support for Iraq in the fight against Daesh."
    doc = make_doc([
        ("Berg", 1, "nsubj", "PROPN", "Berg", "B-PERSON"),
        ("reiterated", 1, "ROOT", "VERB", "reiterate", "O"),
        ("British", 3, "amod", "ADJ", "british", "B-NORP"),
        ("support", 1, "dobj", "NOUN", "support", "O"),
        ("for", 3, "prep", "ADP", "for", "O"),
        ("Iraq", 4, "pobj", "PROPN", "Iraq", "B-GPE"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("the", 8, "det", "DET", "the", "O"),
        ("fight", 6, "pobj", "NOUN", "fight", "O"),
        ("against", 8, "prep", "ADP", "against", "O"),
        ("Daesh", 9, "pobj", "PROPN", "Daesh", "B-ORG"),
    ])
    found = {(s, r, o) for s, r, o, _, _ in triples(doc)}
    assert {("British", "supports", "Iraq"), ("Iraq", "opposes", "Daesh"), ("British", "opposes", "Daesh")} == found


def test_a_pp_inside_another_pp_is_not_the_target_of_a_noun_cue() -> None:
    # "The coalition conducted strikes in support of its partners on the ground": nothing is struck.
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("coalition", 2, "nsubj", "NOUN", "coalition", "O"),
        ("conducted", 2, "ROOT", "VERB", "conduct", "O"),
        ("strikes", 2, "dobj", "NOUN", "strike", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("support", 4, "pobj", "NOUN", "support", "O"),
        ("of", 5, "prep", "ADP", "of", "O"),
        ("its", 8, "poss", "PRON", "its", "O"),
        ("partners", 6, "pobj", "NOUN", "partner", "O"),
        ("on", 8, "prep", "ADP", "on", "O"),
        ("the", 11, "det", "DET", "the", "O"),
        ("ground", 9, "pobj", "NOUN", "ground", "O"),
    ])
    assert not any(r == "opposes" for _, r, _, _, _ in triples(doc))


def test_a_reported_clause_misread_as_a_noun_phrase_still_states_its_stance() -> None:
    # "Israel says Iran funds and arms Hezbollah", parsed as says -> dobj "funds" (compound "Iran") -> conj Hezbollah.
    doc = make_doc([
        ("Israel", 1, "nsubj", "PROPN", "Israel", "B-GPE"),
        ("says", 1, "ROOT", "VERB", "say", "O"),
        ("Iran", 3, "compound", "PROPN", "Iran", "B-GPE"),
        ("funds", 1, "dobj", "NOUN", "fund", "O"),
        ("and", 3, "cc", "CCONJ", "and", "O"),
        ("arms", 6, "compound", "NOUN", "arm", "O"),
        ("Hezbollah", 3, "conj", "PROPN", "Hezbollah", "B-ORG"),
    ], tags=["NNP", "VBZ", "NNP", "NNS", "CC", "NNS", "NNP"])
    assert triples(doc) == {("Iran", "supports", "Hezbollah", False, False)}


def test_a_noun_object_of_a_speech_verb_is_not_a_clause_without_a_cue() -> None:
    # "He says Kremlin funds are frozen": the speech verb has a clause of its own; its subject is a noun phrase.
    doc = make_doc([
        ("He", 1, "nsubj", "PRON", "he", "O"),
        ("says", 1, "ROOT", "VERB", "say", "O"),
        ("Kremlin", 3, "compound", "PROPN", "Kremlin", "B-ORG"),
        ("funds", 5, "nsubjpass", "NOUN", "fund", "O"),
        ("are", 5, "auxpass", "AUX", "be", "O"),
        ("frozen", 1, "ccomp", "VERB", "freeze", "O"),
    ], tags=["PRP", "VBZ", "NNP", "NNS", "VBP", "VBN"])
    assert triples(doc) == set()


def test_an_as_clause_is_asserted_on_its_own() -> None:
    # "As Kurds unite against ISIL, ISIL will try to regroup": "try" hedges its own clause, not the as-clause.
    doc = make_doc([
        ("As", 2, "mark", "SCONJ", "as", "O"),
        ("Kurds", 2, "nsubj", "PROPN", "Kurds", "B-NORP"),
        ("unite", 8, "advcl", "VERB", "unite", "O"),
        ("against", 2, "prep", "ADP", "against", "O"),
        ("ISIL", 3, "pobj", "PROPN", "ISIL", "B-ORG"),
        (",", 8, "punct", "PUNCT", ",", "O"),
        ("ISIL", 8, "nsubj", "PROPN", "ISIL", "B-ORG"),
        ("will", 8, "aux", "AUX", "will", "O"),
        ("try", 8, "ROOT", "VERB", "try", "O"),
        ("to", 10, "aux", "PART", "to", "O"),
        ("regroup", 8, "xcomp", "VERB", "regroup", "O"),
    ])
    assert triples(doc) == {("Kurds", "opposes", "ISIL", False, False)}


def test_an_if_clause_stays_hedged() -> None:
    doc = make_doc([
        ("If", 2, "mark", "SCONJ", "if", "O"),
        ("Kurds", 2, "nsubj", "PROPN", "Kurds", "B-NORP"),
        ("unite", 6, "advcl", "VERB", "unite", "O"),
        ("against", 2, "prep", "ADP", "against", "O"),
        ("ISIL", 3, "pobj", "PROPN", "ISIL", "B-ORG"),
        (",", 6, "punct", "PUNCT", ",", "O"),
        ("ISIL", 6, "ROOT", "PROPN", "ISIL", "B-ORG"),
    ])
    assert triples(doc) == {("Kurds", "opposes", "ISIL", False, True)}


def test_they_in_an_adverbial_clause_is_the_only_plural_actor_before_it() -> None:
    # "Britain stands with the Kurds as they confront ISIL."
    doc = make_doc([
        ("Britain", 1, "nsubj", "PROPN", "Britain", "B-GPE"),
        ("stands", 1, "ROOT", "VERB", "stand", "O"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("Kurds", 2, "pobj", "PROPN", "Kurds", "B-NORP"),
        ("as", 7, "mark", "SCONJ", "as", "O"),
        ("they", 7, "nsubj", "PRON", "they", "O"),
        ("confront", 1, "advcl", "VERB", "confront", "O"),
        ("ISIL", 7, "dobj", "PROPN", "ISIL", "B-ORG"),
    ], tags=["NNP", "VBZ", "IN", "DT", "NNPS", "IN", "PRP", "VBP", "NNP"])
    assert triples(doc) == {("Britain", "supports", "Kurds", False, False), ("Kurds", "opposes", "ISIL", False, False)}


def test_they_stays_a_pronoun_when_two_plural_actors_could_be_meant() -> None:
    # "The Kurds met the Yazidis as they confronted ISIL": either group may confront it.
    doc = make_doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("Kurds", 2, "nsubj", "PROPN", "Kurds", "B-NORP"),
        ("met", 2, "ROOT", "VERB", "meet", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("Yazidis", 2, "dobj", "PROPN", "Yazidis", "B-NORP"),
        ("as", 7, "mark", "SCONJ", "as", "O"),
        ("they", 7, "nsubj", "PRON", "they", "O"),
        ("confronted", 2, "advcl", "VERB", "confront", "O"),
        ("ISIL", 7, "dobj", "PROPN", "ISIL", "B-ORG"),
    ], tags=["DT", "NNPS", "VBD", "DT", "NNPS", "IN", "PRP", "VBD", "NNP"])
    assert triples(doc) == {("they", "opposes", "ISIL", False, False)}
