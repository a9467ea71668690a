"""Training and test examples for the pair classifier, from our annotations and the corpus they point into.

An example is one sentence: its text, the sentence before it (context), its candidate mentions (as the run-time
extractor finds them, ``candidates``), and for every pair of candidates the gold class and the rules' verdict.
Candidates are aligned with the annotated mentions by character overlap; an annotated mention no candidate
covers is added as a candidate of its own, so the classifier also learns relations the candidate finder
misses (they count against the candidate recall ceiling, reported separately). Who says "I" is read from the
whole document's text (``voices``), as at run time, though only the sentence's paragraphs are parsed.

Documents are split by a hash of their id: 20% are held back for the test figures and never trained on, 10%
calibrate the probabilities and choose the decision threshold, the rest train.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from extractors.errors import TrainingDataError
from extractors.learned.candidates import Candidate, sentence_candidates
from extractors.learned.classes import best_overlap, pair_class, rule_classes
from extractors.learned.voices import Voices, read_voices
from extractors.records import Claim
from extractors.registry import get_extractor

ANNOTATIONS = Path(__file__).parent / "annotations"
SOURCES = ("state_department", "wikinews", "whitehouse_briefings")
_GOLD_KIND = {"Person": "PERSON", "State": "GPE", "Organization": "ORG", "GovernmentBody": "ORG",
              "ArmedGroup": "ORG", "Group": "NORP"}
RULES = ("stance.v1", "affiliation.v1")


@dataclass
class Example:
    """One sentence with candidate spans relative to ``text`` and a row per unordered candidate pair:
    ``(i, j, gold class, rule class, rule confidence)``, ``i`` before ``j`` in the text."""

    id: str
    doc_id: str
    split: str
    text: str
    context: str
    mentions: list[tuple[int, int, str]]
    pairs: list[tuple[int, int, int, int, float]]
    gold_pairs: int = 0  # annotated non-none pairs, for the candidate recall ceiling
    covered_pairs: int = 0  # of those, how many join two candidates the finder found itself
    gold_only: list[int] = field(default_factory=list)  # mentions no candidate covers (trained on, never scored)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Example:
        raw = json.loads(line)
        raw["mentions"] = [tuple(m) for m in raw["mentions"]]
        raw["pairs"] = [tuple(p) for p in raw["pairs"]]
        return cls(**raw)


def hash_bucket(key: str, buckets: int) -> int:
    """A bucket in ``range(buckets)`` fixed by ``key`` alone (a SHA-1 prefix), the same on every machine and run."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % buckets


def split_of(doc_id: str) -> str:
    """``test`` for a fifth of the documents, ``calibration`` for a tenth, ``train`` for the rest.

    Examples:
        >>> split_of("wn-2019-01-04-magnitogorsk-apartment-building-collapses-after-ex-e8d671")
        'train'
    """
    bucket = hash_bucket(doc_id, 10)
    return "test" if bucket < 2 else "calibration" if bucket == 2 else "train"


def read_annotations(folder: Path = ANNOTATIONS) -> list[dict[str, Any]]:
    """Every annotated, not skipped sentence of the three sources (not the second pass)."""
    rows = []
    for source in SOURCES:
        path = folder / f"{source}.jsonl"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise TrainingDataError(f"{path}: cannot read the annotations ({err.strerror}); restore it from "
                                    f"git") from None
        rows += [r for r in map(json.loads, lines) if not r["skip"]]
    return rows


