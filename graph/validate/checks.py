"""The shapes' compiled checks, stored beside the code as JSON (``checks.json``), so that ``validate`` starts
without rdflib and without compiling the shapes at every run.

The file records a digest of ``ontology/shapes.ttl`` and ``ontology/stancegraph.ttl``; when either file differs
from what the checks were compiled from, ``stored_checks`` returns ``None`` and the shapes are compiled afresh
(``graph.validate.shapes``), so an edited shape is never checked by stale queries. ``python -m
graph.validate.shapes`` writes the file again; ``tests/test_validate.py`` holds it equal to the compiled shapes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

__all__ = ["STORED", "Check", "checks_json", "sources_digest", "stored_checks"]

STORED = "checks.json"  # in the package graph.validate


@dataclass(frozen=True)
class Check:
    """One query of the validation. Each row is a focus node ``?this``, maybe a ``?value``, and, for ``columns``,
    a boolean per constraint component saying whether that row breaks it (no columns: every row is a result of
    ``components[0]``)."""

    shape: str  # the node shape's IRI
    path: str | None
    query: str
    components: tuple[str, ...]  # IRIs of sh:*ConstraintComponent, one per column (or the one of every row)
    columns: tuple[str, ...]
    message: str | None
    has_value: bool = True  # False for the counts, which report no value


def sources_digest() -> str:
    """The SHA-256 of the shapes and the ontology the checks are compiled from."""
    digest = hashlib.sha256()
    for name in ("shapes.ttl", "stancegraph.ttl"):
        digest.update(resources.files("ontology").joinpath(name).read_bytes())
    return digest.hexdigest()


def stored_checks() -> tuple[Check, ...] | None:
    """The checks of ``checks.json``, or ``None`` when the file is missing or was compiled from other shapes."""
    try:
        stored = json.loads(resources.files("graph.validate").joinpath(STORED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("sources") != sources_digest():
        return None
    return tuple(_check(fields) for fields in stored["checks"])


def checks_json(checks: list[Check]) -> str:
    """``checks`` as the text of ``checks.json``, with the digest of the sources they come from."""
    return json.dumps({"sources": sources_digest(), "checks": [asdict(check) for check in checks]}, indent=1,
                      ensure_ascii=False) + "\n"


def _check(fields: dict[str, Any]) -> Check:
    return Check(**{**fields, "components": tuple(fields["components"]), "columns": tuple(fields["columns"])})
