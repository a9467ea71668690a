"""A state's named force ("Israel Defense Forces") is one organisation: the gazetteer EntityRuler keeps the name
whole instead of tagging the state's name in it and leaving "Defense Forces"."""

from __future__ import annotations

import itertools
import re

import pytest
from spacy.lang.en import English
from spacy.language import Language

from extractors.lexicon import resolution_words
from extractors.nlp.pipeline import gazetteer_patterns
from graph.resolve.resolver import Resolver


@pytest.fixture(scope="module")
def ruler_only() -> Language:
    """A blank English pipeline with the gazetteer ruler alone: the patterns, without the model's NER."""
    nlp = English()
    nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}).add_patterns(
        gazetteer_patterns())
    return nlp


@pytest.mark.parametrize("text, name", [
    ("Avi Carmeli, a spokesman for the Israel Defense Forces, said", "Israel Defense Forces"),
    ("the Israel Defence Forces said", "Israel Defence Forces"),
    ("the Pakistan Armed Forces said", "Pakistan Armed Forces"),
    ("the Japan Self-Defense Forces said", "Japan Self-Defense Forces"),
    ("the United States Armed Forces said", "United States Armed Forces"),
])
def test_a_states_named_force_is_one_organisation(ruler_only: Language, text: str, name: str) -> None:
    assert [(e.text, e.label_) for e in ruler_only(text).ents] == [(name, "ORG")]


@pytest.mark.parametrize("state", ["Israel", "United States", "Democratic Republic of the Congo"])
@pytest.mark.parametrize("force", sorted(resolution_words()["force_name"]))
def test_every_force_word_follows_every_state_name(ruler_only: Language, state: str, force: str) -> None:
    # The patterns share one token set a position among force words of one length; each word must still match.
    text = f"a unit of the {state} {force.title()} said"
    assert [(e.text, e.label_) for e in ruler_only(text).ents] == [(f"{state} {force.title()}", "ORG")]


def test_force_patterns_match_no_phrase_the_table_does_not_list() -> None:
    # Merging force words into one token set a position must not create combinations ("Armed Self-Defence").
    listed = {tuple(re.findall(r"[^\s-]+|-", force.title())) for force in resolution_words()["force_name"]}
    after_one_word_names = [p["pattern"][1:] for p in gazetteer_patterns() if isinstance(p["pattern"], list)
                            and "Israel" in _values(p["pattern"][0].get("ORTH"))]
    matched = {tail for tokens in after_one_word_names
               for tail in itertools.product(*(_values(t["ORTH"]) for t in tokens))}
    assert matched == listed


def _values(spec: object) -> list[str]:
    """The strings a token spec's value matches: itself, or its IN list."""
    if isinstance(spec, dict):
        return list(spec.get("IN", []))
    return [spec] if isinstance(spec, str) else []


def test_a_description_in_lower_case_is_no_name(ruler_only: Language) -> None:
    # "Israel and its armed forces": the state, and a description the resolver reads as the state's.
    assert [(e.text, e.label_) for e in ruler_only("Israel said its Israel armed forces").ents] == [
        ("Israel", "GPE"), ("Israel", "GPE")]


def test_the_forms_of_a_known_force_are_one_government_body_apart_from_its_state() -> None:
    r = Resolver()
    idf = r.actor_for("Israel Defense Forces", "ORG")
    assert idf is not None and idf.type == "GovernmentBody"
    others = [r.actor_for(form, "ORG") for form in ("IDF", "Israeli Defence Forces")]
    assert {a.key for a in others if a is not None} == {idf.key}
    israel = r.actor_for("Israel", "GPE")
    assert israel is not None and israel.key != idf.key


def test_an_unknown_named_force_is_its_own_government_body_and_a_description_stays_the_state() -> None:
    r = Resolver()
    force = r.actor_for("Pakistan Armed Forces", "ORG")
    assert force is not None and (force.label, force.type) == ("Pakistan Armed Forces", "GovernmentBody")
    russian = r.actor_for("Russian forces", "NOUN")
    assert russian is not None and russian.key == "russia"
    sdf = r.actor_for("Syrian Democratic Forces", "ORG")  # not "<state> <force word>": the gazetteer's group
    assert sdf is not None and sdf.type == "ArmedGroup"


@pytest.mark.model
def test_a_spokesman_for_the_named_force_is_affiliated_with_it() -> None:
    from graph.pipeline import RULE_EXTRACTORS, extract_documents
    from graph.readers.documents import Document

    text = "Avi Carmeli, a spokesman for the Israel Defense Forces, said the strikes were a warning."
    claims = next(extract_documents([Document(id="a", text=text)], Resolver(), extractors=RULE_EXTRACTORS)).claims
    assert [(c.subject.label, c.relation, c.object.label) for c in claims] == [
        ("Avi Carmeli", "affiliated_with", "Israel Defense Forces")]
