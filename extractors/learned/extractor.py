"""``pairs.v5``: the pair-classifier extractor (opt-in: ``--learned``). The classifier decides over candidate actor
pairs, with the rule extractors' claims as evidence; negation, hedging, conditions and questions are read from the
parse.

For each sentence with two or more candidates (``candidates``), every pair is classified once
(``encoder.PairClassifier``); a pair becomes a claim when its most probable relation class reaches the threshold
chosen on held-back annotations, or when the class the rules gave it reaches the lower threshold chosen for that
case (``metrics.decide``: the rules as a prior). The claim's confidence is that calibrated probability.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from extractors.affiliation.rules import extract_affiliation
from extractors.learned.candidates import Candidate, sentence_candidates
from extractors.learned.classes import CLASSES, relation_of, rule_classes
from extractors.learned.encoder import MODEL_DIR, PairClassifier, SentenceInput, load_classifier
from extractors.learned.gate import gated
from extractors.learned.metrics import decide
from extractors.learned.modality import pair_flags
from extractors.learned.voices import read_voices
from extractors.records import Claim, Mention
from extractors.spans import actor_mention, sentence_text, speaker_of
from extractors.stance.rules import extract_stance

NAME = "pairs.v5"
_MAX_CANDIDATES = 12  # a list of thirty delegations is no place for stances between its members


class PairExtractor:
    """The registered extractor: call it on one document, or give ``extract_batch`` many, whose sentences the
    classifier then reads in shared batches. ``with_model`` gives one that uses another classifier folder."""

    __name__ = "extract_pairs"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder

    def __call__(self, doc: Doc, doc_id: str) -> Iterator[Claim]:
        yield from self.extract_batch([(doc, doc_id)])[0]

    def extract_batch(self, docs: Sequence[tuple[Doc, str]]) -> list[list[Claim]]:
        return classify_documents(docs, load_classifier(self.folder or MODEL_DIR))

    def with_model(self, folder: Path) -> PairExtractor:
        return PairExtractor(folder)


extract_pairs = PairExtractor()


def classify_documents(docs: Sequence[tuple[Doc, str]], classifier: PairClassifier) -> list[list[Claim]]:
    """The claims of each document, classifying the candidate pairs of all of them in shared batches."""
    work: list[tuple[int, int, Span, list[Candidate], list[Claim]]] = []
    inputs: list[SentenceInput] = []
    for d, (doc, doc_id) in enumerate(docs):
        rules = [*extract_stance(doc, doc_id), *extract_affiliation(doc, doc_id)]
        voices = read_voices(doc.text)
        for index, sent in enumerate(doc.sents):
            found = sentence_candidates(sent, voices)
            if not 2 <= len(found) <= _MAX_CANDIDATES:
                continue
            item = sentence_input(sent, found, [c for c in rules if c.sentence_index == index],
                                  classifier.gates)
            if item.pairs:
                work.append((d, index, sent, found, rules))
                inputs.append(item)
    out: list[list[Claim]] = [[] for _ in docs]
    for (d, index, sent, found, rules), item, probs in zip(work, inputs, classifier.classify(inputs), strict=True):
        verdicts = np.array([rule for rule, _ in item.rules])
        decided = decide(probs, classifier.threshold, verdicts, classifier.rule_threshold)
        for (i, j), p, cls in zip(item.pairs, probs, decided, strict=True):
            if cls:
                claim = _claim(docs[d][1], index, sent, found[i], found[j], int(cls), float(p[cls]), rules)
                if claim is not None:
                    out[d].append(claim)
    return out


def sentence_input(sent: Span, found: list[Candidate], rules: list[Claim],
                   gates: Sequence[str] = ()) -> SentenceInput:
    """The classifier's input for ``sent``: candidate spans relative to the sentence, every pair of candidates
    naming different things (not the same words, not one name: "I" and the speaker label that opens its turn)
    that none of ``gates`` (``gate.GATES``) rules out, and the rules' verdict on each."""
    start = sent.start_char
    anchors = [c.anchor for c in found]
    verdicts = rule_classes(rules, anchors)
    pairs = [(i, j) for i in range(len(found)) for j in range(i + 1, len(found))
             if not _same_name(found[i], found[j]) and not gated(found[i], found[j], gates)]
    previous = sent.doc[sent.start - 1].sent.text.strip() if sent.start > 0 else ""
    mentions = [(s - start, e - start, c.kind) for (s, e), c in zip(anchors, found, strict=True)]
    return SentenceInput(sent.text, previous, mentions, pairs, [verdicts.get(p, (0, 0.0)) for p in pairs])


def _same_name(first: Candidate, second: Candidate) -> bool:
    return first.text.lower() == second.text.lower() or (first.start < second.end and second.start < first.end)


def _claim(doc_id: str, index: int, sent: Span, first: Candidate, second: Candidate, cls: int, prob: float,
           rules: list[Claim]) -> Claim | None:
    relation, backward = relation_of(cls)
    holder, target = (second, first) if backward else (first, second)
    if relation == "affiliated_with" and holder.kind not in ("PERSON", "NOUN"):
        return None
    negated, hedged, top = pair_flags(holder.token, target.token, sent)
    speaker = speaker_of(top)
    attributed = actor_mention(speaker) if speaker is not None else None
    text, start = sentence_text(sent)
    agreeing = [c for c in rules if c.relation == relation and _covers(c.subject, holder) and _covers(c.object, target)]
    role = agreeing[0].role if agreeing and relation == "affiliated_with" else None
    cue = agreeing[0].cue if agreeing else top.lemma_.lower()
    return Claim(doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start, relation=relation,
                 subject=_mention(holder), object=_mention(target), cue=cue, extractor=NAME,
                 confidence=round(prob, 3), negated=negated and relation != "affiliated_with",
                 hedged=hedged and relation != "affiliated_with", role=role,
                 attributed_to=attributed if relation != "affiliated_with" else None,
                 extras=(("class", CLASSES[cls]),))


def _mention(candidate: Candidate) -> Mention:
    return Mention(text=candidate.text, start=candidate.start, end=candidate.end, kind=candidate.kind)


def _covers(mention: Mention, candidate: Candidate) -> bool:
    s, e = candidate.anchor
    return mention.start < max(e, candidate.end) and min(s, candidate.start) < mention.end
