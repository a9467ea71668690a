"""Pair-level figures of the classifier: precision, recall and F1 by relation family (scikit-learn), and the
expected calibration error of its probabilities."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from extractors.learned.classes import CLASSES

STANCE = [k for k, name in enumerate(CLASSES) if name.startswith(("supports", "opposes"))]
AFFILIATION = [k for k, name in enumerate(CLASSES) if name.startswith("affiliated")]


def decide(probs: NDArray[Any], threshold: float, rules: NDArray[Any] | None = None,
           rule_threshold: float = 1.0) -> NDArray[np.int64]:
    """The predicted class of each row: the class the rules gave the pair if the classifier gives it at least
    ``rule_threshold`` (the rules as a prior: they lower the bar for their own verdict), else the most probable
    relation class if it reaches ``threshold``, else none.

    Examples:
        >>> p = np.array([[0.5, 0.4, 0.1, 0, 0, 0, 0], [0.2, 0.7, 0.1, 0, 0, 0, 0]])
        >>> decide(p, 0.5).tolist(), decide(p, 0.5, np.array([1, 0]), 0.3).tolist()
        ([0, 1], [1, 1])
    """
    rows = np.arange(len(probs))
    best = 1 + probs[:, 1:].argmax(axis=1)
    out = np.where(probs[rows, best] >= threshold, best, 0)
    if rules is not None:
        prior = (rules > 0) & (probs[rows, rules] >= rule_threshold)
        out = np.where(prior, rules, out)
    return out.astype(np.int64)


def pair_scores(gold: NDArray[Any], probs: NDArray[Any], threshold: float, rules: NDArray[Any] | None = None,
                rule_threshold: float = 1.0) -> dict[str, Any]:
    """Micro precision, recall and F1 over the stance classes, the affiliation classes and both; a pair counts
    as right only with the right relation and direction."""
    from sklearn.metrics import precision_recall_fscore_support

    predicted = decide(probs, threshold, rules, rule_threshold)
    out: dict[str, Any] = {}
    for name, labels in (("stance", STANCE), ("affiliation", AFFILIATION), ("all", STANCE + AFFILIATION)):
        p, r, f, _ = precision_recall_fscore_support(gold, predicted, labels=labels, average="micro",
                                                     zero_division=0)
        out[name] = {"precision": round(float(p), 3), "recall": round(float(r), 3), "f1": round(float(f), 3),
                     "gold": int(np.isin(gold, labels).sum())}
    return out


def calibration_error(gold: NDArray[Any], probs: NDArray[Any], bins: int = 10) -> float:
    """Expected calibration error of the predicted class's probability (argmax over all classes), ``bins``
    equal-width bins weighted by their share of pairs.

    Examples:
        >>> calibration_error(np.array([0, 1]), np.array([[0.9, 0.1], [0.2, 0.8]]), bins=10)
        0.15
    """
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (confidence > lo) & (confidence <= hi)
        if inside.any():
            total += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return round(float(total), 4)
