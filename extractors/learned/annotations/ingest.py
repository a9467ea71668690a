"""Turn annotators' batch files into the annotation files of this folder (see README.md).

An annotator's file has one line a sentence of its slice: mentions as exact text and occurrence number, and the
pairs that are not ``none``. This script finds each mention's character offsets in the document, lists every pair
of mentions (``none`` where the annotator gave no label) and merges them into the file of their corpus source: a
later round of annotation adds to the earlier ones, and a sentence already there keeps its first annotation (the
later one is counted and left out). Annotator ids come from the batch names: ``slice_7.jsonl`` is annotator ``a7``.

    python extractors/learned/annotations/ingest.py --corpus ../shared/data/corpus --slices SLICES_DIR \
        --batches OUT_DIR --out extractors/learned/annotations
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path
from typing import Any


def _nth(text: str, sub: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.find(sub, at + 1)
        if at < 0:
            return -1
    return at


def convert(row: dict[str, Any], sentence: dict[str, Any], start: int, annotator: str) -> dict[str, Any]:
    """One annotated sentence in the shipped format: offsets into the document, every pair listed."""
    text = sentence["text"]
    mentions = []
    for m in row.get("mentions") or []:
        at = _nth(text, m["text"], int(m.get("n", 1)))
        if at < 0:
            raise ValueError(f"{row['sid']}: mention {m['text']!r} not in the sentence")
        mentions.append({"start": start + at, "end": start + at + len(m["text"]), "text": m["text"],
                         "type": m["type"], "ref": m.get("ref")})
    labelled: dict[tuple[int, int], dict[str, Any]] = {}
    for p in row.get("pairs") or []:
        key = (min(p["a"], p["b"]), max(p["a"], p["b"]))
        if key in labelled:  # a second label for the same two mentions (both directions): keep both
            labelled[(key[1], key[0])] = p
            continue
        labelled[key] = p
    pairs = []
    for a, b in combinations(range(len(mentions)), 2):
        found = [labelled[k] for k in ((a, b), (b, a)) if k in labelled]
        if not found:
            pairs.append({"a": a, "b": b, "label": "none"})
        for p in found:
            out = {"a": p["a"], "b": p["b"], "label": p["label"]}
            if p["label"] == "affiliated_with":
                out["role"] = p.get("role") or "member"
            else:
                out["mod"] = p.get("mod") or "asserted"
            pairs.append(out)
    return {"sid": row["sid"], "doc_id": row["sid"].rsplit("@", 1)[0], "start": start,
            "end": start + len(text), "annotator": annotator, "skip": row.get("skip") or None,
            "mentions": mentions if not row.get("skip") else [], "pairs": pairs if not row.get("skip") else []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slices", type=Path, required=True)
    parser.add_argument("--batches", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    by_source: dict[str, list[dict[str, Any]]] = {}
    for batch in sorted(args.batches.glob("*.jsonl")):
        second = batch.stem == "second_pass"
        annotator = "second" if second else f"a{batch.stem.rsplit('_', 1)[-1]}"
        sentences = {}
        for line in (args.slices / batch.name).read_text(encoding="utf-8").splitlines():
            s = json.loads(line)
            sentences[s["sid"]] = s
        for line in batch.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            sentence = sentences[row["sid"]]
            record = convert(row, sentence, int(row["sid"].rsplit("@", 1)[1]), annotator)
            by_source.setdefault("second_pass" if second else sentence["source"], []).append(record)
    for source, records in by_source.items():
        path = args.out / f"{source}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        merged = {r["sid"]: r for r in map(json.loads, lines)}
        added = [r for r in records if r["sid"] not in merged]
        merged.update((r["sid"], r) for r in added)
        rows = sorted(merged.values(), key=lambda r: (r["doc_id"], r["start"]))
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path}: {len(added)} sentences added, {len(records) - len(added)} already there kept as they "
              f"were, {len(rows)} in all")


if __name__ == "__main__":
    main()
