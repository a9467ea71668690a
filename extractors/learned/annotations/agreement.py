"""Agreement between the first annotation and the independent second pass (``second_pass.jsonl``).

Pairs are compared where both annotators marked both mentions with the same character span; each pair gets one
label out of none, supports or opposes in either direction, and affiliation in either direction (direction
relative to text order). Prints mention agreement (F1 of one annotator's spans against the other's) and
Cohen's kappa over the shared pairs (scikit-learn), overall and for stance-or-none alone.

    python extractors/learned/annotations/agreement.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SOURCES = ("state_department", "wikinews", "whitehouse_briefings")


def _records(path: Path) -> dict[str, dict[str, Any]]:
    return {r["sid"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _pair_labels(record: dict[str, Any]) -> dict[tuple[tuple[int, int], tuple[int, int]], str]:
    spans = [(m["start"], m["end"]) for m in record["mentions"]]
    out: dict[tuple[tuple[int, int], tuple[int, int]], str] = {}
    for p in record["pairs"]:
        a, b = spans[p["a"]], spans[p["b"]]
        key = (min(a, b), max(a, b))
        if p["label"] == "none":
            out.setdefault(key, "none")
            continue
        arrow = ">" if a < b else "<"
        out[key] = p["label"].replace("affiliated_with", "affiliated") + arrow
    return out


def main() -> None:
    from sklearn.metrics import cohen_kappa_score

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotators", help="only sentences whose first pass is by these (comma-separated, "
                                             "e.g. a7,a8,a9 for round 2)")
    args = parser.parse_args()
    keep = set(args.annotators.split(",")) if args.annotators else None

    first: dict[str, dict[str, Any]] = {}
    for source in SOURCES:
        first.update(_records(HERE / f"{source}.jsonl"))
    second = _records(HERE / "second_pass.jsonl")
    shared_mentions = only_first = only_second = 0
    labels_a: list[str] = []
    labels_b: list[str] = []
    both_skipped = one_skipped = 0
    if keep is not None:
        second = {sid: b for sid, b in second.items() if first[sid]["annotator"] in keep}
        if not second:
            sys.exit(f"agreement.py: no second-pass sentence was first annotated by {args.annotators}; give "
                     f"annotators that have some (e.g. a16 for round 5)")
    for sid, b in second.items():
        a = first[sid]
        if a["skip"] and b["skip"]:
            both_skipped += 1
            continue
        if a["skip"] or b["skip"]:
            one_skipped += 1
        spans_a = {(m["start"], m["end"]) for m in a["mentions"]}
        spans_b = {(m["start"], m["end"]) for m in b["mentions"]}
        shared_mentions += len(spans_a & spans_b)
        only_first += len(spans_a - spans_b)
        only_second += len(spans_b - spans_a)
        pa, pb = _pair_labels(a), _pair_labels(b)
        for key in pa.keys() & pb.keys():
            labels_a.append(pa[key])
            labels_b.append(pb[key])
    mention_f1 = 2 * shared_mentions / (2 * shared_mentions + only_first + only_second)
    kappa = cohen_kappa_score(labels_a, labels_b)
    stance_a = [x if x.startswith(("supports", "opposes")) else "none" for x in labels_a]
    stance_b = [x if x.startswith(("supports", "opposes")) else "none" for x in labels_b]
    print(f"sentences {len(second)} (both skipped {both_skipped}, one skipped {one_skipped})")
    print(f"mentions: shared {shared_mentions}, only first {only_first}, only second {only_second}, "
          f"F1 {mention_f1:.3f}")
    print(f"pairs compared {len(labels_a)} (non-none in either: "
          f"{sum(1 for x, y in zip(labels_a, labels_b, strict=True) if x != 'none' or y != 'none')})")
    print(f"Cohen's kappa, all classes: {kappa:.3f}")
    print(f"Cohen's kappa, stance (supports/opposes with direction vs none): "
          f"{cohen_kappa_score(stance_a, stance_b):.3f}")
    confusion = Counter(zip(labels_a, labels_b, strict=True))
    print("disagreements (first, second): " + ", ".join(f"{a}/{b} {n}" for (a, b), n in confusion.most_common()
                                                        if a != b))


if __name__ == "__main__":
    main()
