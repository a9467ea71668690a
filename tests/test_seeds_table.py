"""``benchmarks/seeds.py``: models compared by the mean of their seeds' transfer figures."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _seeds() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seeds", ROOT / "benchmarks" / "seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(tmp_path: Path, name: str, suite_f1: float, park: float | None) -> Path:
    data: dict[str, object] = {"stance suite": {
        "pair classifier (x)": {"stance": {"precision": 0.9, "f1": suite_f1}, "affiliation": {"precision": 1.0,
                                                                                             "f1": 0.5}},
        "rules (stance.v1, the default)": {"stance": {"precision": 0.1, "f1": 0.1}}}}
    if park is not None:
        data["Park valid"] = {"pair classifier (x)": {"macro_f1_stance": park}}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_each_model_is_its_seeds_mean_and_the_change_is_against_the_first_model(tmp_path: Path) -> None:
    seeds = _seeds()
    a = [seeds.read_run(_run(tmp_path, f"a{k}", f1, 0.3), None, False) for k, f1 in enumerate((0.8, 0.7))]
    b = [seeds.read_run(_run(tmp_path, f"b{k}", f1, 0.4), None, False) for k, f1 in enumerate((0.9, 0.9))]
    lines = seeds.table([("old", a), ("new", b)])
    suite = next(line for line in lines if "stance F1" in line)
    assert "0.800 / 0.700" in suite and "0.750 (0.700-0.800)" in suite and suite.endswith("| +0.150 |")
    assert any(line.startswith("| Park valid | macro F1 |") and line.endswith("| +0.100 |") for line in lines)
    assert not any("stance P" in line for line in lines)  # precision only when asked


def test_a_figure_missing_from_one_run_is_left_out_and_the_rules_column_can_be_read(tmp_path: Path) -> None:
    seeds = _seeds()
    runs = [seeds.read_run(_run(tmp_path, "a", 0.8, 0.3), None, True),
            seeds.read_run(_run(tmp_path, "b", 0.7, None), None, True)]
    lines = seeds.table([("m", runs)])
    assert not any("Park" in line for line in lines) and any("stance P" in line for line in lines)
    rules = seeds.read_run(_run(tmp_path, "c", 0.8, None), "rules", False)
    assert rules == {("stance suite", "stance F1"): 0.1}
