"""The pair classifier at run time: onnxruntime and tokenizers, no torch.

A sentence is encoded once, with the sentence before it as the second segment, by the fine-tuned MiniLM encoder
(int8 ONNX). A mention is the mean of its tokens' vectors; a pair of mentions is classified by a small head over
both mention vectors, their product, the sentence vector, the rules' verdict on the pair and the two mentions'
kinds (``pair_inputs``: the training code builds the same inputs with torch). Probabilities are calibrated by
the temperature fitted on held-back annotations.

The model folder holds ``encoder.onnx``, ``tokenizer.json``, ``head.npz``, ``model.json`` and ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from extractors.errors import ExtractorError
from extractors.learned.classes import CLASSES
from extractors.learned.gate import GATES

MODEL_DIR = Path(__file__).parent / "model"
FORMAT = "stancegraph-pair-classifier/2"
KINDS = ("PERSON", "GPE", "ORG", "NORP", "NOUN", "PRON")
FloatArray = NDArray[np.float32]
T = TypeVar("T")


class ModelFileError(ExtractorError):
    """The classifier's files are missing or unreadable; the message names the file and how to restore it."""


@dataclass(frozen=True)
class SentenceInput:
    """One sentence to classify: ``mentions`` are (start, end, kind) character spans of ``text``; ``pairs``
    are (i, j) with i before j; ``rules`` the rules' (class, confidence) for each pair."""

    text: str
    context: str
    mentions: Sequence[tuple[int, int, str]]
    pairs: Sequence[tuple[int, int]]
    rules: Sequence[tuple[int, float]]


MARK_OPEN, MARK_CLOSE = "[", "]"
CONTEXT_CHARS = 200  # the end of the sentence before: enough for a pronoun's antecedent or a speaker, and cheap
EXTRA = len(CLASSES) + 1 + 2 * len(KINDS) + 2
HEAD_ROWS = 4096  # pair rows the head reads in one product: about 32 MB of float32 inputs


def marked(sentence: SentenceInput) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with every candidate mention in brackets, and each mention's span there, brackets included,
    so the encoder sees where the candidates are.

    Examples:
        >>> marked(SentenceInput("Iran backs Hamas.", "", [(0, 4, "GPE"), (11, 16, "ORG")], [(0, 1)], [(0, 0.0)]))
        ('[Iran] backs [Hamas].', [(0, 6), (13, 20)])
    """
    text = sentence.text
    order = sorted(range(len(sentence.mentions)), key=lambda k: sentence.mentions[k][0])
    pieces: list[str] = []
    spans: list[tuple[int, int]] = [(0, 0)] * len(sentence.mentions)
    at = shift = 0
    for k in order:
        start, end, _ = sentence.mentions[k]
        if start < at:  # overlaps the one before: pooled over its own characters, not bracketed again
            spans[k] = (start + shift - 1, end + shift - 1)
            continue
        pieces += [text[at:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        spans[k] = (start + shift, end + shift + 2)
        shift += 2
        at = end
    pieces.append(text[at:])
    return "".join(pieces), spans


def token_spans(offsets: Sequence[tuple[int, int]], sequence_ids: Sequence[int | None],
                spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The token positions of each character span (first-segment tokens overlapping it); empty when the
    tokenizer cut the span off.

    Examples:
        >>> token_spans([(0, 0), (0, 4), (5, 10), (0, 0)], [None, 0, 0, None], [(5, 10)])
        [[2]]
    """
    out = []
    for start, end in spans:
        out.append([k for k, ((s, e), seq) in enumerate(zip(offsets, sequence_ids, strict=True))
                    if seq == 0 and e > s and s < end and start < e])
    return out


def pair_layout(tokens: Sequence[Sequence[int]], pairs: Sequence[tuple[int, int]], rules: Sequence[tuple[int, float]],
                kinds: Sequence[str]) -> tuple[list[list[int]], FloatArray]:
    """Per pair: the token positions between its two mentions (the words that usually carry the relation) and
    its extra inputs (the rules' class one-hot and confidence, both kinds, the distance and whether another
    candidate stands between)."""
    between, rows = [], []
    for (i, j), (rule, conf) in zip(pairs, rules, strict=True):
        first, second = sorted((tokens[i], tokens[j]), key=lambda s: s[0] if s else 0)
        lo = max(first) + 1 if first else 0
        hi = min(second) if second else 0
        inside = list(range(lo, hi))
        between.append(inside)
        others = any(lo <= min(s) and max(s) < hi for k, s in enumerate(tokens) if s and k not in (i, j))
        row = np.zeros(EXTRA, dtype=np.float32)
        row[rule] = 1.0
        row[len(CLASSES)] = conf
        for offset, kind in ((len(CLASSES) + 1, kinds[i]), (len(CLASSES) + 1 + len(KINDS), kinds[j])):
            if kind in KINDS:
                row[offset + KINDS.index(kind)] = 1.0
        row[-2] = min(len(inside), 32) / 32
        row[-1] = float(others)
        rows.append(row)
    return between, np.stack(rows)


def pool(hidden: FloatArray, spans: Sequence[Sequence[int]], empty: FloatArray) -> FloatArray:
    """Mean of each span's token vectors; ``empty`` for an empty span."""
    return np.stack([hidden[list(span)].mean(axis=0) if span else empty for span in spans])


