"""The dev sets the classifier may train on: only trainable documents, the labels our guidelines give, and offsets
into the joined document text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors.learned.devsets import RE3D, REDOCRED, dev_set_of, dev_set_rows, held_back
from extractors.learned.examples import split_of
from tests.conftest import SHARED

EXTERNAL = SHARED / "data" / "external"


def _entity(text: str, sentence: str, kind: str, confidence: float = 1.0) -> dict[str, Any]:
    start = sentence.index(text)
    return {"text": text, "type": kind, "start": start, "end": start + len(text), "confidence": confidence}


def _triple(subject: dict[str, Any], relation: str, obj: dict[str, Any], confidence: float = 1.0) -> dict[str, Any]:
    return {"subject": subject["text"], "object": obj["text"], "relation": relation, "confidence": confidence,
            "subject_type": subject["type"], "object_type": obj["type"],
            "subject_span": [subject["start"], subject["end"]], "object_span": [obj["start"], obj["end"]]}


def _write(folder: Path, re3d: list[dict[str, Any]], redocred: list[dict[str, Any]]) -> Path:
    for name, records in ((RE3D, re3d), (REDOCRED, redocred)):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def _re3d(doc: str, idx: int, text: str, entities: list[dict[str, Any]], triples: list[dict[str, Any]],
          source: str = "CENTCOM") -> dict[str, Any]:
    return {"id": f"{doc}-{idx}", "doc_id": doc, "sent_idx": idx, "text": text, "entities": entities,
            "triples": triples, "source": source}


def test_re3d_rows_keep_direction_drop_bbc_and_read_an_organisation_s_membership_as_none(tmp_path: Path) -> None:
    first = "Coalition forces struck ISIL near Mosul."
    second = "The rebels, whom Qatar armed, joined the Free Army."
    forces, isil, mosul = (_entity(t, first, k) for t, k in (("Coalition forces", "Organisation"),
                                                            ("ISIL", "Organisation"), ("Mosul", "Location")))
    rebels, qatar, army = (_entity(t, second, "Organisation") for t in ("rebels", "Qatar", "Free Army"))
    bbc = "Russia backed the Syrian army."
    russia, syria = _entity("Russia", bbc, "Location"), _entity("Syrian army", bbc, "Organisation")
    folder = _write(tmp_path, [
        _re3d("D1", 0, first, [forces, isil, mosul], [_triple(forces, "opposes", isil)]),
        _re3d("D1", 1, second, [rebels, qatar, army],
              [_triple(qatar, "supports", rebels), _triple(rebels, "affiliated_with", army),
               _triple(qatar, "opposes", army, confidence=0.2)]),
        _re3d("B1", 0, bbc, [russia, syria], [_triple(russia, "supports", syria)], source="BBC Online"),
    ], [])
    rows, texts = dev_set_rows(folder)
    assert {r["doc_id"] for r in rows} == {"re3d-D1"}  # the BBC document is measured, never trained on
    assert dev_set_of("re3d-D1") == "re3d" and dev_set_of("wn-2019-01-04-magnitogorsk") is None
    one, two = rows
    text = texts["re3d-D1"]
    assert text[one["start"] : one["end"]] == first and text[two["start"] : two["end"]] == second
    assert two["start"] == len(first) + 2  # sentences are paragraphs, so the first is the second's context
    for row in rows:
        assert all(text[m["start"] : m["end"]] == m["text"] for m in row["mentions"])
    names = [m["text"] for m in two["mentions"]]
    labels = {(names[p["a"]], names[p["b"]]): p["label"] for p in two["pairs"]}
    assert labels == {("Qatar", "rebels"): "supports", ("rebels", "Free Army"): "none",
                      ("Qatar", "Free Army"): "none"}  # an organisation's membership, and a triple below 0.5
    names = [m["text"] for m in one["mentions"]]
    assert {(names[p["a"]], names[p["b"]]): p["label"] for p in one["pairs"]}[("Coalition forces", "ISIL")] \
        == "opposes"
    assert len(one["pairs"]) == 3  # every pair of the three mentions once


def test_redocred_rows_are_affiliations_with_every_other_relation_none(tmp_path: Path) -> None:
    text = "Jan Novak , a member of the Civic Party , was born in Brno ."
    jan, party, brno = (_entity(t, text, k) for t, k in (("Jan Novak", "PER"), ("Civic Party", "ORG"),
                                                        ("Brno", "LOC")))
    record = {"id": "redocred-dev-7-0", "doc_title": "Jan Novak", "sent_idx": 0, "text": text,
              "entities": [jan, party, brno],
              "triples": [_triple(jan, "affiliated_with", party), _triple(jan, "P19:place of birth", brno)]}
    rows, texts = dev_set_rows(_write(tmp_path, [], [record]))
    (row,) = rows
    assert row["doc_id"] == "redocred-dev-7" and texts["redocred-dev-7"] == text
    assert dev_set_of(row["doc_id"]) == "redocred"
    names = [m["text"] for m in row["mentions"]]
    labels = {(names[p["a"]], names[p["b"]]): p["label"] for p in row["pairs"]}
    assert labels == {("Jan Novak", "Civic Party"): "affiliated_with", ("Jan Novak", "Brno"): "none",
                      ("Civic Party", "Brno"): "none"}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="needs ../shared/data/external beside the project")
def test_no_row_of_the_shared_dev_sets_lies_in_a_document_the_transfer_table_scores() -> None:
    rows, texts = dev_set_rows(EXTERNAL)
    assert len(rows) > 400
    trained = {r["doc_id"] for r in rows if split_of(r["doc_id"]) == "train"}
    for name in (RE3D, REDOCRED):
        for line in (EXTERNAL / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            doc = f"re3d-{record['doc_id']}" if name == RE3D else record["id"].rsplit("-", 1)[0]
            if held_back(name, record):
                assert doc not in trained, record["id"]
            if name == RE3D and record["source"] == "BBC Online":
                assert held_back(name, record) and doc not in texts
    for row in rows:
        assert all(texts[row["doc_id"]][m["start"] : m["end"]] == m["text"] for m in row["mentions"])
