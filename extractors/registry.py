"""Extractors found by versioned name (``stance.v1``) through the entry-point group ``stancegraph.extractors``.

Any installed distribution can add one, as pytest plugins and spaCy's registries do: it declares

    [project.entry-points."stancegraph.extractors"]
    "mystance.v1" = "my_package.module:extract_mystance"

and ``get_extractor("mystance.v1")`` loads it on first use. A behaviour change is a new version; the old one
keeps its name and its tests (``tests/test_extractor_versions.py`` holds each version's claims on the stance suite).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

from extractors.errors import ExtractorError, UnknownExtractorError
from extractors.records import Claim

if TYPE_CHECKING:  # spaCy loads only with an extractor, not with the registry
    from spacy.tokens import Doc

GROUP = "stancegraph.extractors"
Extractor = Callable[["Doc", str], Iterator[Claim]]
RULE_EXTRACTORS = ("stance.v1", "affiliation.v1")
LEARNED_EXTRACTORS = ("pairs.v5",)
DEFAULT_EXTRACTORS = RULE_EXTRACTORS  # the pair classifier does not transfer yet: benchmarks/RESULTS.md


def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=GROUP):
        if point.name in found and found[point.name].value != point.value:
            raise ExtractorError(f"extractor {point.name!r} is declared twice ({found[point.name].value} and "
                                 f"{point.value}); uninstall one of the packages that declare it")
        found[point.name] = point
    return found


@cache
def get_extractor(name: str) -> Extractor:
    """Return the extractor declared as ``name`` in the ``stancegraph.extractors`` entry-point group.

    Examples:
        >>> get_extractor("stance.v1").__name__
        'extract_stance'
        >>> get_extractor("stance.v0")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        extractors.errors.UnknownExtractorError: no extractor named 'stance.v0'; registered: affiliation.v1, ...
    """
    points = _entry_points()
    if name not in points:
        raise UnknownExtractorError(name, sorted(points))
    func: Extractor = points[name].load()
    return func


def list_extractors() -> list[str]:
    """Names of every declared extractor, sorted.

    Examples:
        >>> {"stance.v1", "affiliation.v1"} <= set(list_extractors())
        True
    """
    return sorted(_entry_points())
