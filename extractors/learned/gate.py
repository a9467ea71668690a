"""Gates: candidate pairs the classifier need not read, because the parse already says they are no relation.

A gated pair is labelled none without the encoder; a sentence whose pairs are all gated is not encoded at all,
which is where the time goes. Gates change claims, so they are off unless a classifier's ``model.json`` names
them (``"gates": ["lists", "places"]``); ``GATES`` lists those there are:

- ``lists``: the two mentions are members of one list ("Britain, France and Germany"): only conjunct links
  join them in the parse. (A first version that gated every pair with no verb, noun, preposition or auxiliary
  between them also dropped "Russian President Putin", an affiliation: held-back affiliation F1 0.533 -> 0.364.)
- ``places``: a state or city named as the object of a locative preposition ("talks in Geneva", "at Davos") is a
  place, not an actor; its pairs are not read. An actor named by its seat is joined to its noun by the
  candidates ("the government in Damascus") and is not gated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from extractors.learned.candidates import Candidate

_LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "outside", "inside", "around", "within"})


def dependency_path(first: Token, second: Token) -> list[Token]:
    """The tokens on the parse's path from ``first`` to ``second``, both included.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Iran", "backs", "Hamas"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
        >>> [t.text for t in dependency_path(doc[0], doc[2])]
        ['Iran', 'backs', 'Hamas']
    """
    up = [first, *first.ancestors]
    at = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    for token in [second, *second.ancestors]:
        if token.i in at:
            return up[: at[token.i] + 1] + down[::-1]
        down.append(token)
    return up + down[::-1]  # two roots (a sentence the parser split): no common head


def _listed(first: Candidate, second: Candidate) -> bool:
    path = dependency_path(first.token, second.token)
    top = min(path, key=lambda t: len(list(t.ancestors)))  # the head the two share
    return all(t.dep_ == "conj" for t in path if t.i != top.i)


def _placed(first: Candidate, second: Candidate) -> bool:
    return any(c.kind == "GPE" and c.token.dep_ == "pobj" and c.token.head.text.lower() in _LOCATIVE
               for c in (first, second))


GATES: dict[str, Callable[[Candidate, Candidate], bool]] = {"lists": _listed, "places": _placed}


def gated(first: Candidate, second: Candidate, gates: Sequence[str]) -> bool:
    """Whether any of ``gates`` says the pair ``first``, ``second`` is no relation."""
    return any(GATES[name](first, second) for name in gates)
