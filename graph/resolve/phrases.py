"""Noun phrases around entities that name an actor by description (spaCy spans; read by ``resolve_mentions``).

``leader_phrase``: "the Assad government", "Maduro's regime", "the government of President Bashar al-Assad";
``apposition``: "Hezbollah, the Lebanese Shi'ite movement whose fighters ..."; ``generic_government``:
"government troops", "the government", "the legitimate government".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from graph.resolve.gazetteer import government_nouns, lookup_demonym, words

__all__ = ["apposition", "generic_government", "leader_phrase"]

_NAMED = frozenset({"PERSON", "ORG", "LOC", "GPE", "NORP"})


def leader_phrase(ent: Span) -> Span | None:
    """The phrase a person-like name heads or ends: "Assad government", "Assad's forces", "government of Assad"."""
    doc = ent.doc
    if ent.label_ not in _NAMED:
        return None
    after = ent.end + 1 if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "\u2019s") else ent.end
    if after < len(doc) and doc[after].lower_ in words("state_head") and doc[after].tag_ in ("NN", "NNS"):
        return doc[ent.start : after + 1]
    start = ent.start
    while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in words("title"):
        start -= 1
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in government_nouns("leader"):
        return doc[start - 2 : ent.end]
    return None


def apposition(ent: Span) -> Span | None:
    """A definite description in apposition to a named actor, headed by an actor noun, with modifiers that are
    demonyms or common words: "Hezbollah, the Lebanese Shi'ite movement" -> "Lebanese Shi'ite movement"; None for
    anything else ("X, the Sterling group": a name; "X, the A group and the B group": a list)."""
    if ent.label_ not in ("ORG", "NORP", "GPE"):
        return None
    doc = ent.doc
    for token in doc[ent.end : min(len(doc), ent.end + 8)]:
        if token.dep_ != "appos" or not ent.start <= token.head.i < ent.end:
            continue
        if token.lower_ not in words("actor_noun"):
            return None
        dets = [child for child in token.lefts if child.dep_ == "det"]
        if len(dets) != 1 or dets[0].lower_ != "the" or token.i - dets[0].i < 2 or dets[0].i != ent.end + 1:
            return None
        if any(child.dep_ in ("conj", "cc") for child in token.children):
            return None  # "X, the Sterling group and the Tata group": a list, not a description of X
        modifiers = doc[dets[0].i + 1 : token.i]
        if not all(t.is_lower or t.ent_type_ == "NORP" or lookup_demonym(t.text) is not None for t in modifiers):
            return None  # "the Sterling group" is a name of its own
        return doc[dets[0].i + 1 : token.i + 1]
    return None


def generic_government(sent: Span) -> Iterator[Span]:
    """"government troops", "the government", "the legitimate government": a government the text leaves unnamed.

    Never "pro-government forces", "the government delegation", "the government in Damascus" or "the Syrian
    government" (those name something else, or name the state themselves).
    """
    doc = sent.doc
    adjectives = words("government_adjective")
    for token in sent:
        if token.lower_ not in ("government", "regime") or token.ent_type_ or token.i == 0:
            continue
        start = token.i - 1 if doc[token.i - 1].lower_ in adjectives else token.i
        before = doc[start - 1] if start > 0 else None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in words("military_head") and nxt.tag_ in ("NN", "NNS"):
            if before is None or not (before.text == "-" or before.ent_type_ or before.pos_ in ("PROPN", "ADJ")):
                yield doc[start : token.i + 2]
        elif before is not None and before.lower_ == "the" and token.dep_ != "compound" \
                and (nxt is None or nxt.lower_ not in ("of", "in")):
            yield doc[start - 1 : token.i + 1]
