"""Training rows from the two dev sets whose licences let a shipped model learn from them (issue 15): re3d dev
without its BBC documents (stance and affiliation; the other sources are public domain, Open Government Licence,
CC BY or CC BY-SA) and Re-DocRED dev (MIT annotations of Wikipedia; affiliation only).

The rows have the shape of our annotations (``examples.read_annotations``), so ``examples.annotation_examples``
parses and aligns them like ours; each document's text is its sentences joined as paragraphs, so a sentence's
context is the sentence before it. Documents are split by ``examples.split_of`` of the row's ``doc_id`` like ours:
the test documents (and every BBC document of re3d) are never trained on, and ``held_back`` tells the transfer
benchmark which records those are, so a set trained on is scored only on its held-back part.

A pair of kept mentions with no triple is ``none``. re3d's triples count from a crowd confidence of 0.5 (its
``SOURCE.md`` suggests that filter); its ``affiliated_with`` from an organisation (a unit that belongs to an army)
is no affiliation in our guidelines, so it is ``none`` too. Re-DocRED's other relations (citizenship, birthplace,
sports teams) are ``none``. All its sentences with an affiliation are kept, and one in four of those with a person
and an organisation but none (``_keep_negative``, by a hash of the sentence id, so the choice does not depend on
order): on dev, 189 and 81 sentences.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.errors import TrainingDataError
from extractors.learned.classes import best_overlap
from extractors.learned.examples import hash_bucket, split_of

RE3D = "re3d/dev.jsonl"
REDOCRED = "redocred/dev.jsonl"
_NOT_TRAINABLE = "BBC Online"  # CC BY-NC 3.0: measured, never trained on
_RE3D_TYPES = {"Person": "Person", "Organisation": "Organization", "Location": "State", "Nationality": "Group"}
_REDOCRED_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "State"}
_RELATIONS = ("supports", "opposes", "affiliated_with")
MIN_CONFIDENCE = 0.5

Row = dict[str, Any]


def dev_set_of(doc_id: str) -> str | None:
    """``re3d`` or ``redocred`` for a document of these rows, None for any other (ours)."""
    return "re3d" if doc_id.startswith("re3d-") else "redocred" if doc_id.startswith("redocred-") else None


def re3d_doc_id(record: dict[str, Any]) -> str:
    return f"re3d-{record['doc_id']}"


def redocred_doc_id(record: dict[str, Any]) -> str:
    return str(record["id"]).rsplit("-", 1)[0]  # redocred-dev-17-3 -> redocred-dev-17


def held_back(set_file: str, record: dict[str, Any]) -> bool:
    """Whether a record of ``set_file`` (``RE3D`` or ``REDOCRED``) is in a document the classifier never trains
    or calibrates on."""
    if set_file == RE3D:
        return record.get("source") == _NOT_TRAINABLE or split_of(re3d_doc_id(record)) == "test"
    if set_file == REDOCRED:
        return split_of(redocred_doc_id(record)) == "test"
    raise ValueError(f"no dev set {set_file!r} is trained on")


def dev_set_rows(folder: Path) -> tuple[list[Row], dict[str, str]]:
    """The rows of both sets and the text of every document they point into (``folder`` is
    ``../shared/data/external``)."""
    rows: list[Row] = []
    texts: dict[str, str] = {}
    for name, reader in ((RE3D, _re3d_rows), (REDOCRED, _redocred_rows)):
        records = _read(folder / name)
        for doc_id, sentences in _documents(records, name).items():
            text, starts = _joined([r["text"] for r in sentences])
            texts[doc_id] = text
            rows += reader(doc_id, sentences, starts)
    return rows, texts


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as err:
        raise TrainingDataError(f"{path}: cannot read the dev set ({err.strerror}); give --dev-sets the folder "
                                f"that holds {RE3D} and {REDOCRED} (../shared/data/external)") from None


def _documents(records: list[dict[str, Any]], name: str) -> dict[str, list[dict[str, Any]]]:
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if name == RE3D and r.get("source") == _NOT_TRAINABLE:
            continue
        docs[re3d_doc_id(r) if name == RE3D else redocred_doc_id(r)].append(r)
    return {k: sorted(v, key=lambda r: r["sent_idx"]) for k, v in docs.items()}


def _joined(sentences: list[str]) -> tuple[str, list[int]]:
    starts, at = [], 0
    for s in sentences:
        starts.append(at)
        at += len(s) + 2
    return "\n\n".join(sentences), starts


def _re3d_rows(doc_id: str, sentences: list[dict[str, Any]], starts: list[int]) -> Iterator[Row]:
    for record, offset in zip(sentences, starts, strict=True):
        triples = [t for t in record["triples"]
                   if t["relation"] in _RELATIONS and t.get("confidence", 1) >= MIN_CONFIDENCE
                   and t["subject_type"] in _RE3D_TYPES and t["object_type"] in _RE3D_TYPES]
        anchors = [tuple(t[k]) for t in triples for k in ("subject_span", "object_span")]
        entities = [(e["start"], e["end"], _RE3D_TYPES[e["type"]]) for e in record["entities"]
                    if e["type"] in _RE3D_TYPES and e.get("confidence", 1) >= MIN_CONFIDENCE]
        entities += [(t[k][0], t[k][1], _RE3D_TYPES[t[k.split("_")[0] + "_type"]])
                     for t in triples for k in ("subject_span", "object_span")]
        labels = [(tuple(t["subject_span"]), tuple(t["object_span"]),
                   t["relation"] if t["relation"] != "affiliated_with" or t["subject_type"] == "Person" else "none")
                  for t in triples]
        row = _row(doc_id, record, offset, _kept(entities, set(anchors)), labels)
        if row is not None:
            yield row


def _redocred_rows(doc_id: str, sentences: list[dict[str, Any]], starts: list[int]) -> Iterator[Row]:
    for record, offset in zip(sentences, starts, strict=True):
        entities = [(e["start"], e["end"], _REDOCRED_TYPES[e["type"]]) for e in record["entities"]
                    if e["type"] in _REDOCRED_TYPES]
        labels = [(tuple(t["subject_span"]), tuple(t["object_span"]), "affiliated_with") for t in record["triples"]
                  if t["relation"] == "affiliated_with"]
        kinds = {kind for _, _, kind in entities}
        if not labels and not ({"Person", "Organization"} <= kinds and _keep_negative(record["id"])):
            continue
        row = _row(doc_id, record, offset, _kept(entities, {s for lab in labels for s in lab[:2]}), labels)
        if row is not None:
            yield row


def _keep_negative(record_id: str) -> bool:
    """One in four Re-DocRED sentences with a person and an organisation but no affiliation."""
    return hash_bucket(record_id, 4) == 0


def _kept(entities: list[tuple[int, int, str]], anchors: set[Any]) -> list[tuple[int, int, str]]:
    """Non-overlapping mentions: the relations' arguments first, then the longest."""
    ranked = sorted(set(entities), key=lambda e: ((e[0], e[1]) not in anchors, -(e[1] - e[0]), e[0]))
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in ranked:
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, kind))
    return sorted(kept)


