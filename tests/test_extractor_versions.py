"""Versions mean behaviour: each registered extractor version gives exactly the claims recorded for it.

The record is ``tests/golden/extractors/NAME.jsonl``: the claims of that version on the sentences written for
these tests (``tests/data/*_cases.jsonl``), the golden article and the demo corpus. When a change makes a version
give other claims, register the new behaviour under a new version (``stance.v2``) and record it with
``SG_UPDATE_GOLDEN=1 pytest tests/test_extractor_versions.py``; the old version keeps its record or is removed on
purpose, with its tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from spacy.language import Language

from extractors.registry import get_extractor
from graph.cli.commands import demo_corpus
from tests.conftest import load_jsonl

pytestmark = pytest.mark.model

HERE = Path(__file__).parent
RECORDS = HERE / "golden" / "extractors"
VERSIONS = ("stance.v1", "affiliation.v1", "pairs.v5")


def _texts() -> list[tuple[str, str]]:
    texts = [(r["id"], r["text"]) for name in ("stance_cases", "affiliation_cases")
             for r in load_jsonl(HERE / "data" / f"{name}.jsonl")]
    texts.append(("golden_article", (HERE / "data" / "golden_article.txt").read_text(encoding="utf-8")))
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(demo_corpus().glob("*.txt"))]
    return texts


@pytest.mark.parametrize("version", VERSIONS)
def test_a_version_gives_the_claims_recorded_for_it(version: str, nlp: Language) -> None:
    extractor = get_extractor(version)
    lines = [json.dumps(claim.to_json(), sort_keys=True, ensure_ascii=False)
             for doc_id, text in _texts() for claim in extractor(nlp(text), doc_id)]
    record = RECORDS / f"{version}.jsonl"
    if os.environ.get("SG_UPDATE_GOLDEN"):
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    recorded = record.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 20  # the record covers real behaviour, not an empty run
    only_now = sorted(set(lines) - set(recorded))
    only_recorded = sorted(set(recorded) - set(lines))
    assert lines == recorded, (
        f"{version} now gives other claims than {record.name} records: register the new behaviour as a new version "
        f"(see the module docstring).\nonly now:\n" + "\n".join(only_now[:10]) +
        "\nonly recorded:\n" + "\n".join(only_recorded[:10]))
