"""Small span helpers shared by the extractors: actor slots, coordination, clause flags."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import actor_adjectives, actor_nouns, control_verbs, speech_verbs
from extractors.records import Mention

ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_NOT_ACTOR_ENTS = frozenset({"FAC", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                             "PERCENT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
_ACTOR_PRONOUNS = frozenset({"we", "us", "our", "they", "them", "their", "it", "its"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_NP_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})  # which, who/whom, whose
_WH_TAGS = RELATIVE_TAGS | {"PRP$"}
_MODALS = frozenset({"might", "may", "could", "would", "should", "must", "can", "will"})
HEDGE_MODALS = frozenset({"might", "may", "could", "would", "should"})
_ASSERTED_MARKS = frozenset({"as", "while", "because", "since", "after", "although", "though", "whereas"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
_LIMITING_ADVERBS = frozenset({"unconditionally", "fully", "entirely", "completely", "wholeheartedly",
                               "necessarily", "always", "blindly", "totally"})


def sentence_text(sent: Span) -> tuple[str, int]:
    """The sentence's text without surrounding white space, and its start offset in the document."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return text.strip(), sent.start_char + lead


def mention_of(span: Span | Token, kind: str) -> Mention:
    start = span.idx if isinstance(span, Token) else span.start_char
    end = start + len(span.text)
    return Mention(text=span.text, start=start, end=end, kind=kind)


def noun_phrase(token: Token) -> Span:
    """The token with its left modifiers (compounds, adjectives, possessors), without determiners."""
    lefts = [t for t in token.lefts if t.dep_ in _NP_LEFT_DEPS and t.pos_ != "PRON" and t.tag_ not in _WH_TAGS
             and not (t.dep_ == "amod" and t.is_stop)]  # not "whose fighters", "several factions"
    start = min((t.left_edge.i for t in lefts), default=token.i)
    return token.doc[start : token.i + 1]


def actor_mention(token: Token) -> Mention | None:
    """The actor named by the phrase headed by ``token``, or None if the phrase names no actor.

    A named entity is the actor ("Moscow"); a common actor noun keeps its phrase ("the Syrian rebels");
    a non-actor head with an actor modifier yields the modifier ("Israeli jets", "Hezbollah positions").
    """
    if token.pos_ == "PRON":
        return mention_of(token, "PRON") if token.text.lower() in _ACTOR_PRONOUNS else None
    if token.ent_type_:
        ent = entity_of(token)
        if ent is None or ent.label_ not in ACTOR_ENTS or _unplaced_adjective(ent):
            return None
        return mention_of(ent, ent.label_)
    bare_ok = actor_nouns().get(token.lemma_.lower())
    if bare_ok is not None and token.pos_ in ("NOUN", "PROPN"):
        phrase = with_place(noun_phrase(token))
        return mention_of(phrase, "NOUN") if bare_ok or len(phrase) > 1 else None
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.ent_type_ in ACTOR_ENTS:
            ent = entity_of(child)
            if ent is not None and (_plural(token) or not _unplaced_adjective(ent)):
                return mention_of(ent, ent.label_)
    return None


def _unplaced_adjective(ent: Span) -> bool:
    """A demonym adjective no actor answers to ("the European decision", "Hispanic voters"): it stands for no
    actor, and must not become one named by the adjective. "Israeli jets" (Israel) and "Republican senators"
    (the party) do stand for one; a noun ("the Kurds", "Europeans") names its people."""
    return ent.label_ == "NORP" and ent.root.pos_ == "ADJ" and ent.text.lower() not in actor_adjectives()


def _plural(token: Token) -> bool:
    """A plural head names members of the group its adjective names ("Hindu cow protectors", "European nations"),
    where a singular one names an act or a thing ("the European decision")."""
    return token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number", [])


def with_place(phrase: Span) -> Span:
    """Extend "the government" by a following "in Damascus" / "of Iraq", which says whose it is."""
    doc = phrase.doc
    if phrase.end >= len(doc):
        return phrase
    prep = doc[phrase.end]  # adjacent, whatever the parser attached it to ("defend the government in X")
    if prep.dep_ == "prep" and prep.text.lower() in ("in", "of"):
        obj = child(prep, "pobj")
        if obj is not None and obj.ent_type_ == "GPE":
            return doc[phrase.start : obj.right_edge.i + 1]
    return phrase


