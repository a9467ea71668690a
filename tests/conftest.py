"""Shared fixtures: the real spaCy pipeline, the demo graph, and the shared dev data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

SHARED = Path(__file__).resolve().parents[2] / "shared"
SUITE = SHARED / "data" / "stance_suite" / "dev.jsonl"
LOCAL_SUITE = Path(__file__).parent / "data" / "stance_cases.jsonl"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp() -> Language:
    from extractors.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graph.cli.commands import demo

    out = tmp_path_factory.mktemp("demo")
    demo(out)
    return out
