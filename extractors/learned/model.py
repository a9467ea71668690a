"""The learned, opt-in stance layer: a logistic regression over hashed pair features (``stance_features``).

It adds claims only for pairs of named actors the rules left without a claim, never overriding a rule. A model
is a directory written by ``stancegraph train-stance`` (``weights.npz``, ``model.json``, ``MODEL_CARD.md``); no
weights ship with the package, because the data they are trained on is not free to redistribute.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Span, Token

from extractors.errors import ExtractorError
from extractors.learned.features import FEATURE_VERSION, Candidate, candidates, pair_features, sentence_context
from extractors.records import Claim, Mention
from extractors.spans import (
    CONDITION_MARKS,
    HEDGE_MODALS,
    actor_mention,
    clause_flags,
    mention_of,
    sentence_text,
    speaker_of,
)

NAME = "stance.learned.v1"
CLASSES = ("none", "supports", "opposes")
FORMAT = "stancegraph-stance-model/1"

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class StanceModelError(ExtractorError):
    """A model directory that is missing, incomplete or from another feature version."""


def hash_features(feats: Iterable[str], bits: int) -> IntArray:
    """Distinct indices of ``feats`` in a table of 2**``bits`` weights (CRC32: the same in every process).

    Examples:
        >>> hash_features(["bias", "bias", "top=say"], 4).tolist() == sorted({zlib.crc32(b"bias") % 16,
        ...                                                                   zlib.crc32(b"top=say") % 16})
        True
    """
    mask = (1 << bits) - 1
    return np.unique(np.fromiter((zlib.crc32(f.encode("utf-8")) & mask for f in feats), dtype=np.int64))


@dataclass
class LinearModel:
    """Multinomial logistic regression over binary hashed features: ``weights`` (2**bits x classes)."""

    weights: FloatArray
    bias: FloatArray
    temperature: float = 1.0

    def probabilities(self, rows: Sequence[IntArray]) -> FloatArray:
        """Class probabilities, one row per example (each example a vector of feature indices)."""
        if not rows:
            return np.zeros((0, len(self.bias)))
        return _softmax(_logits(self.weights, self.bias, rows) / self.temperature)


def _logits(weights: FloatArray, bias: FloatArray, rows: Sequence[IntArray]) -> FloatArray:
    flat = np.concatenate(rows)
    starts = np.cumsum([0] + [len(r) for r in rows[:-1]])
    return np.add.reduceat(weights[flat], starts, axis=0) + bias


def _softmax(z: FloatArray) -> FloatArray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def fit(rows: Sequence[IntArray], labels: IntArray, bits: int, l2: float = 1e-4, steps: int = 300,
        rate: float = 0.05, weights: FloatArray | None = None) -> LinearModel:
    """Full-batch Adam on the (``weights``-weighted) mean log loss plus ``l2``; deterministic for the same input."""
    n, k, dim = len(rows), len(CLASSES), 1 << bits
    flat = np.concatenate(rows)
    owner = np.repeat(np.arange(n), [len(r) for r in rows])
    starts = np.cumsum([0] + [len(r) for r in rows[:-1]])
    onehot = np.eye(k)[labels]
    params = [np.zeros((dim, k)), np.zeros(k)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, steps + 1):
        table, bias = params
        probs = _softmax(np.add.reduceat(table[flat], starts, axis=0) + bias)
        err = (probs - onehot) / n if weights is None else (probs - onehot) * (weights / weights.sum())[:, None]
        per_token = err[owner]
        grad_w = np.stack([np.bincount(flat, weights=per_token[:, c], minlength=dim) for c in range(k)], axis=1)
        grads = [grad_w + l2 * table, err.sum(axis=0)]
        for p, g, (m, v) in zip(params, grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return LinearModel(params[0], params[1])


@dataclass
class StanceModel:
    """A trained model with the threshold and confidence cap it was trained with (see ``model.json``)."""

    linear: LinearModel
    bits: int
    threshold: float
    cap: float
    path: Path | None = None

    def scores(self, pairs: Sequence[tuple[Candidate, Candidate]]) -> FloatArray:
        """Class probabilities of directed pairs, all from one sentence."""
        context = sentence_context(pairs[0][0].span.sent) if pairs else None
        rows = [hash_features(pair_features(h, t, context), self.bits) for h, t in pairs]
        return self.linear.probabilities(rows)


def load_stance_model(path: Path) -> StanceModel:
    """Read a model directory written by ``stancegraph train-stance``; a clear error if it is not one."""
    meta_path, weights_path = path / "model.json", path / "weights.npz"
    if not path.is_dir():
        raise StanceModelError(f"{path}: no such model directory; train one with 'stancegraph train-stance'")
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(weights_path) as arrays:
            weights, bias = arrays["weights"].astype(np.float64), arrays["bias"].astype(np.float64)
    except (OSError, ValueError, KeyError) as err:
        raise StanceModelError(f"{path}: not a stance model directory (cannot read model.json and weights.npz: "
                               f"{err.__class__.__name__}); retrain it with 'stancegraph train-stance'") from None
    if meta.get("format") != FORMAT or meta.get("feature_version") != FEATURE_VERSION:
        raise StanceModelError(f"{path}: model format {meta.get('format')!r} feature version "
                               f"{meta.get('feature_version')!r} does not match this stancegraph ({FORMAT}, "
                               f"{FEATURE_VERSION}); retrain it with 'stancegraph train-stance'")
    bits = int(meta["bits"])
    if weights.shape != (1 << bits, len(CLASSES)) or bias.shape != (len(CLASSES),):
        raise StanceModelError(f"{path}: weights.npz does not fit model.json; retrain it with "
                               f"'stancegraph train-stance'")
    linear = LinearModel(weights, bias, float(meta["temperature"]))
    return StanceModel(linear, bits, float(meta["threshold"]), float(meta["cap"]), path)


def learned_claims(doc: Doc, doc_id: str, model: StanceModel, rule_claims: Sequence[Claim]) -> Iterator[Claim]:
    """Claims of the model for pairs of named actors that no rule claim joins, most probable first per sentence."""
    for index, sent in enumerate(doc.sents):
        covered = [(c.subject, c.object) for c in rule_claims if c.sentence_index == index
                   and c.relation != "affiliated_with"]
        found = candidates(sent)
        pairs = [(h, t) for h in found for t in found
                 if h.span.start != t.span.start and h.span.text.lower() != t.span.text.lower()
                 and not any(_joins(a, b, h.span, t.span) for a, b in covered)]
        if not pairs:
            continue
        probs = model.scores(pairs)
        scored = []
        for (h, t), p in zip(pairs, probs, strict=True):
            best = 1 + int(np.argmax(p[1:]))
            if p[best] >= model.threshold:
                scored.append((float(p[best]), h, t, CLASSES[best]))
        for prob, h, t, relation in sorted(scored, key=lambda s: -s[0]):
            yield _claim(sent, doc_id, index, h, t, relation, min(prob, model.cap))


def _joins(a: Mention, b: Mention, x: Span, y: Span) -> bool:
    """Does a rule claim between mentions ``a`` and ``b`` join the entity spans ``x`` and ``y`` (either way)?"""
    def overlaps(m: Mention, s: Span) -> bool:
        return m.start < s.end_char and s.start_char < m.end

    return (overlaps(a, x) and overlaps(b, y)) or (overlaps(a, y) and overlaps(b, x))


def _claim(sent: Span, doc_id: str, index: int, holder: Candidate, target: Candidate, relation: str,
           confidence: float) -> Claim:
    top = _common_head(holder, target) or sent.root
    negated, hedged = clause_flags(top)
    below_negated, below_hedged = _path_flags(holder, target, top)
    negated, hedged = negated or below_negated, hedged or below_hedged or _conditional(sent)
    speaker = speaker_of(top)
    attributed = actor_mention(speaker) if speaker is not None else None
    text, start = sentence_text(sent)
    return Claim(
        doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start,
        relation="supports" if relation == "supports" else "opposes",
        subject=mention_of(holder.span, holder.span.label_), object=mention_of(target.span, target.span.label_),
        cue=top.text.lower(), extractor=NAME, confidence=round(confidence, 3), negated=negated, hedged=hedged,
        attributed_to=attributed,
    )


def _path_flags(holder: Candidate, target: Candidate, top: Token) -> tuple[bool, bool]:
    """Negation, and a hedging modal or condition, on the verbs between either actor and ``top`` ("If Turkey
    attacks the Kurds, Washington will respond": the condition sits on the target's side of the path)."""
    negated = hedged = False
    for start in (holder.head, target.head):
        node = start
        for _ in range(8):
            if node.i == top.i:
                break
            kids = list(node.children)
            negated = negated or any(c.dep_ == "neg" for c in kids)
            hedged = hedged or any(c.text.lower() in (HEDGE_MODALS if c.dep_ == "aux" else CONDITION_MARKS)
                                   for c in kids if c.dep_ in ("aux", "mark"))
            node = node.head
    return negated, hedged


def _conditional(sent: Span) -> bool:
    """A condition anywhere in the sentence: the model cannot tell which clause a stance sits in, so it hedges."""
    return any(x.dep_ == "mark" and x.text.lower() in CONDITION_MARKS for x in sent)


def _common_head(a: Candidate, b: Candidate) -> Token | None:
    ancestors = {x.i for x in (a.head, *a.head.ancestors)}
    return next((x for x in (b.head, *b.head.ancestors) if x.i in ancestors), None)
