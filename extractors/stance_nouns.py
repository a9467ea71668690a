"""Noun cues whose parties sit outside the noun's own phrase.

- "at the hands of X": X holds the stance and the victim is what the phrase modifies, the subject of its verb
  ("civilians were killed at the hands of the militia") or the noun it follows ("the Yazidi plight at the
  hands of ISIL"); "thousands of Syrians" stands for the Syrians;
- a relative clause on the cue names the holder: "the threat they pose to Iraq", "the aid Tehran gives to
  the militia";
- relational nouns ("ally", "partner", "rival") with a possessor: "their Hezbollah allies" relates Hezbollah
  to the possessor; mutual ones hold both ways.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.lexicon import Cue
from extractors.spans import actor_mention, child, prep_objects
from extractors.stance_slots import Slot, holder_mentions

_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def victims(noun: Token) -> list[Token]:
    """What an "at the N of X" phrase is about: the subject of the verb it modifies, or the noun it follows.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["Kurds", "were", "killed", "at", "the", "hands", "of", "ISIL"]
        >>> doc = Doc(Vocab(), words=words, heads=[2, 2, 2, 2, 5, 3, 5, 6],
        ...           deps=["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "prep", "pobj"],
        ...           pos=["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"])
        >>> [t.text for t in victims(doc[5])]
        ['Kurds']
    """
    prep = noun.head
    if noun.dep_ != "pobj" or prep.text.lower() != "at" or prep.head is prep:
        return []
    governor = prep.head
    if governor.pos_ in ("VERB", "AUX"):
        subject = child(governor, "nsubjpass", "nsubj")
        return [_counted(subject)] if subject is not None else []
    return [governor] if governor.pos_ in ("NOUN", "PROPN") else []


def _counted(token: Token) -> Token:
    """ "thousands of Syrians" -> Syrians: a count noun stands for what it counts."""
    if token.ent_type_ in ("CARDINAL", "QUANTITY") or token.lemma_.lower() in ("number", "dozen", "scores"):
        return next(prep_objects(token, "of"), token)
    return token


def relative_clause(noun: Token) -> Token | None:
    """The verb of a relative clause on ``noun`` whose own subject is not the noun: "the threat [they pose]"."""
    for c in noun.children:
        if c.dep_ == "relcl":
            subject = child(c, "nsubj")
            if subject is not None and subject.tag_ not in _RELATIVE_TAGS:
                return c
    return None


def relational_parties(noun: Token, cue: Cue) -> tuple[list[Slot], list[Slot]]:
    """(described, related) for a relational noun with a possessor and no appositive or copula naming whom it
    describes: "their Hezbollah allies" -> ([Hezbollah], [their, bound]). Unnamed ones ("its partners",
    "Trump's critics") give nothing: news rarely means a stance between an actor and a bare "allies"."""
    possessor = child(noun, "poss")
    if possessor is None:
        return [], []
    related = holder_mentions(possessor, cue)
    modifier = next((c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod") and c.i > possessor.i
                     and actor_mention(c) is not None), None)
    named = actor_mention(modifier) if modifier is not None else None
    return ([(named, 1.0)] if named is not None else []), related
