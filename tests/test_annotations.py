"""Our annotations are well formed and point at the corpus text they describe."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
from spacy.language import Language

from extractors.learned.examples import ANNOTATIONS, SOURCES, read_corpus, split_of
from tests.conftest import SHARED

CORPUS = SHARED / "data" / "corpus"
TYPES = {"Person", "State", "Organization", "GovernmentBody", "ArmedGroup", "Group"}
FILES = [*SOURCES, "second_pass"]
FIRST_ROUND = {f"a{k}" for k in range(7)}


def _records(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (ANNOTATIONS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", FILES)
def test_every_pair_of_mentions_has_a_label_and_relations_are_well_formed(name: str) -> None:
    for r in _records(name):
        mentions, pairs = r["mentions"], r["pairs"]
        assert isinstance(mentions, list) and isinstance(pairs, list)
        if r["skip"]:
            assert mentions == [] and pairs == []
            continue
        assert all(m["type"] in TYPES for m in mentions), r["sid"]
        listed = {(min(p["a"], p["b"]), max(p["a"], p["b"])) for p in pairs}
        assert listed == set(combinations(range(len(mentions)), 2)), r["sid"]
        for p in pairs:
            if p["label"] == "affiliated_with":
                assert mentions[p["a"]]["type"] == "Person" and p["role"], r["sid"]
            elif p["label"] in ("supports", "opposes"):
                assert p["mod"] in {"asserted", "negated", "hedged", "question", "conditional"}, r["sid"]
            else:
                assert p["label"] == "none", r["sid"]


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/data/corpus beside the project")
def test_offsets_point_at_the_mention_text_inside_the_sentence() -> None:
    texts = read_corpus(CORPUS)
    for name in FILES:
        for r in _records(name):
            text = texts[r["doc_id"]]
            for m in r["mentions"]:
                assert r["start"] <= m["start"] < m["end"] <= r["end"], r["sid"]
                assert text[m["start"] : m["end"]] == m["text"], r["sid"]


def test_the_sample_is_large_spread_over_the_sources_and_held_back_by_document() -> None:
    kept = {name: [r for r in _records(name) if not r["skip"]] for name in SOURCES}
    assert sum(len(v) for v in kept.values()) >= 2500
    assert all(len(v) >= 600 for v in kept.values())
    test_docs = {r["doc_id"] for v in kept.values() for r in v if split_of(str(r["doc_id"])) == "test"}
    train_docs = {r["doc_id"] for v in kept.values() for r in v if split_of(str(r["doc_id"])) == "train"}
    assert test_docs and not test_docs & train_docs
    first_round = {r["doc_id"] for v in kept.values() for r in v if r["annotator"] in FIRST_ROUND}
    assert 0.12 < len(test_docs) / len(first_round) < 0.3
    assert len([r for v in kept.values() for r in v if split_of(str(r["doc_id"])) == "test"]) >= 400


def test_later_rounds_add_training_documents_only_so_the_held_back_set_stays_as_it_was() -> None:
    later = [r for name in SOURCES for r in _records(name) if r["annotator"] not in FIRST_ROUND]
    assert len(later) >= 2000
    assert {split_of(str(r["doc_id"])) for r in later} == {"train"}


def test_the_second_pass_labels_sentences_of_the_first() -> None:
    first = {r["sid"] for name in SOURCES for r in _records(name)}
    second = _records("second_pass")
    assert len(second) >= 150 and {r["sid"] for r in second} <= first
    assert all(r["annotator"] == "second" for r in second)


def test_a_corpus_folder_without_the_files_is_one_clear_error(tmp_path: Path) -> None:
    from extractors.errors import TrainingDataError

    with pytest.raises(TrainingDataError, match=r"no such file; give --corpus the folder"):
        read_corpus(tmp_path)


@pytest.mark.parametrize(("text", "kind"), [
    ("Maria Lopez of Tulsa told reporters the mayor had lied.", "place"),
    ("The senator, a native of Ohio, met Pedro Alves on Monday.", "place"),
    ("Republicans in the Senate criticised Pedro Alves for the delay.", "party"),
    ("Pedro Alves met the Foreign Minister of Norway in Oslo.", "plain"),
])
def test_round_7_picks_sentences_by_kind(nlp: Language, text: str, kind: str) -> None:
    from extractors.learned.annotations.pick_sentences import LABELS, kind_of

    sent = next(iter(nlp(text).sents))
    ents = [e for e in sent.ents if e.label_ in LABELS]
    assert kind_of(sent, ents, ("place", "party"), set()) == kind