def _row(doc_id: str, record: dict[str, Any], offset: int, mentions: list[tuple[int, int, str]],
         labels: list[tuple[Any, Any, str]]) -> Row | None:
    if len(mentions) < 2:
        return None
    spans = [(s, e) for s, e, _ in mentions]
    relation: dict[tuple[int, int], str] = {}
    for subject, obj, label in labels:
        a, b = best_overlap(subject[0], subject[1], spans), best_overlap(obj[0], obj[1], spans)
        if a is not None and b is not None and a != b and relation.get((a, b), "none") == "none":
            relation[(a, b)] = label
    pairs = [{"a": a, "b": b, "label": label, "mod": "asserted"} for (a, b), label in sorted(relation.items())
             if label != "none"]
    related = {(p["a"], p["b"]) for p in pairs} | {(p["b"], p["a"]) for p in pairs}
    pairs += [{"a": a, "b": b, "label": "none"} for a in range(len(mentions)) for b in range(a + 1, len(mentions))
              if (a, b) not in related]
    text = record["text"]
    return {"sid": f"{doc_id}@{offset}", "doc_id": doc_id, "start": offset, "end": offset + len(text),
            "mentions": [{"start": s + offset, "end": e + offset, "text": text[s:e], "type": kind, "ref": None}
                         for s, e, kind in mentions],
            "pairs": pairs}
