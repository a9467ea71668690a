"""The pair classifier (``pairs.v5``, ``--learned``) through the real spaCy model and the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from extractors.learned.encoder import MODEL_DIR
from graph.cli.commands import build, extract
from graph.pipeline import LEARNED_EXTRACTORS
from ontology import SG

pytestmark = pytest.mark.model


def _claims(tmp_path: Path, text: str, **options: object) -> list[dict[str, object]]:
    source, out = tmp_path / "in.jsonl", tmp_path / "claims.jsonl"
    source.write_text(json.dumps({"id": "d", "text": text}) + "\n", encoding="utf-8")
    options.setdefault("extractors", LEARNED_EXTRACTORS)
    extract([str(source)], out, **options)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _asserted(claims: list[dict[str, object]]) -> set[tuple[str, str, str]]:
    return {(c["subject"]["text"], c["relation"], c["object"]["text"]) for c in claims  # type: ignore[index]
            if not c["negated"] and not c["hedged"]}


@pytest.mark.parametrize("text", [
    "Norway did not back the rebels.",
    "Sweden might recognise Kosovo next year.",
    "Will Russia abandon Syria?",
    "If Turkey attacks the Kurds, Washington will respond.",
    "Chile refused to condemn Venezuela.",
])
def test_negation_hedging_questions_and_conditions_never_become_edges(text: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    build([str(article)], out, extractors=LEARNED_EXTRACTORS)
    graph = Graph().parse(out)
    assert not list(graph.triples((None, SG.supports, None))) and not list(graph.triples((None, SG.opposes, None)))


@pytest.mark.parametrize(("text", "expected"), [
    ("The United States strongly condemned Russia's invasion of Ukraine.", ("United States", "opposes", "Russia")),
    ("Germany pledged more military aid to Ukraine on Tuesday.", ("Germany", "supports", "Ukraine")),
    ("Hana Oduya, a spokesperson for the European Commission, said the talks would resume.",
     ("Hana Oduya", "affiliated_with", "European Commission")),
    ("Japan imposed new sanctions on North Korea after the missile test.", ("Japan", "opposes", "North Korea")),
])
def test_plain_relations_are_found_with_their_direction(text: str, expected: tuple[str, str, str],
                                                         tmp_path: Path) -> None:
    claims = _claims(tmp_path, text)
    assert expected in _asserted(claims)
    assert all(c["extractor"] == "pairs.v5" for c in claims)
    assert all(0.0 < float(c["confidence"]) <= 1.0 for c in claims)  # type: ignore[arg-type]


def test_a_meeting_is_no_stance(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "Secretary Blinken met Foreign Minister Lavrov in Geneva on Friday.")
    assert not [c for c in claims if c["relation"] != "affiliated_with"]


def test_i_in_a_transcript_is_the_speaker_of_its_turn_and_a_reporter_s_i_is_nobody(tmp_path: Path) -> None:
    said = "I strongly support Israel, and I condemn Hamas for its attacks."
    text = (f"Antony J. Blinken, Secretary of State\n\nSECRETARY BLINKEN: Thanks, George.\n\n{said}\n\n"
            f"QUESTION: {said}")
    claims = _claims(tmp_path, text)
    speaker, asked = text.index("BLINKEN:"), text.index("QUESTION:")
    by_speaker = [c for c in claims if c["subject"]["start"] == speaker]  # type: ignore[index]
    assert {(c["relation"], c["object"]["text"]) for c in by_speaker} == {  # type: ignore[index]
        ("supports", "Israel"), ("opposes", "Hamas")}
    assert {c["subject"]["label"] for c in by_speaker} == {"Antony J. Blinken"}  # type: ignore[index]
    assert all(c["object"]["start"] < asked for c in by_speaker)  # type: ignore[index]


def test_the_rules_stay_the_default(tmp_path: Path) -> None:
    source, out = tmp_path / "in.txt", tmp_path / "claims.jsonl"
    source.write_text("Iran continues to back the Houthi rebels in Yemen.\n", encoding="utf-8")
    extract([str(source)], out)
    claims = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {c["extractor"] for c in claims} == {"stance.v1"}
    assert ("Iran", "supports", "Houthi rebels") in _asserted(claims)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(("broken", "named"), [("encoder.onnx", "encoder.onnx"), ("model.json", "model.json"),
                                               ("head.npz", "head.npz")])
@pytest.mark.parametrize("how", ["missing", "corrupt"])
def test_a_missing_or_corrupt_model_file_is_one_line_naming_it(broken: str, named: str, how: str,
                                                               tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    if how == "missing":
        (model / broken).unlink()
    else:
        (model / broken).write_bytes(b"\x00not a model\xff" * 10)
    article = tmp_path / "a.txt"
    article.write_text("Germany pledged more military aid to Ukraine.\n", encoding="utf-8")
    done = _run("extract", str(article), "-o", str(tmp_path / "c.jsonl"), "--learned", "--classifier", str(model))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "git checkout -- extractors/learned/model" in lines[0]
    assert not (tmp_path / "c.jsonl").exists()


def test_a_classifier_without_learned_is_a_usage_error(tmp_path: Path) -> None:
    done = _run("extract", "x.txt", "-o", str(tmp_path / "c.jsonl"), "--classifier", str(tmp_path))
    assert done.returncode == 2 and "--classifier goes with --learned" in done.stderr


def test_a_sentences_probabilities_do_not_depend_on_the_sentences_beside_it() -> None:
    """The int8 encoder quantises its activations with one scale per input: read in a batch, a short sentence's
    probabilities moved with a long sentence padded beside it (by 0.02 on average over 100 BBC articles' claims),
    so a document's claims depended on how documents were partitioned (issue 18: the same graph for any
    partitioning)."""
    from extractors.learned.encoder import SentenceInput, load_classifier

    short = SentenceInput("Norway backs Kenya.", "", [(0, 6, "GPE"), (13, 18, "GPE")], [(0, 1)], [(0, 0.0)])
    text = ("The European Union, which has long criticised the government in Caracas, said on Monday that it would "
            "impose new sanctions on Venezuela after the disputed election, and Brazil welcomed the decision.")
    spans = [(text.index(name), text.index(name) + len(name), kind)
             for name, kind in (("European Union", "ORG"), ("Venezuela", "GPE"), ("Brazil", "GPE"))]
    long = SentenceInput(text, "Ministers met in Brussels on Monday.", spans, [(0, 1), (0, 2), (1, 2)],
                         [(0, 0.0)] * 3)
    classifier = load_classifier()
    alone = classifier.classify([short])[0]
    beside = classifier.classify([long, short, long])[1]
    # the head's one matrix product over many sentences' pairs may differ in the last bits, never more
    assert abs(alone - beside).max() < 1e-5
