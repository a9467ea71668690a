"""Our own stance cases (tests/data/stance_cases.jsonl, written for this project) through the real model.

Each case names the phenomenon it exercises; expected claims must be asserted (neither negated nor hedged),
forbidden ones must not be. Known failures are xfail with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.pipeline import RULE_EXTRACTORS, extract_documents
from graph.readers.documents import Document
from graph.resolve.resolver import Resolver
from tests.conftest import LOCAL_SUITE, load_jsonl
from tests.test_stance_suite import _found

pytestmark = pytest.mark.model

CASES = load_jsonl(LOCAL_SUITE)
KNOWN_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def case_claims() -> dict[str, list[Any]]:
    docs = [Document(id=r["id"], text=r["text"]) for r in CASES]
    return {item.document.id: item.claims for item in extract_documents(docs, Resolver(), extractors=RULE_EXTRACTORS)}


def _params() -> list[Any]:
    return [pytest.param(r, id=f"{r['id']}-{r['phenomenon']}",
                         marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[r["id"]], strict=True)]
                         if r["id"] in KNOWN_FAILURES else []) for r in CASES]


@pytest.mark.parametrize("record", _params())
def test_local_case(record: dict[str, Any], case_claims: dict[str, list[Any]]) -> None:
    asserted = [c for c in case_claims.get(record["id"], []) if not (c.negated or c.hedged)]
    for s, rel, o in record.get("stance", []):
        assert _found(asserted, record, s, rel, o), f"missing {s} {rel} {o}"
    for s, rel, o in record.get("forbidden", []):
        assert not _found(asserted, record, s, rel, o), f"forbidden {s} {rel} {o} asserted"


def test_negated_and_hedged_claims_are_still_emitted(case_claims: dict[str, list[Any]]) -> None:
    """Negated and hedged stances are evidence too: they are emitted with their flag, never dropped."""
    assert any(c.negated and c.relation == "opposes" for c in case_claims["l06"])
    assert any(c.hedged and c.relation == "supports" for c in case_claims["l14"])


def test_headline_claims_are_emitted_hedged(case_claims: dict[str, list[Any]]) -> None:
    """A title paragraph and a capitalised kicker name events without asserting them, like a question."""
    title = [c for c in case_claims["l23"] if c.cue == "condemns"]
    assert title and all(c.hedged for c in title)
    kicker = [c for c in case_claims["l24"] if c.cue == "condemns"]
    assert kicker and all(c.hedged for c in kicker)
