#!/usr/bin/env python3
"""Models judged across seeds: each model's transfer figures, one `transfer.py --json` file per seed, with the
seeds' mean and range, and each model's mean against the first model's.

A retrain's seed moves a transfer figure by as much as a round of annotation (benchmarks/RESULTS.md, stop 19), so
one run of each model says little; run the same command with `--seed 0`, `--seed 1`, ... and compare the means.

Usage: python benchmarks/seeds.py --model pairs.v5 s0.json s1.json --model attention a0.json a1.json
                                  [--precision] [--side NAME]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import mean
from typing import Any

Figure = tuple[str, str]  # (set, figure), e.g. ("CoNLL04 dev", "affiliation F1")


def figures(result: dict[str, Any], precision: bool) -> dict[str, float]:
    """The headline figures of one scorer result: Park's macro F1, else F1 (and with ``precision``, P) of each
    task scored."""
    if "macro_f1_stance" in result:
        return {"macro F1": result["macro_f1_stance"]}
    out = {}
    for task in ("stance", "affiliation"):
        if task in result:
            if precision:
                out[f"{task} P"] = result[task]["precision"]
            out[f"{task} F1"] = result[task]["f1"]
    return out


def read_run(path: Path, side: str | None, precision: bool) -> dict[Figure, float]:
    """Every figure of one transfer run, from its first column (the pair classifier's: `transfer.py` writes it
    first) or the column whose name starts with ``side``."""
    try:
        data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SystemExit(f"{path}: not a transfer.py --json file ({err.__class__.__name__}); "
                         f"write one with: python benchmarks/transfer.py --json {path.name}") from None
    run = {}
    for name, sides in data.items():
        column = next((v for k, v in sides.items() if side is None or k.startswith(side)), None)
        if column is None:
            raise SystemExit(f"{path}: set {name!r} has no column starting {side!r}; columns: {list(sides)}")
        run.update({(name, figure): value for figure, value in figures(column, precision).items()})
    return run


def table(models: list[tuple[str, list[dict[Figure, float]]]]) -> list[str]:
    """A markdown table: per figure, each model's seeds, their mean and range, and the change of each later
    model's mean against the first's. Figures missing from any run are left out."""
    keys = [k for k in models[0][1][0] if all(k in run for _, runs in models for run in runs)]
    head = ["set", "figure"]
    for k, (name, _) in enumerate(models):
        head += [f"{name} seeds", f"{name} mean"] + ([f"{name} - {models[0][0]}"] if k else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in keys:
        base = mean(run[key] for run in models[0][1])
        cells = list(key)
        for k, (_, runs) in enumerate(models):
            values = [run[key] for run in runs]
            cells += [" / ".join(f"{v:.3f}" for v in values),
                      f"{mean(values):.3f} ({min(values):.3f}-{max(values):.3f})"]
            if k:
                cells.append(f"{mean(values) - base:+.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", nargs="+", action="append", required=True, metavar=("NAME", "RUN_JSON"),
                    help="a model's name and its runs' transfer.py --json files, one per seed")
    ap.add_argument("--precision", action="store_true", help="precision rows too (SEESAW's floor has one)")
    ap.add_argument("--side", help="the start of the name of the column to read (default: the first column, "
                                   "the pair classifier's)")
    args = ap.parse_args()
    models = []
    for name, *paths in args.model:
        if not paths:
            ap.error(f"--model {name}: give the model's transfer.py --json files after its name")
        models.append((name, [read_run(Path(p), args.side, args.precision) for p in paths]))
    print("\n".join(table(models)))


if __name__ == "__main__":
    main()
