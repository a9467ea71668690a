"""NLP side of stancegraph: spaCy pipelines and extractors that turn a Doc into claims.

Nothing here imports rdflib; records cross into ``graph`` as frozen dataclasses. The names are loaded on first
use, so ``extractors.errors`` is read without the registry (``importlib.metadata``, a tenth of a second) and the
commands that never extract (``query``, ``serve``) start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.lazy import lazy_names

if TYPE_CHECKING:
    from extractors.records import Claim, Mention
    from extractors.registry import get_extractor, list_extractors

__all__ = ["Claim", "Mention", "get_extractor", "list_extractors"]

_HOMES = {"Claim": "records", "Mention": "records", "get_extractor": "registry", "list_extractors": "registry"}

__getattr__ = lazy_names(__name__, _HOMES)
