"""The classifier's classes over an unordered pair of mentions (first and second in text order), and the rules'
verdict on a pair in the same classes, which the classifier reads as evidence.

``>`` is first -> second ("Iran backs the rebels": supports>), ``<`` second -> first ("the rebels, whom Iran
backs": supports<). Affiliation runs from the person to the organisation or state.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.records import Claim, Relation

CLASSES = ("none", "supports>", "supports<", "opposes>", "opposes<", "affiliated>", "affiliated<")
_FORWARD = {"supports": 1, "opposes": 3, "affiliated_with": 5}


def pair_class(forward: str | None, backward: str | None) -> int:
    """The class of a pair from its labels first -> second and second -> first (``none`` or absent when none).

    Examples:
        >>> CLASSES[pair_class("supports", None)], CLASSES[pair_class(None, "opposes")]
        ('supports>', 'opposes<')
        >>> CLASSES[pair_class("none", "none")]
        'none'
    """
    if forward in _FORWARD:
        return _FORWARD[forward]
    if backward in _FORWARD:
        return _FORWARD[backward] + 1
    return 0


def relation_of(cls: int) -> tuple[Relation, bool]:
    """The relation of a class and whether it runs second -> first.

    Examples:
        >>> relation_of(4)
        ('opposes', True)
    """
    relation: Relation = "supports" if cls in (1, 2) else "opposes" if cls in (3, 4) else "affiliated_with"
    if cls == 0:
        raise ValueError("class 0 (none) is no relation")
    return relation, CLASSES[cls].endswith("<")


def rule_classes(claims: Sequence[Claim],
                 ordered: Sequence[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, float]]:
    """The rules' class and confidence for each pair ``(x, y)`` of ``ordered`` mention spans (document
    offsets, text order) that a rule claim joins; a negated or hedged rule claim still says which relation the
    sentence is about, so it counts (the flags are read again for the output).

    Examples:
        >>> from extractors.records import Mention
        >>> c = Claim("d", 0, "s", 0, "opposes", Mention("Y", 10, 11), Mention("X", 0, 1), "condemn", "stance.v1", 0.8)
        >>> rule_classes([c], [(0, 1), (10, 11)])
        {(0, 1): (4, 0.8)}
    """
    found: dict[tuple[int, int], tuple[int, float]] = {}
    for claim in claims:
        x = best_overlap(claim.subject.start, claim.subject.end, ordered)
        y = best_overlap(claim.object.start, claim.object.end, ordered)
        if x is None or y is None or x == y:
            continue
        cls = _FORWARD[claim.relation] + (0 if x < y else 1)
        key = (min(x, y), max(x, y))
        if key not in found or claim.confidence > found[key][1]:
            found[key] = (cls, claim.confidence)
    return found


def best_overlap(start: int, end: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """The index of the span that shares the most characters with ``start:end``; None if none shares any.

    Examples:
        >>> best_overlap(5, 12, [(0, 6), (8, 20)])
        1
    """
    best, most = None, 0
    for k, (s, e) in enumerate(spans):
        overlap = min(end, e) - max(start, s)
        if overlap > most:
            best, most = k, overlap
    return best
