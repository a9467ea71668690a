"""Node positions for the HTML view, computed in Python so that the browser runs no physics.

A force-directed (Fruchterman-Reingold) layout in numpy: nodes repel each other, every edge pulls its ends
together, a weak gravity keeps separate components close. Up to ``_EXACT`` nodes every pair repels; above, each
round every node is pushed by the same random sample of nodes, scaled up to the whole graph (an unbiased
estimate of the full force), so a round costs n x sample instead of n squared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

_BLOCK = 1024
_EXACT = 600
_SAMPLE = 256
_ITERATIONS = 120
_GRAVITY = 1.0
_SPACING = 110.0  # pixels between neighbouring nodes on the page


def layout_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], seed: int = 7,
                     iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Page coordinates (pixels, centred on 0) for ``nodes``, deterministic for a given ``seed``.

    Examples:
        >>> pos = layout_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
        >>> sorted(pos) == ["a", "b", "c"] and all(abs(x) < 1000 and abs(y) < 1000 for x, y in pos.values())
        True
        >>> pos == layout_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
        True
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in edges if a in index and b in index and a != b],
                     dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = (rng.uniform(-1.0, 1.0, size=(n, 2)) * np.sqrt(n)).astype(np.float32)
    steps = iterations if iterations is not None else (_ITERATIONS if n <= 1000 else _ITERATIONS // 2)
    temperature = np.sqrt(n) / 4
    for step in range(steps):
        moves = _repulsion(pos, rng) + _attraction(pos, pairs) - _GRAVITY * pos
        length = np.maximum(np.linalg.norm(moves, axis=1), 1e-9)
        cool = temperature * (1 - step / steps) + 0.01
        pos += moves / length[:, None] * np.minimum(length, cool)[:, None]
    pos -= pos.mean(axis=0)
    return {node: (round(float(x) * _SPACING, 1), round(float(y) * _SPACING, 1))
            for node, (x, y) in zip(nodes, pos, strict=True)}


def _repulsion(pos: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Every node pushed away from the others with force 1/distance (ideal distance 1)."""
    n = len(pos)
    others, scale = pos, 1.0
    if n > _EXACT:
        others, scale = pos[rng.choice(n, size=_SAMPLE, replace=False)], n / _SAMPLE
    out = np.empty_like(pos)
    for start in range(0, n, _BLOCK):
        block = pos[start:start + _BLOCK]
        dx = block[:, 0, None] - others[None, :, 0]
        dy = block[:, 1, None] - others[None, :, 1]
        dist2 = dx * dx + dy * dy
        inverse = np.where(dist2 < 1e-9, 0.0, 1.0 / np.maximum(dist2, 1e-2)).astype(pos.dtype)
        # sum over j of (p_i - o_j) / d2_ij, as one matrix product per axis
        out[start:start + _BLOCK] = (block * inverse.sum(axis=1)[:, None] - inverse @ others) * scale
    return out


def _attraction(pos: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Each edge pulls its ends together with force distance squared."""
    out = np.zeros_like(pos)
    if len(pairs) == 0:
        return out
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    pull = delta * np.linalg.norm(delta, axis=1)[:, None]
    for axis in (0, 1):
        out[:, axis] = (np.bincount(pairs[:, 1], pull[:, axis], len(pos))
                        - np.bincount(pairs[:, 0], pull[:, axis], len(pos)))
    return out