def read_corpus(folder: Path) -> dict[str, str]:
    """Document id -> text, for every document of the corpus folder's three JSONL files."""
    texts = {}
    for source in SOURCES:
        path = folder / f"{source}.jsonl"
        if not path.exists():
            raise TrainingDataError(f"{path}: no such file; give --corpus the folder that holds "
                                    f"{', '.join(s + '.jsonl' for s in SOURCES)} (../shared/data/corpus)")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def annotation_examples(nlp: Language, rows: Sequence[dict[str, Any]], texts: dict[str, str]) -> Iterator[Example]:
    """Examples of the annotated sentences; each is parsed with the paragraph before it, as at run time the
    parser and the rules see what precedes a sentence."""
    windows = [_window(texts[row["doc_id"]], row["start"], row["end"]) for row in rows]
    docs = nlp.pipe((text for text, _ in windows), batch_size=32)
    for row, (_, offset), doc in zip(rows, windows, docs, strict=True):
        span = doc.char_span(row["start"] - offset, row["end"] - offset, alignment_mode="expand")
        if span is None:
            continue
        rules = [c for name in RULES for c in get_extractor(name)(doc, row["doc_id"])]
        yield _example(row, span, offset, rules, read_voices(texts[row["doc_id"]], offset))


def _window(text: str, start: int, end: int) -> tuple[str, int]:
    """The text from the start of the paragraph before the sentence's to the end of the sentence's paragraph."""
    para_start = text.rfind("\n\n", 0, start)
    before = text.rfind("\n\n", 0, para_start) if para_start > 0 else -1
    begin = before + 2 if before >= 0 else 0
    stop = text.find("\n\n", end)
    return text[begin : stop if stop >= 0 else len(text)], begin


def _example(row: dict[str, Any], span: Span, offset: int, rules: list[Claim], voices: Voices) -> Example:
    sent_start = span.start_char + offset
    found = sentence_candidates(span, voices)
    gold = row["mentions"]
    aligned = [_align(_anchor(c, offset), gold) for c in found]
    extra = [k for k in range(len(gold)) if k not in aligned]
    spans = [(_anchor(c, offset), c.kind) for c in found]
    spans += [((gold[k]["start"], gold[k]["end"]), _GOLD_KIND[gold[k]["type"]]) for k in extra]
    aligned += extra
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    labels = _gold_labels(row)
    verdicts = rule_classes(rules, [(spans[k][0][0] - offset, spans[k][0][1] - offset) for k in order])
    pairs = []
    for x in range(len(order)):
        for y in range(x + 1, len(order)):
            a, b = aligned[order[x]], aligned[order[y]]
            gold_class = pair_class(labels.get((a, b)), labels.get((b, a))) if a is not None and b is not None else 0
            rule_class, rule_conf = verdicts.get((x, y), (0, 0.0))
            pairs.append((x, y, gold_class, rule_class, rule_conf))
    gold_pairs = {tuple(sorted(k)) for k, v in labels.items() if v != "none"}
    found_gold = {aligned[k] for k in range(len(found)) if aligned[k] is not None}
    covered = sum(1 for a, b in gold_pairs if a in found_gold and b in found_gold)
    mentions = [(spans[k][0][0] - sent_start, spans[k][0][1] - sent_start, spans[k][1]) for k in order]
    gold_only = [x for x, k in enumerate(order) if k >= len(found)]
    return Example(row["sid"], row["doc_id"], split_of(row["doc_id"]), span.text, _context(span), mentions, pairs,
                   len(gold_pairs), covered, gold_only)


def _anchor(candidate: Candidate, offset: int) -> tuple[int, int]:
    start, end = candidate.anchor
    return start + offset, end + offset


def _align(span: tuple[int, int], gold: list[dict[str, Any]]) -> int | None:
    return best_overlap(span[0], span[1], [(m["start"], m["end"]) for m in gold])


def _gold_labels(row: dict[str, Any]) -> dict[tuple[int, int], str]:
    labels: dict[tuple[int, int], str] = {}
    for p in row["pairs"]:
        if p["label"] != "none" or (p["a"], p["b"]) not in labels:
            labels[(p["a"], p["b"])] = p["label"]
    return labels


def _context(span: Span) -> str:
    doc = span.doc
    if span.start == 0:
        return ""
    return doc[span.start - 1].sent.text.strip()


def write_examples(examples: Iterable[Example], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for example in examples:
            f.write(example.to_json() + "\n")
            n += 1
    return n


def load_examples(path: Path) -> list[Example]:
    return [Example.from_json(line) for line in path.read_text(encoding="utf-8").splitlines()]