def sentences_with_entities(doc: Doc) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence of ``doc`` with the entities inside it (as ``sent.ents`` gives them), in one pass over the
    sentences and the entities: ``sent.ents`` reads every entity of the document for each sentence.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Iran", "spoke", ".", "Iraq", "and", "Syria", "too", "."],
        ...           ents=["B-GPE", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"], sent_starts=[1, 0, 0, 1, 0, 0, 0, 0])
        >>> [(sent.text, [e.text for e in ents]) for sent, ents in sentences_with_entities(doc)]
        [('Iran spoke .', ['Iran']), ('Iraq and Syria too .', ['Iraq', 'Syria'])]
    """
    ents = list(doc.ents)
    first = 0
    for sent in doc.sents:
        while first < len(ents) and ents[first].start < sent.start:
            first += 1
        inside = []
        for ent in ents[first:]:
            if ent.start >= sent.end:
                break
            if ent.end <= sent.end:
                inside.append(ent)
        yield sent, inside


def entity_of(token: Token) -> Span | None:
    """The entity of ``doc.ents`` that ``token`` is part of, or None; found from the tokens' IOB tags, in time
    that grows with the entity's length (``doc.ents`` makes a span of every entity of the document each time it
    is read, which made a long document's extraction grow with the square of its length).

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["the", "Islamic", "State", "and", "Iran"],
        ...           ents=["O", "B-ORG", "I-ORG", "O", "B-GPE"])
        >>> [(e.text, e.label_) if e is not None else None for e in map(entity_of, doc)]
        [None, ('Islamic State', 'ORG'), ('Islamic State', 'ORG'), None, ('Iran', 'GPE')]
    """
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    first = doc[start]
    if not first.ent_type:
        return None
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_objects(token: Token, prep: str) -> Iterator[Token]:
    """Objects of the PPs headed by ``prep`` under ``token`` ("sided with Turkey" -> Turkey)."""
    for c in token.children:
        if c.dep_ in ("prep", "dative", "agent") and c.text.lower() == prep:
            obj = child(c, "pobj")
            if obj is not None:
                yield obj
        elif prep == "to" and c.dep_ == "dative" and c.pos_ != "ADP":
            yield c


def clause_flags(verb: Token) -> tuple[bool, bool]:
    """(negated, hedged) for the clause of ``verb``, looking up its chain of governing verbs."""
    negated = hedged = False
    node = verb
    for _ in range(8):
        kids = list(node.children)
        if any(c.dep_ == "neg" for c in kids):
            limited = any(c.text.lower() in _LIMITING_ADVERBS for c in kids) or any(
                c.text.lower() in _LIMITING_ADVERBS for c in verb.children)
            if limited:
                hedged = True
            else:
                negated = not negated
        if any(c.dep_ == "aux" and c.text.lower() in HEDGE_MODALS for c in kids):
            hedged = True
        if any(c.dep_ == "mark" and c.text.lower() in CONDITION_MARKS for c in kids):
            hedged = True
        if node != verb and node.pos_ in ("VERB", "AUX"):
            effect = control_verbs().get(node.lemma_.lower(), ("", ""))[0]
            if effect == "negates":
                negated = not negated
            elif effect == "hedges":
                hedged = True
        if node.dep_ in ("ccomp", "ROOT", "parataxis") or node.head == node:
            break
        if node.dep_ == "relcl" or (node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.text.lower() in _ASSERTED_MARKS for c in node.children)):
            break  # "as Iraqis unite against ISIL, ISIL will try to ...": the as-clause is asserted on its own
        node = node.head
    sent = verb.sent
    if sent.text.rstrip().endswith("?"):
        hedged = True
    return negated, hedged


def speaker_of(verb: Token) -> Token | None:
    """The subject of the speech verb that reports the clause of ``verb`` ("Israel says Iran funds X")."""
    node = verb
    for _ in range(8):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in speech_verbs():
            return child(node.head, "nsubj")
        if node.head == node:
            return None
        node = node.head
    return None


def is_modal(token: Token) -> bool:
    return token.text.lower() in _MODALS
