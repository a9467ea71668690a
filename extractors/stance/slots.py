"""Who fills the holder and target slots of a stance cue, beyond a plain actor phrase.

- a title head names its appositive person ("the president, Joe Biden, accused ...");
- a possessive pronoun holder is bound to the subject of its clause ("Iraqi forces took the campus in their
  battle with IS": Iraqi forces, not "their");
- cues of the CAMEO ``assault`` class also take non-actor targets (places, positions, buildings: "jets
  destroyed three bridges"), and an assault noun as their subject stands for the unnamed attacker ("one strike
  destroyed a tank"); such mentions are common-noun phrases with lower confidence, marked ``is_actor=False``
  (they stay out of the actor graph).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from extractors.lexicon import Cue, resolution_words, stance_cues
from extractors.records import Mention
from extractors.spans import actor_mention, child, mention_of, noun_phrase
from extractors.stance.helped import disposition_owner

_POSSESSIVE_PRONOUNS = frozenset({"their", "its", "our", "his", "her"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_TARGET_POS = frozenset({"NOUN", "PROPN"})
ASSAULT = "assault"
_STAND_IN = 0.7  # weight of a slot filled by a thing or an attack noun standing in for an actor

_OWNER = 0.85  # weight of an actor read off a modifier of the target ("army bases" -> the army)

Slot = tuple[Mention, float]  # a mention and how much it weighs on the claim's confidence


def slot_mention(token: Token) -> Mention | None:
    """The actor in a slot; a title head names its appositive holder ("the president, Joe Biden", also "Walsh's
    lawyer, Anna Berg").

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["the", "president", "Joe", "Biden"], heads=[1, 1, 3, 1],
        ...           deps=["det", "ROOT", "compound", "appos"], pos=["DET", "NOUN", "PROPN", "PROPN"],
        ...           ents=["O", "O", "B-PERSON", "I-PERSON"])
        >>> slot_mention(doc[1]).text
        'Joe Biden'
    """
    found = actor_mention(token)
    if (found is None or found.end <= token.idx) and token.pos_ in _TARGET_POS and not token.ent_type_:
        # "the president, Joe Biden"; "Walsh's lawyer, Anna Berg" is Berg, not Walsh
        appos = child(token, "appos")
        if appos is not None and appos.ent_type_ == "PERSON":
            return actor_mention(appos)
    if token.pos_ == "PROPN" and not token.ent_type_ and token.is_title and not _common_word(token) and (
            found is None or found.end <= token.idx):
        # a name the NER missed ("Kelly", "Nehlen"), also behind a named title ("Senate Minority Leader Anna
        # Berg" is Berg, not the Senate)
        return mention_of(noun_phrase(token), "PROPN")
    if found is not None and found.text.endswith(" of") and found.start <= token.idx < found.end:
        # the NER cut "the Government of | Iraq"
        return _through_of(token, found)
    return found


def _common_word(token: Token) -> bool:
    """A title or head word written as a name ("President", "Army", "Government"), not a person's name."""
    word = token.text.lower()
    return any(word in words for words in resolution_words().values())


def _through_of(token: Token, found: Mention) -> Mention:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    obj = child(prep, "pobj") if prep is not None else None
    if obj is None or obj.idx < found.end:
        return found
    doc = token.doc
    return Mention(text=doc.text[found.start : obj.idx + len(obj.text)], start=found.start,
                   end=obj.idx + len(obj.text), kind=found.kind)


def coordinated(token: Token) -> list[Token]:
    """``token`` and its conjuncts; a list parsed as an apposition with conjuncts ("the UK, the Coalition and
    Iraq" as UK -> Coalition (appos) -> Iraq (conj)) counts as coordination too."""
    found = [token, *token.conjuncts]
    for appos in (c for c in token.children if c.dep_ == "appos"):
        if any(c.dep_ == "conj" for c in appos.children):
            found += [appos, *appos.conjuncts]
    return list(dict.fromkeys(found))


def holder_mentions(token: Token | None, cue: Cue) -> list[Slot]:
    """Mentions of the stance holder ``token`` and of every conjunct of it, with their weights."""
    if token is None:
        return []
    found: list[Slot] = []
    for t in coordinated(token):
        mention = _bound_pronoun(t) or slot_mention(t)
        if mention is not None:
            found.append((mention, 1.0))
        elif cue.cls == ASSAULT and _is_assault_noun(t):
            found.append((_non_actor(t), _STAND_IN))
    return found


def target_mentions(targets: list[Token], cue: Cue) -> list[Slot]:
    """Mentions of the targets, with their weights; an assault cue also hits places and things."""
    found: list[Slot] = []
    for t in targets:
        mention = slot_mention(t)
        owner = _owner_modifier(t) if mention is None else None
        if mention is not None:
            found.append((mention, 1.0))
        elif owner is not None:  # "attacked government positions": the government
            found.append((owner, _OWNER))
        elif cue.cls == ASSAULT and (t.ent_type_ in _PLACE_ENTS or (t.pos_ == "NOUN" and not t.ent_type_)):
            found.append((_non_actor(t), _STAND_IN))
    return found


def figurative(holder: Mention, target: Slot) -> bool:
    """A person's assault on a thing is figurative ("attacked the law", "attacked his character"), also of a
    person the NER missed ("Brody targeted the issue"); armed actors and attack nouns hit real things ("jets
    destroyed three bridges")."""
    return holder.kind in ("PERSON", "PROPN") and not target[0].is_actor


def _non_actor(token: Token) -> Mention:
    """A slot filled by a thing, a place or an attack noun: a mention, but of no actor."""
    return replace(mention_of(noun_phrase(token), "NOUN"), is_actor=False)


def _owner_modifier(token: Token) -> Mention | None:
    """An actor noun modifying a non-actor target: "government positions", "rebel bases"."""
    for c in token.lefts:
        if c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN":
            mention = actor_mention(c)
            if mention is not None:
                return mention
    return None


def _bound_pronoun(token: Token) -> Mention | None:
    """ "their battle", "its campaign", "expressed his support": the actor subject of the clause the possessed
    noun sits in; not when an actor object stands between ("criticised Trump for his praise of X" may mean
    either)."""
    if token.dep_ != "poss" or token.text.lower() not in _POSSESSIVE_PRONOUNS:
        return None
    node = token.head
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX"):  # the nearest clause decides
            subject = child(node, "nsubj", "nsubjpass")
            if subject is None or subject.pos_ == "PRON" or subject.i > token.i:
                return None
            obj = child(node, "dobj", "dative")
            owner = _quality_owner(obj, token)
            if owner is not None:  # "stiffened the resolve of X in its determination to ..."
                return owner
            if obj is not None and obj.i < token.i and slot_mention(obj) is not None:
                return None
            return slot_mention(subject)
        if node.head == node:
            return None
        node = node.head
    return None


def _quality_owner(obj: Token | None, before: Token) -> Mention | None:
    """The actor in "the N of X" object before ``before``: whose resolve, unity or courage it is."""
    if obj is None or obj.i > before.i:
        return None
    owner = disposition_owner(obj)
    return slot_mention(owner) if owner is not None else None


def _is_assault_noun(token: Token) -> bool:
    return any(cue.cls == ASSAULT for cue in stance_cues().get((token.lemma_.lower(), "NOUN"), ()))
