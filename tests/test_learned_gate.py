"""Gates of the pair classifier (``extractors/learned/gate.py``) on hand-built parses, and how a classifier
folder turns them on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extractors.learned.candidates import sentence_candidates
from extractors.learned.encoder import MODEL_DIR, ModelFileError, PairClassifier
from extractors.learned.extractor import sentence_input


def _sentence(words: list[str], heads: list[int], deps: list[str], pos: list[str], ents: list[str]) -> Span:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents)[:]


def _pairs(sent: Span, gates: tuple[str, ...]) -> set[tuple[str, str]]:
    found = sentence_candidates(sent)
    item = sentence_input(sent, found, [], gates)
    return {(found[i].text, found[j].text) for i, j in item.pairs}


LIST = _sentence(["Britain", ",", "France", "and", "Germany", "condemned", "Iran", "."],
                 heads=[5, 0, 0, 2, 2, 5, 5, 5], deps=["nsubj", "punct", "conj", "cc", "conj", "ROOT", "dobj", "punct"],
                 pos=["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "PUNCT"],
                 ents=["B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"])
PLACE = _sentence(["Iran", "criticised", "Britain", "at", "talks", "in", "Geneva", "."],
                  heads=[1, 1, 1, 1, 3, 4, 5, 1],
                  deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
                  pos=["PROPN", "VERB", "PROPN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
                  ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"])


def test_without_gates_every_pair_is_read() -> None:
    assert len(_pairs(LIST, ())) == 6
    assert _pairs(PLACE, ()) == {("Iran", "Britain"), ("Iran", "Geneva"), ("Britain", "Geneva")}


def test_members_of_one_list_are_no_pair_but_each_with_the_verbs_object_is() -> None:
    assert _pairs(LIST, ("lists",)) == {("Britain", "Iran"), ("France", "Iran"), ("Germany", "Iran")}
    assert len(_pairs(PLACE, ("lists",))) == 3  # a verb or a preposition joins every pair there


def test_a_state_named_as_where_something_happens_is_no_actor() -> None:
    assert _pairs(PLACE, ("places",)) == {("Iran", "Britain")}
    assert len(_pairs(LIST, ("places",))) == 6


def test_the_shipped_classifier_gates_nothing() -> None:
    assert PairClassifier(MODEL_DIR).gates == ()


def test_a_classifier_folder_names_its_gates_and_an_unknown_one_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(MODEL_DIR, folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    (folder / "model.json").write_text(json.dumps({**meta, "gates": ["places", "lists"]}), encoding="utf-8")
    assert PairClassifier(folder).gates == ("places", "lists")
    (folder / "model.json").write_text(json.dumps({**meta, "gates": ["walls"]}), encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"model\.json: unknown gates \['walls'\]"):
        PairClassifier(folder)


def test_a_modifier_is_no_list_member() -> None:
    sent = _sentence(["Russian", "President", "Putin", "visited", "Beijing", "."], heads=[2, 2, 3, 3, 3, 3],
                     deps=["amod", "compound", "nsubj", "ROOT", "dobj", "punct"],
                     pos=["ADJ", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"],
                     ents=["B-NORP", "O", "B-PERSON", "O", "B-GPE", "O"])
    assert ("Russian", "Putin") in _pairs(sent, ("lists",))  # an affiliation, nothing between the two