def pair_rows(hidden: FloatArray, sentence: SentenceInput, spans: Sequence[tuple[int, int]],
              encoding: Any) -> FloatArray:
    """The head's input row of each pair of ``sentence``, from its hidden states and its mentions' ``spans`` in
    the marked text: both mention vectors, their product, the words between them, the sentence vector and the
    pair's extra inputs (``pair_layout``)."""
    tokens = token_spans(encoding.offsets, encoding.sequence_ids, spans)
    between, extra = pair_layout(tokens, sentence.pairs, sentence.rules, [m[2] for m in sentence.mentions])
    cls = hidden[0]
    vectors = pool(hidden, tokens, cls)
    a = vectors[[i for i, _ in sentence.pairs]]
    b = vectors[[j for _, j in sentence.pairs]]
    inside = pool(hidden, between, np.zeros_like(cls))
    rows = np.concatenate([a, b, a * b, inside, np.repeat(cls[None], len(a), axis=0), extra], axis=1)
    return rows.astype(np.float32)


class PairClassifier:
    """The shipped classifier, loaded from ``folder``; ``classify`` gives calibrated class probabilities."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        if not folder.is_dir():
            raise ModelFileError(f"{folder}: no such classifier folder; " + _RESTORE)
        meta = _read_json(folder / "model.json")
        if meta.get("format") != FORMAT:
            raise ModelFileError(f"{folder / 'model.json'}: format {meta.get('format')!r} is not {FORMAT!r}; "
                                 + _RESTORE)
        self.meta = meta
        self.threshold = float(meta["threshold"])
        self.rule_threshold = float(meta.get("rule_threshold", 1.0))
        self.temperature = float(meta["temperature"])
        self.max_length = int(meta["max_length"])
        self.gates: tuple[str, ...] = tuple(meta.get("gates", ()))
        if unknown := [g for g in self.gates if g not in GATES]:
            raise ModelFileError(f"{folder / 'model.json'}: unknown gates {unknown}; known: {list(GATES)}")
        self.tokenizer = _load(folder / "tokenizer.json", lambda path: Tokenizer.from_file(str(path)))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = _load(folder / "encoder.onnx", lambda path: onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]))
        self.head = _load(folder / "head.npz", _read_head)
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        self.inputs = {i.name for i in self.session.get_inputs()}

    def classify(self, sentences: Sequence[SentenceInput]) -> list[FloatArray]:
        """For each sentence, an array (pairs x classes) of calibrated probabilities.

        The encoder reads one sentence at a time: its int8 activations are quantised with one scale for the
        whole input tensor, so in a batch a sentence's probabilities would depend on the other sentences and on
        the padding beside it (measured: 11 of ~180 claims of 100 BBC articles came and went with the batch
        order), and a document's claims on how the documents were partitioned. Alone, a sentence has no padding,
        which costs about what batching saves. The head then reads the pairs of many sentences in one matrix
        product (``HEAD_ROWS`` at a time), not one small product a sentence, which costs numpy's BLAS threads
        far more than the product.
        """
        plans = [marked(s) for s in sentences]
        encodings = self.tokenizer.encode_batch([(text, s.context[-CONTEXT_CHARS:] or ".")
                                                 for (text, _), s in zip(plans, sentences, strict=True)])
        rows: dict[int, FloatArray] = {}
        held = 0  # pair rows waiting for the head
        out: dict[int, FloatArray] = {}
        for k, encoding in enumerate(encodings):
            states = self._encode(encoding)
            rows[k] = pair_rows(states, sentences[k], plans[k][1], encoding)
            held += len(rows[k])
            if held >= HEAD_ROWS or k == len(encodings) - 1:
                out.update(self._heads(rows))
                rows, held = {}, 0
        return [out[k] for k in range(len(sentences))]

    def _encode(self, encoding: Any) -> FloatArray:
        """The encoder's hidden states (word pieces x dimensions) of one sentence, with no padding."""
        feeds = {"input_ids": encoding.ids, "attention_mask": encoding.attention_mask,
                 "token_type_ids": encoding.type_ids}
        hidden: FloatArray = self.session.run(None, {k: np.array([v], dtype=np.int64) for k, v in feeds.items()
                                                     if k in self.inputs})[0][0]
        return hidden

    def _heads(self, rows: dict[int, FloatArray]) -> dict[int, FloatArray]:
        """The head over the pair rows of several sentences at once, split back by sentence."""
        keys = list(rows)
        probs = self._head(np.concatenate([rows[k] for k in keys]))
        ends = np.cumsum([len(rows[k]) for k in keys])
        return dict(zip(keys, np.split(probs, ends[:-1]), strict=True))

    def _head(self, rows: FloatArray) -> FloatArray:
        h = rows @ self.head["w1"] + self.head["b1"]
        h = np.maximum(h, 0.0)
        logits = (h @ self.head["w2"] + self.head["b2"]) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return probs


def _load(path: Path, read: Callable[[Path], T]) -> T:
    """``read(path)``, or one error naming the file and how to restore it."""
    if not path.is_file():
        raise ModelFileError(f"{path}: missing; " + _RESTORE)
    try:
        return read(path)
    except Exception as err:  # onnxruntime, tokenizers and numpy raise their own exception types
        raise ModelFileError(f"{path}: unreadable ({err.__class__.__name__}: {str(err)[:100]}); "
                             + _RESTORE) from None


def _read_head(path: Path) -> dict[str, FloatArray]:
    with np.load(path) as head:
        return {k: head[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")}


_RESTORE = ("restore the shipped model with 'git checkout -- extractors/learned/model' (or reinstall stancegraph), "
            "rebuild it with 'stancegraph train-classifier', or drop --learned to run the rules")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelFileError(f"{path}: cannot read the classifier's description ({err.__class__.__name__}); "
                             + _RESTORE) from None
    return data


@cache
def load_classifier(folder: Path = MODEL_DIR) -> PairClassifier:
    """The classifier in ``folder`` (by default the one shipped in ``extractors/learned/model``), loaded once."""
    return PairClassifier(folder)
