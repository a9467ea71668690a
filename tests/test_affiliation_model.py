"""``affiliation.v1`` through the real spaCy model on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from extractors.affiliation.rules import extract_affiliation
from tests.conftest import load_jsonl

CASES = load_jsonl(Path(__file__).parent / "data" / "affiliation_cases.jsonl")


def _bare(text: str) -> str:
    """A mention without a leading article: whether "the" is inside the entity span is the NER's call."""
    return text[4:] if text.lower().startswith("the ") else text


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.model
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_affiliation_case(nlp: Language, case: dict[str, Any]) -> None:
    claims = list(extract_affiliation(nlp(case["text"]), case["id"]))
    found = {(_bare(c.subject.text), _bare(c.object.text), c.role) for c in claims}
    pairs = {(person, org) for person, org, _ in found}
    for person, org, role in case["expected"]:
        person, org = _bare(person), _bare(org)
        assert (person, org, role) in found, f"missing {person} -> {org} ({role}); found {sorted(found, key=str)}"
    for person, org in case["forbidden"]:
        assert (_bare(person), _bare(org)) not in pairs, f"forbidden {person} -> {org}"
    assert len(found) == len(case["expected"]), f"unexpected extra claims: {sorted(found, key=str)}"


@pytest.mark.model
def test_every_claim_records_its_pattern(nlp: Language) -> None:
    doc = nlp(" ".join(c["text"] for c in CASES))
    claims = list(extract_affiliation(doc, "all"))
    assert claims
    assert all(dict(c.extras).get("pattern") for c in claims)
