"""Extractors registered under versioned names (``stance.v1``).

A behaviour change is a new version; the old one keeps its name and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc

from extractors.errors import UnknownExtractorError
from extractors.records import Claim

Extractor = Callable[[Doc, str], Iterator[Claim]]
_REGISTRY: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``func`` under ``name``; names are unique."""

    def decorate(func: Extractor) -> Extractor:
        if name in _REGISTRY:
            raise ValueError(f"extractor {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return decorate


def _load_builtins() -> None:
    # Imported for their registration side effect, on first lookup rather than at package import.
    import extractors.affiliation  # noqa: F401
    import extractors.stance  # noqa: F401


def get_extractor(name: str) -> Extractor:
    """Return the extractor registered as ``name``.

    Examples:
        >>> get_extractor("stance.v1").__name__
        'extract_stance'
    """
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownExtractorError(name, sorted(_REGISTRY)) from None


def list_extractors() -> list[str]:
    """Names of every registered extractor, sorted."""
    _load_builtins()
    return sorted(_REGISTRY)
