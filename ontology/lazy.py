"""A package's names loaded on first use (PEP 562 module ``__getattr__``): importing one light module of a
package does not import its heavy siblings, so ``query``, ``serve`` and ``validate`` start without rdflib or spaCy.
Here, in the first room of the flow, because every package uses it; it imports nothing of ours."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: each name of ``homes`` is read from its module ``package.<home>`` when
    first asked for, then kept in the package.

    Examples:
        >>> getattr_ = lazy_names("ontology", {"SG_IRI": "vocabulary"})
        >>> getattr_("SG_IRI")
        'https://w3id.org/stancegraph/ontology#'
        >>> getattr_("nothing")
        Traceback (most recent call last):
        AttributeError: module 'ontology' has no attribute 'nothing'
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
