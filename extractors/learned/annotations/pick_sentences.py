"""Choose corpus sentences for a round of annotation (rounds 2 to 7; round 1 is described in README.md).

    python extractors/learned/annotations/pick_sentences.py --round 3 --corpus ../shared/data/corpus -o picked.jsonl

Each round has its quotas (``ROUNDS``) and its own document order; run against the annotations of the commit before
the round was added (round 2: 0361eb2's; round 3: 541f08d's; round 4: 335cc83's; round 5: 5cc8517's; round 6:
129ea9e's; round 7: bf5a334's) it gives that round's sentences again.

Only documents of the training split (``examples.split_of(doc_id) == "train"``) are read, so the held-back test and
calibration documents stay as round 1 left them, and sentences labelled in round 1 (or overlapping one) are
skipped; in round 2 sentences round 1 had skipped as unlabelled were not, so 160 of its 1,400 picks repeat them
(``ingest.py`` keeps round 1's record of those); from round 3 every annotated sentence is left out. Documents are
visited in an order fixed by a hash of their id; a sentence qualifies when it has 6-70 tokens, no line break and at
least two distinct PERSON/ORG/GPE/NORP entities. Three in four chosen sentences contain a stance cue (a lemma of
``extractors/data/stance_lexicon.tsv`` or ``evaluation_lexicon.tsv``), which enriches the rare stance classes; the
rest are any qualifying sentence, as in round 1. The cue is a selection aid, never a label.

Round 7 looks for what the transfer sets showed the classifier lacks, instead of stance cues: half its sentences
name a person next to a place (``place``: a GPE within three words after a PERSON, joined by "of", "from", "in" or
a comma, or a word of residence or origin such as "resident", "native" or "hometown"), a quarter name a person and
a party or its members (``party``), and a quarter are any qualifying sentence. Wikinews, whose documents ran out of
qualifying sentences at six a document, is read up to twelve a document. These kinds, too, only choose sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from extractors.learned.examples import ANNOTATIONS, SOURCES, read_annotations, split_of
from extractors.lexicon import read_table
from extractors.nlp import load_pipeline


@dataclass(frozen=True)
class Round:
    quota: dict[str, int]  # sentences a source
    per_doc: dict[str, int]  # at most this many a document
    skipped_count: bool  # sentences an earlier round skipped count as annotated
    shares: tuple[tuple[str, float], ...] = (("cue", 3 / 4),)  # kinds of sentence, tried in order; "plain" the rest


# At most this many sentences a document, in every round from 2 on
PER_DOC = {"state_department": 4, "wikinews": 6, "whitehouse_briefings": 10}
ROUNDS = {
    2: Round({"wikinews": 400, "state_department": 500, "whitehouse_briefings": 500},
             PER_DOC, skipped_count=False),
    3: Round({"wikinews": 300, "state_department": 400, "whitehouse_briefings": 700},
             PER_DOC, skipped_count=True),
    4: Round({"wikinews": 0, "state_department": 240, "whitehouse_briefings": 360},
             PER_DOC, skipped_count=True),
    5: Round({"wikinews": 0, "state_department": 500, "whitehouse_briefings": 1000},
             PER_DOC, skipped_count=True),
    6: Round({"wikinews": 0, "state_department": 400, "whitehouse_briefings": 800},
             PER_DOC, skipped_count=True),
    7: Round({"wikinews": 300, "state_department": 120, "whitehouse_briefings": 280},
             PER_DOC | {"wikinews": 12}, skipped_count=True, shares=(("place", 1 / 2), ("party", 1 / 4))),
}
LABELS = {"PERSON", "ORG", "GPE", "NORP"}
ORIGIN_WORDS = {"resident", "residents", "native", "natives", "hometown", "born", "raised", "lives", "lived",
                "living", "grew"}
PLACE_JOINS = {"of", "from", "in", ","}
PARTY_WORDS = {"democrat", "democrats", "democratic", "republican", "republicans", "gop", "labour", "tory",
               "tories", "conservative", "conservatives", "liberal", "liberals", "party", "socialist",
               "socialists", "green", "greens"}


def cue_lemmas() -> set[str]:
    """The first word of every lemma in the two stance lexicons."""
    return {row["lemma"].split()[0].lower() for name in ("stance_lexicon.tsv", "evaluation_lexicon.tsv")
            for row in read_table(name)}


def annotated(skipped_count: bool) -> list[dict[str, Any]]:
    """The annotated sentences, with or without the skipped ones."""
    if not skipped_count:
        return read_annotations()
    return [json.loads(line) for source in SOURCES
            for line in (ANNOTATIONS / f"{source}.jsonl").read_text(encoding="utf-8").splitlines()]


def has_cue(sent: Span, ents: list[Span], cues: set[str]) -> bool:
    """A word of the sentence is a stance cue."""
    return any(t.lemma_.lower() in cues for t in sent)


def person_by_place(sent: Span, ents: list[Span], cues: set[str]) -> bool:
    """A person and a GPE in the sentence, the GPE just after the person or a word of residence or origin there."""
    people = [e for e in ents if e.label_ == "PERSON"]
    places = [e for e in ents if e.label_ == "GPE"]
    if not people or not places:
        return False
    if any(t.lower_ in ORIGIN_WORDS for t in sent):
        return True
    return any(0 <= place.start - person.end <= 3
               and {t.lower_ for t in sent.doc[person.end:place.start]} & PLACE_JOINS
               for person in people for place in places)


def person_and_party(sent: Span, ents: list[Span], cues: set[str]) -> bool:
    """A person and a party (or its members) in the sentence."""
    return any(e.label_ == "PERSON" for e in ents) and any(
        e.label_ in {"NORP", "ORG"} and PARTY_WORDS & {t.lower_ for t in e} for e in ents)


KINDS: dict[str, Callable[[Span, list[Span], set[str]], bool]] = {
    "cue": has_cue, "place": person_by_place, "party": person_and_party}


def kind_of(sent: Span, ents: list[Span], kinds: tuple[str, ...], cues: set[str]) -> str:
    """The first of ``kinds`` the sentence is, else ``plain``."""
    return next((kind for kind in kinds if KINDS[kind](sent, ents, cues)), "plain")


def select(corpus: Path, number: int) -> list[dict[str, Any]]:
    spec = ROUNDS[number]
    cues = cue_lemmas()
    taken_spans: dict[str, list[tuple[int, int]]] = {}
    for row in annotated(spec.skipped_count):
        taken_spans.setdefault(row["doc_id"], []).append((row["start"], row["end"]))
    nlp = load_pipeline()
    chosen = []
    for source in SOURCES:
        records = [json.loads(line) for line in (corpus / f"{source}.jsonl").read_text(encoding="utf-8").splitlines()]
        records = sorted((r for r in records if split_of(r["id"]) == "train"),
                         key=lambda r: hashlib.sha1(f"round{number}{r['id']}".encode()).hexdigest())
        quota = {kind: int(spec.quota[source] * share) for kind, share in spec.shares}
        quota["plain"] = spec.quota[source] - sum(quota.values())
        took = dict.fromkeys(quota, 0)
        kinds = tuple(kind for kind, _ in spec.shares)
        for record in records:
            if took == quota:
                break
            sents = list(nlp(record["text"][:200_000]).sents)
            got = 0
            for i, sent in enumerate(sents):
                taken = taken_spans.get(record["id"], [])
                if got >= spec.per_doc[source] or any(s < sent.end_char and sent.start_char < e for s, e in taken):
                    continue
                ents = [e for e in sent.ents if e.label_ in LABELS]
                if not 6 <= len(sent) <= 70 or "\n" in sent.text.strip() or len({e.text for e in ents}) < 2:
                    continue
                kind = kind_of(sent, ents, kinds, cues)
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
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=max(ROUNDS))
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    rows = select(args.corpus, args.round)
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{args.output}: {len(rows)} sentences")


if __name__ == "__main__":
    main()
