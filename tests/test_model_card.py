"""The model card's rebuild command gives back the model it describes: the dev sets, epochs and seed it was
trained with appear in it exactly when they differ from the command's defaults."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from extractors.learned.card import write_card
from extractors.learned.training import TrainSettings

SHIPPED = Path(__file__).resolve().parents[1] / "extractors" / "learned" / "model"


def _card(tmp_path: Path, **settings: Any) -> str:
    meta = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))
    meta.update(settings)
    write_card(tmp_path, meta, asdict(TrainSettings()))
    text = (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    return re.search(r"## Rebuild\n```\n(.*?)```", text, re.S).group(1)  # type: ignore[union-attr]


def test_default_settings_add_no_flags(tmp_path: Path) -> None:
    defaults = TrainSettings()
    command = _card(tmp_path, epochs=defaults.epochs, seed=defaults.seed,
                    sources={"train": {"ours": 10}, "calibration": {"ours": 1}, "test": {"ours": 1}})
    assert "--epochs" not in command and "--seed" not in command
    assert "--dev-sets" not in command


def test_other_settings_are_in_the_command(tmp_path: Path) -> None:
    command = _card(tmp_path, epochs=5, seed=3,
                    sources={"train": {"ours": 10, "re3d": 2}, "calibration": {"ours": 1}, "test": {"ours": 1}})
    assert "--epochs 5" in command and "--seed 3" in command
    assert "--dev-sets ../shared/data/external" in command
