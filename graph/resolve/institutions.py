"""A state's institutions by their generic names: "UK parliament", "British parliament", "Parliament of the United
Kingdom" and, in an article about Britain, a bare "Parliament" are one body; "Parliament" in an article about Iraq is
another, and so is the "Supreme Court" of a US article.

A generic name is made of institution words only (``extractors/data/institution_words.tsv``: "House of
Representatives", "Supreme Court", "Foreign Ministry"). It belongs to the state a demonym or state name before it
("Iraqi Parliament") or "of <state>" after it ("Parliament of Iraq") names, else to the state the article names most
(when one does). Within an article, a bare head ("the House") is the one "<head> of ..." body it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractors.lexicon import ActorEntry, institution_words
from graph.resolve.gazetteer import lookup_demonym, normalise

__all__ = ["institution_heads", "institution_key"]

_GLUE = frozenset({"of", "the", "and", "for", "on"})


def institution_key(text: str, countries: Mapping[str, int], codes: Mapping[str, str]) -> str | None:
    """"GBR:parliament" for a generic name of a state's institution; None for another name, or one whose state
    neither the name nor the article (``countries``: ISO code -> mentions) tells. ``codes`` maps a state's
    Wikidata id to its ISO code.

    Examples:
        >>> codes = {"Q145": "GBR", "Q796": "IRQ"}
        >>> [institution_key(t, {"GBR": 3}, codes) for t in ("UK parliament", "Parliament of the United Kingdom",
        ...  "Parliament", "Iraqi Parliament", "BBC")]
        ['GBR:parliament', 'GBR:parliament', 'GBR:parliament', 'IRQ:parliament', None]
        >>> institution_key("Parliament", {"GBR": 2, "IRQ": 2}, codes) is None  # no one state the article is about
        True
    """
    state, bare = _split_state(normalise(text).split(), codes)
    if not _generic(bare):
        return None
    if state is None:
        most = max(countries.values(), default=0)
        named = [code for code, count in countries.items() if count == most]
        state = named[0] if most and len(named) == 1 else None
    return None if state is None else f"{state}:{' '.join(bare)}"


def institution_heads(names: Iterable[str], codes: Mapping[str, str]) -> dict[str, str]:
    """Head -> the one generic "<head> of ..." name of an article that has that head ("house" -> "House of
    Representatives"); a head two such names share ("Court of Session", "Court of Appeal") is left out.

    Examples:
        >>> institution_heads(["the House of Representatives", "House Judiciary Committee"], {})
        {'house': 'House of Representatives'}
    """
    found: dict[str, set[str]] = {}
    for name in names:
        tokens = normalise(name).split()
        _, bare = _split_state(tokens, codes)
        if _generic(bare) and "of" in bare[1:]:
            head = " ".join(bare[: bare.index("of")])
            found.setdefault(head, set()).add(name[4:] if name.lower().startswith("the ") else name)
    return {head: next(iter(full)) for head, full in found.items() if len(full) == 1}


def _split_state(tokens: list[str], codes: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """(the ISO code of the state a name's qualifier names, the name without it)."""
    for i, token in enumerate(tokens):
        if token == "of" and i > 0:
            code = _code(lookup_demonym(" ".join(tokens[i + 1:])), codes)
            if code is not None:
                return code, tokens[:i]
    for cut in (3, 2, 1):
        if len(tokens) > cut:
            code = _code(lookup_demonym(" ".join(tokens[:cut])), codes)
            if code is not None:
                return code, tokens[cut:]
    return None, tokens


def _code(entry: ActorEntry | None, codes: Mapping[str, str]) -> str | None:
    return codes.get(entry.wikidata) if entry is not None and entry.type == "State" and entry.wikidata else None


def _generic(tokens: list[str]) -> bool:
    institution = institution_words()
    return bool(tokens) and tokens[0] not in _GLUE and tokens[-1] not in _GLUE and \
        all(t in institution or t in _GLUE for t in tokens)
