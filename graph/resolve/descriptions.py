"""Descriptions that name an actor of the document without naming it.

- a leader's government: "the Assad regime", "Maduro's government", "the government of President X" are the state
  (as "the Syrian government" is); the leader comes from the document ("Syrian President Bashar al-Assad") or
  else from ``leaders.tsv``; the leader's name alone stays the person;
- the document's government: "government troops", "the legitimate government", "the regime" are the one state whose
  government the document names ("the Syrian government", "the Assad regime"), and nothing when it names several;
- a demonym description: "the Lebanese group" is the one group named earlier that the gazetteer bases in Lebanon
  (or that was described as Lebanese), and nothing when there are none or several.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from extractors.records import Mention
from graph.resolve.gazetteer import (
    entries_by_key,
    government_nouns,
    is_based_in,
    leader_states,
    lookup_demonym,
    normalise,
    state_phrase,
    words,
)
from graph.resolve.names import short_forms, split_title
from graph.resolve.resolver import Actor

__all__ = ["described_actor", "document_government", "document_leaders", "is_generic_government",
           "leader_government"]

_AFTER_NAME = re.compile(r"^(?:the\s+)?(?P<name>.+?)(?:['\u2019]s)?\s+(?P<head>[\w-]+)$", re.I)
_OF_NAME = re.compile(r"^(?:the\s+)?(?P<head>[\w-]+)\s+of\s+(?P<name>.+)$", re.I)


def document_leaders(mentions: Iterable[Mention]) -> dict[str, str]:
    """Leader forms -> state key: from titles in the document ("Turkish President Erdogan"), then the table.

    Examples:
        >>> document_leaders([Mention("Ruritanian President Anna Berg", 0, 9, "PERSON")]).get("berg")
        >>> document_leaders([Mention("Syrian President Anna Berg", 0, 9, "PERSON")])["berg"]
        'syria'
    """
    out: dict[str, str] = {}
    for mention in mentions:
        if mention.kind != "PERSON":
            continue
        title, name = split_title(mention.text)
        states = {e.key for e in map(lookup_demonym, title.split()[:-1]) if e is not None and e.type == "State"}
        if len(states) == 1 and len(name.split()) >= 2:
            for form in (normalise(name), *short_forms(name)):
                out.setdefault(form, next(iter(states)))
    for form, state in leader_states().items():
        out.setdefault(form, state)
    return out


def leader_government(text: str, leaders: dict[str, str]) -> str | None:
    """The state key of "the Assad regime", "Maduro's government", "the government of President Assad".

    Examples:
        >>> leader_government("the Maduro government", {"maduro": "venezuela"})
        'venezuela'
        >>> leader_government("Maduro", {"maduro": "venezuela"}) is None
        True
    """
    of_name = _OF_NAME.match(text.strip())
    if of_name is not None and of_name["head"].lower() not in government_nouns("leader"):
        of_name = None
    match = of_name or _AFTER_NAME.match(text.strip())
    if match is None or match["head"].lower() not in words("state_head"):
        return None
    return leaders.get(normalise(split_title(match["name"])[1]))


def is_generic_government(text: str) -> bool:
    """"government troops", "security forces", "the legitimate government", "the regime": a government (or its
    forces) the text does not name.

    Bare "the government" and "government officials" are not: in news about a country's home politics they are
    its own government even when the article names a foreign one.

    Examples:
        >>> is_generic_government("government troops"), is_generic_government("the Syrian government")
        (True, False)
        >>> is_generic_government("the government"), is_generic_government("the legitimate government")
        (False, True)
        >>> is_generic_government("security forces"), is_generic_government("Iraqi security forces")
        (True, False)
    """
    tokens = normalise(text).split()
    adjective = bool(tokens) and tokens[0] in words("government_adjective")
    tokens = tokens[1:] if adjective else tokens
    if len(tokens) == 2 and tokens[0] in government_nouns("forces") and not adjective:
        return tokens[1] in words("military_head")
    if not tokens or tokens[0] not in government_nouns("generic") or len(tokens) > 2:
        return False
    if len(tokens) == 2:
        return tokens[1] in words("military_head")
    return adjective or tokens[0] == "regime"


def document_government(mentions: Sequence[Mention], leaders: dict[str, str]) -> str | None:
    """The one state whose government (or regime) the document names, or None when it names none or several."""
    states: set[str] = set()
    for mention in mentions:
        if mention.kind == "PERSON" or not government_nouns("generic") & set(normalise(mention.text).split()):
            continue
        state = leader_government(mention.text, leaders)
        if state is None:
            entry = state_phrase(normalise(mention.text))
            state = entry.key if entry is not None else None
        if state is not None:
            states.add(state)
    return next(iter(states)) if len(states) == 1 else None


def described_actor(mention: Mention, earlier: Sequence[Actor]) -> Actor | None:
    """The one earlier group "the Lebanese group" / "the Kurdish militia" can mean, else None.

    A candidate is of a type the head noun allows (``anaphor`` words) and is tied to the demonym: the gazetteer
    bases it there (``base`` column of ``actors.tsv``) or one of its names carries the demonym.
    """
    tokens = normalise(mention.text).split()
    if len(tokens) != 2 or not mention.text.lower().startswith("the ") or not mention.text.split()[-1].islower():
        return None  # "the Trump Organization" is a name, not a description
    types = words("anaphor").get(tokens[1])
    state = lookup_demonym(tokens[0])
    places = {tokens[0], *([state.key] if state is not None and state.type == "State" else [])}
    if not types or (len(places) == 1 and tokens[0] not in _peoples()):
        return None
    candidates = {a.key: a for a in earlier if a.type in types and _tied_to(a, places, tokens[0])}
    return next(iter(candidates.values())) if len(candidates) == 1 else None


@cache
def _peoples() -> frozenset[str]:
    """Peoples the gazetteer bases groups with that are no state ("kurdish")."""
    return frozenset(normalise(place) for entry in entries_by_key().values() for place in entry.base)


def _tied_to(actor: Actor, places: set[str], demonym: str) -> bool:
    entry = entries_by_key().get(actor.key)
    if entry is not None and any(is_based_in(entry, place) for place in places):
        return True
    return any(demonym in normalise(alias).split() for alias in actor.aliases)
