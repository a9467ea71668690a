"""The learned, opt-in stance layer: pair features on hand-built Docs, the rule-first merge with a hand-set linear
model, the CLI opt-in (byte-identical output without a model, one clear line for a bad model directory), and a
model trained on a slice of the shared train files beating a trivial baseline on a slice of valid."""

from __future__ import annotations

import glob
import json
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc

from extractors.learned.features import candidates, pair_features
from extractors.learned.model import (
    CLASSES,
    FEATURE_VERSION,
    FORMAT,
    NAME,
    LinearModel,
    StanceModel,
    learned_claims,
    load_stance_model,
)
from extractors.learned.training import write_model
from extractors.stance.rules import extract_stance
from graph.cli.app import main
from tests.conftest import SHARED
from tests.test_rules import make_doc

HERE = Path(__file__).parent
INPUTS = [str(HERE / "data" / "golden_article.txt"), *sorted(glob.glob(str(HERE.parent / "graph" / "demo" / "*.txt")))]
EXTERNAL = SHARED / "data" / "external"


def said_doc() -> Doc:
    # "Trump said Pelosi failed the country ."
    return make_doc([
        ("Trump", 1, "nsubj", "PROPN", "Trump", "B-PERSON"),
        ("said", 1, "ROOT", "VERB", "say", "O"),
        ("Pelosi", 3, "nsubj", "PROPN", "Pelosi", "B-PERSON"),
        ("failed", 1, "ccomp", "VERB", "fail", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("country", 3, "dobj", "NOUN", "country", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])


def backs_doc(negated: bool = False) -> Doc:
    # "Iran backs Hezbollah ." / "Iran does not back Hezbollah ."
    rows = [("Iran", 1, "nsubj", "PROPN", "Iran", "B-GPE"), ("backs", 1, "ROOT", "VERB", "back", "O"),
            ("Hezbollah", 1, "dobj", "PROPN", "Hezbollah", "B-ORG")]
    if negated:
        rows = [("Iran", 3, "nsubj", "PROPN", "Iran", "B-GPE"), ("does", 3, "aux", "AUX", "do", "O"),
                ("not", 3, "neg", "PART", "not", "O"), ("back", 3, "ROOT", "VERB", "back", "O"),
                ("Hezbollah", 3, "dobj", "PROPN", "Hezbollah", "B-ORG")]
    return make_doc(rows)


def test_speaker_features_only_for_the_speaker_as_holder() -> None:
    trump, pelosi = candidates(said_doc()[:])
    forward, backward = set(pair_features(trump, pelosi)), set(pair_features(pelosi, trump))
    assert {"h_speaker=say", "t_in_speech_of_h", "order=ht", "hdep=nsubj", "top=say"} <= forward
    assert not any(f.startswith("h_speaker") for f in backward) and "order=th" in backward
    assert "pathdeps=nsubj^|ccompv|nsubjv" in forward
    # The target's clause words, joined with "it is what the holder said" only for the speaker's direction.
    assert {"tverb=fail", "tclause_said=country"} <= forward and "tclause_said=country" not in backward


def test_lexicon_hit_on_the_path_and_negation() -> None:
    iran, hezbollah = candidates(backs_doc()[:])
    plain = set(pair_features(iran, hezbollah))
    assert {"cue_path=supports", "cue_path_lemma=back", "cue_path_neg=False|supports", "pathdeps=nsubj^|dobjv",
            "h_subject_of_top", "t_object_of_top"} <= plain
    assert "neg_on_path" not in plain
    iran, hezbollah = candidates(backs_doc(negated=True)[:])
    negated = set(pair_features(iran, hezbollah))
    assert {"neg_on_path", "cue_path_neg=True|supports"} <= negated


def test_candidates_are_named_actors_only() -> None:
    doc = make_doc([("Iran", 1, "nsubj", "PROPN", "Iran", "B-GPE"), ("left", 1, "ROOT", "VERB", "leave", "O"),
                    ("on", 1, "prep", "ADP", "on", "O"), ("Monday", 2, "pobj", "PROPN", "Monday", "B-DATE")])
    assert [c.span.text for c in candidates(doc[:])] == ["Iran"]


def _opposing_model(bits: int = 6) -> StanceModel:
    """A hand-set model: the "bias" feature votes opposes, so every pair is "opposes" with p ~ 0.84."""
    weights = np.zeros((1 << bits, len(CLASSES)))
    weights[zlib.crc32(b"bias") & ((1 << bits) - 1), CLASSES.index("opposes")] = 2.0
    return StanceModel(LinearModel(weights, np.zeros(len(CLASSES))), bits, threshold=0.5, cap=0.6)


def test_model_fills_pairs_without_a_rule_claim_and_never_overrides_one() -> None:
    doc = backs_doc()
    rules = list(extract_stance(doc, "d"))
    assert [(c.subject.text, c.relation, c.object.text) for c in rules] == [("Iran", "supports", "Hezbollah")]
    assert list(learned_claims(doc, "d", _opposing_model(), rules)) == []  # the pair has a rule claim
    said = said_doc()
    learned = list(learned_claims(said, "d", _opposing_model(), []))
    assert {(c.subject.text, c.relation, c.object.text) for c in learned} == {("Trump", "opposes", "Pelosi"),
                                                                            ("Pelosi", "opposes", "Trump")}
    assert all(c.extractor == NAME and c.confidence == 0.6 for c in learned)  # capped below rule verbs


def test_learned_claims_carry_the_clause_negation() -> None:
    doc = backs_doc(negated=True)
    claims = list(learned_claims(doc, "d", _opposing_model(), []))
    assert claims and all(c.negated for c in claims)


def test_a_condition_on_either_side_of_the_path_hedges_a_learned_claim() -> None:
    # "If Turkey attacks the Kurds , Washington will respond ."
    doc = make_doc([
        ("If", 2, "mark", "SCONJ", "if", "O"), ("Turkey", 2, "nsubj", "PROPN", "Turkey", "B-GPE"),
        ("attacks", 8, "advcl", "VERB", "attack", "O"), ("the", 4, "det", "DET", "the", "O"),
        ("Kurds", 2, "dobj", "PROPN", "Kurds", "B-NORP"), (",", 8, "punct", "PUNCT", ",", "O"),
        ("Washington", 8, "nsubj", "PROPN", "Washington", "B-GPE"), ("will", 8, "aux", "AUX", "will", "O"),
        ("respond", 8, "ROOT", "VERB", "respond", "O"), (".", 8, "punct", "PUNCT", ".", "O"),
    ])
    claims = list(learned_claims(doc, "d", _opposing_model(), []))
    assert {(c.subject.text, c.object.text) for c in claims} >= {("Washington", "Turkey"), ("Turkey", "Kurds")}
    assert all(c.hedged for c in claims)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.model
def test_the_layer_only_adds_claims_and_is_off_without_a_model(tmp_path: Path) -> None:
    """With a model, removing the learned claims leaves exactly the claims ``extract`` writes without one, line for
    line; without a model no learned claim appears."""
    model_dir = tmp_path / "model"
    opposing = _opposing_model()
    meta = {"format": FORMAT, "feature_version": FEATURE_VERSION, "bits": opposing.bits,
            "threshold": opposing.threshold, "temperature": 1.0, "cap": opposing.cap}
    write_model(model_dir, opposing.linear, meta, "hand-set test model\n")
    plain, layered = tmp_path / "plain.jsonl", tmp_path / "layered.jsonl"
    assert main(["extract", *INPUTS, "-o", str(plain)]) == 0
    assert main(["--stance-model", str(model_dir), "extract", *INPUTS, "-o", str(layered)]) == 0
    plain_lines = plain.read_text(encoding="utf-8").splitlines()
    layered_lines = layered.read_text(encoding="utf-8").splitlines()
    learned = [line for line in layered_lines if json.loads(line).get("extractor") == NAME]
    assert learned and not any(json.loads(line).get("extractor") == NAME for line in plain_lines)
    assert [line for line in layered_lines if line not in set(learned)] == plain_lines


@pytest.mark.parametrize("setup", ["missing", "empty", "garbage"])
def test_bad_model_directory_is_one_clear_line(tmp_path: Path, setup: str) -> None:
    model = tmp_path / "model"
    if setup != "missing":
        model.mkdir()
    if setup == "garbage":
        (model / "model.json").write_text("{not json", encoding="utf-8")
        (model / "weights.npz").write_bytes(b"nope")
    out = tmp_path / "claims.jsonl"
    result = run("--stance-model", str(model), "extract", INPUTS[0], "-o", str(out))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(model) in lines[0] and "train-stance" in lines[0], result.stderr
    assert not out.exists()


def test_train_stance_without_the_data_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "train.jsonl"
    result = run("train-stance", "--seesaw", str(missing), "--park", str(missing), "-o", str(tmp_path / "m"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr
    assert not (tmp_path / "m").exists()


def _slice(source: Path, target: Path, every: int) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    target.write_text("".join(line + "\n" for n, line in enumerate(lines) if n % every == 0), encoding="utf-8")
    return target


@pytest.mark.model
@pytest.mark.skipif(not (EXTERNAL / "seesaw" / "train.jsonl").exists(), reason="shared external data not present")
def test_model_trained_on_a_slice_beats_a_trivial_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.learned.examples import park_examples, seesaw_examples
    from extractors.learned.training import cv_figures, train_stance

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seesaw = _slice(EXTERNAL / "seesaw" / "train.jsonl", tmp_path / "seesaw.jsonl", 4)
    park = _slice(EXTERNAL / "park2021" / "train.jsonl", tmp_path / "park.jsonl", 4)
    report = train_stance(seesaw, park, tmp_path / "m", folds=2, steps=80)
    model = load_stance_model(tmp_path / "m")
    assert model.threshold == report.threshold and "CC BY-NC-SA" in (tmp_path / "m" / "MODEL_CARD.md").read_text()
    valid = (seesaw_examples(_slice(EXTERNAL / "seesaw" / "valid.jsonl", tmp_path / "sv.jsonl", 4))
             + park_examples(_slice(EXTERNAL / "park2021" / "valid.jsonl", tmp_path / "pv.jsonl", 2)))
    from extractors.learned.model import hash_features

    probs = model.linear.probabilities([hash_features(e.features, model.bits) for e in valid])
    ours = cv_figures(valid, probs, model.threshold)
    # Trivial baseline: every pair opposes (the majority stance) with the same confidence.
    always = np.tile(np.array([0.0, 0.0, 1.0]), (len(valid), 1))
    baseline = cv_figures(valid, always, 0.5)
    assert ours["seesaw_f1"] > baseline["seesaw_f1"] and ours["park_macro_f1"] > baseline["park_macro_f1"], (ours,
                                                                                                          baseline)
    assert ours["park_neutral_stance"] < 0.15
    assert json.loads((tmp_path / "m" / "model.json").read_text())["cap"] < 0.7
