"""Choose corpus sentences for a round of annotation (round 2 of issue 15; round 1 is described in README.md).

    python extractors/learned/annotations/pick_sentences.py --corpus ../shared/data/corpus -o selected.jsonl

Only documents of the training split (``examples.split_of(doc_id) == "train"``) are read, so the held-back test and
calibration documents stay as round 1 left them, and sentences labelled in round 1 (or overlapping one) are
skipped; sentences round 1 skipped as unlabelled are not, so 160 of round 2's 1,400 picks repeat them, and
``ingest.py`` keeps round 1's record of those. Documents are visited in an order fixed by a hash of their id; a
sentence qualifies when it has 6-70 tokens, no line break and at least two distinct PERSON/ORG/GPE/NORP entities.
Three in four chosen sentences contain a stance cue (a lemma of ``extractors/data/stance_lexicon.tsv`` or
``evaluation_lexicon.tsv``), which enriches the rare stance classes; the rest are any qualifying sentence, as in
round 1. The cue is a selection aid, never a label.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from extractors.learned.examples import SOURCES, read_annotations, split_of
from extractors.lexicon import read_table
from extractors.nlp import load_pipeline

QUOTA = {"wikinews": 400, "state_department": 500, "whitehouse_briefings": 500}
PER_DOC = {"state_department": 4, "wikinews": 6, "whitehouse_briefings": 10}
LABELS = {"PERSON", "ORG", "GPE", "NORP"}
CUE_SHARE = 3 / 4


def cue_lemmas() -> set[str]:
    """The first word of every lemma in the two stance lexicons."""
    return {row["lemma"].split()[0].lower() for name in ("stance_lexicon.tsv", "evaluation_lexicon.tsv")
            for row in read_table(name)}


def select(corpus: Path) -> list[dict[str, Any]]:
    cues = cue_lemmas()
    taken_spans: dict[str, list[tuple[int, int]]] = {}
    for row in read_annotations():
        taken_spans.setdefault(row["doc_id"], []).append((row["start"], row["end"]))
    nlp = load_pipeline()
    chosen = []
    for source in SOURCES:
        records = [json.loads(line) for line in (corpus / f"{source}.jsonl").read_text(encoding="utf-8").splitlines()]
        records = sorted((r for r in records if split_of(r["id"]) == "train"),
                         key=lambda r: hashlib.sha1(("round2" + r["id"]).encode()).hexdigest())
        quota = {"cue": int(QUOTA[source] * CUE_SHARE)}
        quota["plain"] = QUOTA[source] - quota["cue"]
        took = {"cue": 0, "plain": 0}
        for record in records:
            if took == quota:
                break
            sents = list(nlp(record["text"][:200_000]).sents)
            got = 0
            for i, sent in enumerate(sents):
                taken = taken_spans.get(record["id"], [])
                if got >= PER_DOC[source] or any(s < sent.end_char and sent.start_char < e for s, e in taken):
                    continue
                ents = [e for e in sent.ents if e.label_ in LABELS]
                if not 6 <= len(sent) <= 70 or "\n" in sent.text.strip() or len({e.text for e in ents}) < 2:
                    continue
                kind = "cue" if any(t.lemma_.lower() in cues for t in sent) else "plain"
                if took[kind] >= quota[kind]:
                    continue
                chosen.append({
                    "sid": f"{record['id']}@{sent.start_char}", "doc_id": record["id"], "source": source,
                    "start": sent.start_char, "end": sent.end_char, "text": sent.text,
                    "context": sents[i - 1].text if i else "", "title": record["title"], "date": record["date"],
                    "selected_for": kind, "mentions": [[e.text, e.label_] for e in ents]})
                got += 1
                took[kind] += 1
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    rows = select(args.corpus)
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{args.output}: {len(rows)} sentences")


if __name__ == "__main__":
    main()
