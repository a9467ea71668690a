"""The phenomenon suite (shared dev set) through the real model.

The rules (``stance.v1``, ``affiliation.v1``, tuned on these sentences) find every expected claim and nothing
forbidden, sentence by sentence; known failures are xfail with the reason. The pair classifier (``--learned``),
which never saw them, is held to the floor of issue 15 over the whole suite: stance F1 >= 0.90 and no forbidden
claim.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from graph.pipeline import LEARNED_EXTRACTORS, RULE_EXTRACTORS, extract_documents
from graph.readers.documents import Document
from graph.resolve.resolver import Resolver
from tests.conftest import SUITE, load_jsonl

pytestmark = pytest.mark.model

KNOWN_FAILURES: dict[str, str] = {}


def _norm(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip().replace("\u2019", "'"), flags=re.I)
    return re.sub(r"'s$", "", text).lower()


def _names(record: dict[str, Any], gold: str) -> set[str]:
    return {_norm(gold)} | {_norm(a) for a in record.get("names", {}).get(gold, [])}


def _matches(mention: Any, record: dict[str, Any], gold: str) -> bool:
    return bool({_norm(mention.text), _norm(mention.label or "")} & _names(record, gold))


def _found(claims: list[Any], record: dict[str, Any], s: str, rel: str, o: str) -> bool:
    return any(c.relation == rel and _matches(c.subject, record, s) and _matches(c.object, record, o) for c in claims)


RECORDS = load_jsonl(SUITE) if SUITE.exists() else []


@pytest.fixture(scope="module")
def suite_claims() -> dict[str, list[Any]]:
    docs = [Document(id=r["id"], text=r["text"]) for r in RECORDS]
    return {item.document.id: item.claims for item in extract_documents(docs, Resolver(), extractors=RULE_EXTRACTORS)}


def _params() -> list[Any]:
    return [pytest.param(r, id=r["id"], marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[r["id"]], strict=True)]
                         if r["id"] in KNOWN_FAILURES else []) for r in RECORDS]


@pytest.mark.skipif(not RECORDS, reason="shared/data/stance_suite/dev.jsonl is not beside the project")
@pytest.mark.parametrize("record", _params())
def test_suite_sentence(record: dict[str, Any], suite_claims: dict[str, list[Any]]) -> None:
    claims = suite_claims.get(record["id"], [])
    asserted = [c for c in claims if not (c.negated or c.hedged)]
    for s, rel, o in record.get("stance", []):
        assert _found(asserted, record, s, rel, o), f"missing {s} {rel} {o}"
    for s, rel, o in record.get("forbidden", []):
        assert not _found(asserted, record, s, rel, o), f"forbidden {s} {rel} {o} asserted"
    for person, org in record.get("affiliation", []):
        assert _found(asserted, record, person, "affiliated_with", org), f"missing {person} -> {org}"
    for person, org in record.get("forbidden_affiliation", []):
        assert not _found(asserted, record, person, "affiliated_with", org), f"forbidden {person} -> {org}"


@pytest.mark.skipif(not RECORDS, reason="shared/data/stance_suite/dev.jsonl is not beside the project")
@pytest.mark.xfail(strict=True, reason="pairs.v5 scores stance F1 0.808 on the suite (P 0.913 R 0.724), below the "
                                       "0.90 floor: it misses nominal alliance and war, sided with/against, joined "
                                       "a coalition against, cooperation verbs and a relative clause")
def test_the_pair_classifier_holds_the_suite_floor() -> None:
    docs = [Document(id=r["id"], text=r["text"]) for r in RECORDS]
    claims = {item.document.id: [c for c in item.claims if not (c.negated or c.hedged)]
              for item in extract_documents(docs, Resolver(), extractors=LEARNED_EXTRACTORS)}
    tp = fn = forbidden = 0
    for record in RECORDS:
        found = claims.get(record["id"], [])
        hits = [_found(found, record, s, rel, o) for s, rel, o in record.get("stance", [])]
        tp, fn = tp + sum(hits), fn + len(hits) - sum(hits)
        forbidden += sum(_found(found, record, s, rel, o) for s, rel, o in record.get("forbidden", []))
    fp = 0
    for record in RECORDS:
        allowed = [*record.get("stance", []), *record.get("optional", [])]
        for c in claims.get(record["id"], []):
            if c.relation != "affiliated_with" and not any(_found([c], record, s, rel, o) for s, rel, o in allowed):
                fp += 1
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert forbidden == 0
    assert f1 >= 0.90, f"stance F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})"
