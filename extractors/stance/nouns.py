"""Noun cues whose parties sit outside the noun's own phrase.

- "at the hands of X": X holds the stance and the victim is what the phrase modifies, the subject of its verb
  ("civilians were killed at the hands of the militia") or the noun it follows ("the Yazidi plight at the
  hands of ISIL"); "thousands of Syrians" stands for the Syrians;
- a relative clause on the cue names the holder: "the threat they pose to Iraq", "the aid Tehran gives to
  the militia";
- the party a support noun helps shares the purpose of an opposition noun in the same clause ("support for
  Iraq in the fight against ISIL": Iraq opposes ISIL);
- a relation between actors joined by a hyphen: "the Iran-Iraq war";
- relational nouns ("ally", "partner", "rival") with a possessor: "their Hezbollah allies" relates Hezbollah
  to the possessor; mutual ones hold both ways.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.lexicon import Cue, actor_types, stance_cues
from extractors.spans import ACTOR_ENTS, RELATIVE_TAGS, actor_mention, child, prep_objects
from extractors.stance.slots import Slot, holder_mentions

_NOMINAL_GOVERNED = frozenset({"dobj", "pobj", "attr", "appos", "conj", "nsubjpass", "oprd"})
_DASHES = frozenset({"-", "\u2013"})
_NOT_PURPOSE_SLOTS = frozenset({"between", "role", "role_rev", "mutual", "victim", "poss_of"})


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
    if noun.dep_ != "pobj" or prep.text.lower() != "at" or prep.head == prep:
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
            if subject is not None and subject.tag_ not in RELATIVE_TAGS:
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
    if named is not None and actor_types().get(named.text.lower()) == "Organization":
        # "our NATO ally", "its EU partners": the organisation is where the alliance sits; the ally is a member.
        named = None
    return ([(named, 1.0)] if named is not None else []), related


def governing_verb(noun: Token) -> Token | None:
    node = noun
    for _ in range(3):
        if node.dep_ not in _NOMINAL_GOVERNED and node.dep_ != "prep":
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def verb_level_targets(noun: Token, cue: Cue) -> list[Token]:
    """The target PP of an object noun cue, attached by the parser to the verb or to a participle beside it
    ("conducted 23 strikes using drones against ISIL targets"): the first such PP after the noun."""
    if noun.dep_ != "dobj" or cue.slot in ("of", "to", "for", "with"):
        return []
    verb = noun.head
    for token in verb.subtree:
        if token.head.dep_ == "pobj":
            continue  # a PP inside another PP ("in support of its partners on the ground") is not the target
        if token.i > noun.i and token.dep_ == "prep" and token.text.lower() == cue.slot:
            obj = child(token, "pobj")
            return [obj] if obj is not None else []
    return []


def purpose_oppositions(noun: Token, cue: Cue) -> list[tuple[Token, Cue, list[Token]]]:
    """Opposition noun cues in the clause of a support noun, with their targets: the party supported shares
    the purpose ("UK support for Iraq in the fight against ISIL", "strikes in support of X against Y",
    "offered support to the Kurds in their battle with Daesh": X opposes Y too)."""
    verb = governing_verb(noun) if cue.polarity == "supports" else None
    if verb is None:
        return []
    found = []
    for other in verb.subtree:
        governor = governing_verb(other)
        if other.i == noun.i or other.pos_ not in ("NOUN", "PROPN") or governor is None or governor.i != verb.i:
            continue
        for other_cue in stance_cues().get((other.lemma_.lower(), "NOUN"), ()):
            if other_cue.polarity == "opposes" and other_cue.slot not in _NOT_PURPOSE_SLOTS:
                targets = list(prep_objects(other, other_cue.slot)) or verb_level_targets(other, other_cue)
                if targets:
                    found.append((other, other_cue, targets))
    return found


def hyphen_parties(noun: Token) -> list[Token]:
    """Actor names joined by a hyphen in front of a relation noun: "the Iran-Iraq war", "US-China talks".

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["the", "Iran", "-", "Iraq", "war"], heads=[4, 3, 3, 4, 4],
        ...           deps=["det", "compound", "punct", "compound", "ROOT"],
        ...           ents=["O", "B-GPE", "O", "B-GPE", "O"])
        >>> [t.text for t in hyphen_parties(doc[4])]
        ['Iran', 'Iraq']
    """
    doc = noun.doc
    for i in range(noun.left_edge.i, noun.i - 2):
        first, dash, second = doc[i], doc[i + 1], doc[i + 2]
        if dash.text in _DASHES and first.ent_type_ in ACTOR_ENTS and second.ent_type_ in ACTOR_ENTS:
            return [first, second]
    return []


def relative_clause_targets(noun: Token, cue: Cue) -> list[Token]:
    """The target PP of a relative clause on the cue: "the threat they pose to Iraq"."""
    verb = relative_clause(noun)
    return list(prep_objects(verb, cue.slot)) if verb is not None else []


def role_holder(noun: Token) -> Token | None:
    """Who an agent noun describes: "Gaetz, a Trump supporter" / "Gaetz is a critic of X" -> Gaetz."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return child(noun.head, "nsubj")
    return child(noun, "appos")  # "Putin's ally, Lukashenko"


def role_targets(noun: Token) -> list[Token]:
    """Whom an agent noun is about: "Trump supporter", "Trump's critic", "an opponent of Trump"."""
    found = [c for c in noun.lefts if c.dep_ in ("poss", "compound", "nmod") and c.ent_type_ in ACTOR_ENTS]
    return found + list(prep_objects(noun, "of"))
