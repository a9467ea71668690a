"""The actor mentions of a parsed document that resolution sees besides the claims' own.

Named people and organisations, gazetteer states, demonyms and groups, "the alliance"-style anaphors, titled
forms of names ("President Bashar al-Assad"), and in-text definitions ("Kurdish People's Protection Units (YPG)",
"the Islamic State, also known as ISIS or ISIL"). Photo captions and credits ("Photo: ...", "(Reuters/Jane Roe)"),
"Follow X on Twitter" lines and @handles name nobody. Names the document uses as places are returned as mentions
of kind ``LOC`` (``place_mentions``), so that resolution makes no actor of any mention of them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extractors.kb import load_kb
from extractors.records import Mention
from extractors.spans import sentences_with_entities
from graph.resolve.descriptions import document_leaders, is_generic_government, leader_government
from graph.resolve.document import Definition
from graph.resolve.gazetteer import lookup, normalise, words
from graph.resolve.phrases import apposition, generic_government, leader_phrase
from graph.resolve.resolver import is_place_name

_NAMED = frozenset({"PERSON", "ORG"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "from", "around"})
_LOOKED_UP = frozenset({"GPE", "NORP"})
_CAPTION = re.compile(r"^\s*(photo|picture|image|caption|credit|file photo|pictured)\b\s*[:(]?", re.I)
_FOLLOW = re.compile(r"\bfollow\b.*\bon (twitter|x|facebook|instagram)\b", re.I)
_LIST_GAP = re.compile(r"[\s,]*((or|and)\s+)?")
_AKA = re.compile(r"^\s*,?\s*(also known as|also called|known as|aka)\s", re.I)


def is_noise_sentence(sent: Span) -> bool:
    """Captions, credits and social-media lines (they assert nothing and name photographers)."""
    text = sent.text  # a Span builds its text from the tokens on every access
    return bool(_CAPTION.match(text) or _FOLLOW.search(text))


def _is_credit(ent: Span) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return before in ("/", "@") or after == "/" or ent.text.startswith("@") or "/" in ent.text


def _titled(ent: Span) -> Span | None:
    """"President Bashar al-Assad" when the model tagged only "Bashar al-Assad"."""
    titles = words("title")
    doc = ent.doc
    for size in (3, 2, 1):
        start = ent.start - size
        if start >= 0 and doc[start].is_title and doc[start:ent.start].text.lower() in titles:
            return doc[start:ent.end]
    return None


def _is_location(ent: Span) -> bool:
    """"In Brussels, ..." names a place, not the actor whose seat it is."""
    return ent.label_ == "GPE" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in _LOCATIVE


def _headed_phrase(ent: Span) -> Span | None:
    """"Syrian government", "Kurdish YPG militia": an entity (with an adjacent demonym before it) and a head noun
    that makes the phrase name a state or a group."""
    doc = ent.doc
    if ent.end >= len(doc) or ent.label_ not in ("NORP", "ORG", "GPE"):
        return None
    heads = {**words("state_head"), **words("group_head")}
    if doc[ent.end].lower_ not in heads or _is_pro_or_anti(ent):
        return None
    start = ent.start
    if start > 0 and doc[start - 1].ent_type_ == "NORP":
        start -= 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
    if start > 0 and doc[start - 1].lower_ == "the" and doc[ent.end].lower_ in words("anaphor"):
        start -= 1  # "the Lebanese group": definite, so it may refer back (graph.resolve.descriptions)
    return doc[start : ent.end + 1]


def _is_pro_or_anti(ent: Span) -> bool:
    """"Ukraine's pro-Russia government" is not Russia's government."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].lower_ in ("pro", "anti")


def _anaphors(sent: Span) -> list[Mention]:
    """"the alliance", "the group" (resolved later against the document), and "the administration"-style
    nouns the gazetteer knows."""
    anaphors = words("anaphor")
    out: list[Mention] = []
    for token in sent:
        if token.i == 0 or token.ent_type_ or not token.tag_.startswith("NN"):
            continue
        if token.doc[token.i - 1].lower_ != "the":  # checked before the gazetteer lookup, which costs more
            continue
        if token.lower_ in anaphors or lookup(token.lower_) is not None:
            span = token.doc[token.i - 1 : token.i + 1]
            out.append(Mention(span.text, span.start_char, span.end_char, "NOUN"))
    return out


def document_mentions(doc: Doc) -> tuple[list[Mention], list[Definition]]:
    """The document's actor mentions in text order and the name definitions it makes."""
    mentions: list[Mention] = []
    definitions: list[Definition] = []
    ents = list(doc.ents)  # Span.ents and Doc.text rebuild from every token on each call: read them once
    text = doc.text
    leaders = document_leaders(Mention(e.text, 0, 0, "PERSON") for e in ents if e.label_ == "PERSON")
    leaders.update(document_leaders(Mention(t.text, 0, 0, "PERSON") for e in ents if (t := _titled(e)) is not None))
    named: list[Span] = []  # the entities outside captions and credits
    for sent, inside in sentences_with_entities(doc):  # not every entity for every sentence: a long text's time
        if is_noise_sentence(sent):
            continue
        named.extend(ent for ent in inside if not _is_credit(ent))
        for ent in inside:
            if not _is_credit(ent) and not _is_location(ent):
                mentions.extend(_entity_mentions(ent))
                definitions.extend(_definitions(ent, sent, ents, text))
                mentions.extend(_descriptions(ent, leaders, definitions))
        mentions.extend(_anaphors(sent))
        generic = [span for span in generic_government(sent) if is_generic_government(span.text)]
        mentions.extend(_as_mention(span, "NOUN") for span in generic)
    return [*mentions, *place_mentions(named)], definitions


def place_mentions(ents: list[Span]) -> list[Mention]:
    """Mentions (kind ``LOC``) of the names a document uses as places, where neither the gazetteer nor the actor
    KB knows the name, nor is it the surname of a person the document names in full: after a locative preposition
    where it is tagged a facility or location ("a camp at Ain Issa"), after "near" ("near RAF Croughton"), after
    "at"/"in" a noun of a site ("the plant at Abqaiq"), or coordinated with such a name ("entered Tell Tamer and Ain
    Issa"). A capital stays its government ("near Washington": the KB's seat).
    """
    surnames = {name[-1] for ent in ents if ent.label_ == "PERSON" and len(name := normalise(ent.text).split()) > 1}
    places = {normalise(ent.text) for ent in ents if _used_as_place(ent) and _unknown(ent.text)} - surnames
    of_token = {token.i: ent for ent in ents for token in ent}
    for ent in ents:  # one step along a coordination: "Tell Tamer and Ain Issa"
        other = of_token.get(ent.root.head.i) if ent.root.dep_ == "conj" else None
        pair = {normalise(ent.text), normalise(other.text)} if other is not None else set()
        if pair & places and all(_unknown(e.text) for e in (ent, other) if e is not None):
            places |= pair
    return [_as_mention(ent, "LOC") for ent in ents if normalise(ent.text) in places and not is_place_name(ent.text)]


def _used_as_place(ent: Span) -> bool:
    """After a locative preposition, tagged a facility or location ("at Ain Issa"), after "near", or after "at"
    or "in" a site noun ("the plant at Abqaiq"); never a name tagged a person there."""
    root = ent.root
    preposition = root.head.text.lower()
    if ent.label_ == "PERSON" or root.dep_ != "pobj" or preposition not in _LOCATIVE:
        return False
    site = root.head.head.lemma_.lower()
    return ent.label_ in ("FAC", "LOC") or preposition == "near" or \
        preposition in ("at", "in") and (site in words("site_noun") or site in words("place_head"))


def _unknown(name: str) -> bool:
    """Whether neither the gazetteer nor the actor KB knows ``name``."""
    return lookup(name) is None and not load_kb().candidates(name)


def _entity_mentions(ent: Span) -> list[Mention]:
    out: list[Mention] = []
    if ent.label_ in _NAMED or (ent.label_ in _LOOKED_UP and lookup(ent.text) is not None):
        out.append(Mention(ent.text, ent.start_char, ent.end_char, ent.label_))
    extra = _titled(ent) if ent.label_ == "PERSON" else _headed_phrase(ent)
    if extra is not None:
        out.append(Mention(extra.text, extra.start_char, extra.end_char, ent.label_))
    return out


def _as_mention(span: Span, kind: str) -> Mention:
    return Mention(span.text, span.start_char, span.end_char, kind)


def _descriptions(ent: Span, leaders: dict[str, str], definitions: list[Definition]) -> list[Mention]:
    """"the Assad government" (when the document or the table knows the leader) and "Hezbollah, the Lebanese
    Shi'ite movement" (recorded as a definition of the name)."""
    out: list[Mention] = []
    phrase = leader_phrase(ent)
    if phrase is not None and leader_government(phrase.text, leaders) is not None:
        out.append(_as_mention(phrase, "NOUN"))
    described = apposition(ent)
    if described is not None:
        out.append(_as_mention(described, "NOUN"))
        definitions.append(Definition(_without_the(ent.text), described.text))
    return out


def _without_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text, flags=re.I)


def _definitions(ent: Span, sent: Span, ents: list[Span], text: str) -> list[Definition]:
    doc = ent.doc
    if ent.label_ not in ("ORG", "GPE", "NORP", "PERSON"):
        return []
    nxt = ent.end
    if nxt + 2 < len(doc) and doc[nxt].text == "(" and doc[nxt + 2].text == ")":
        short = doc[nxt + 1].text
        long_ok = len(ent) >= 2 and not ent.text.isupper()  # not a dateline: "WASHINGTON (AP)"
        if long_ok and short.isupper() and 2 <= len(short) <= 8 and normalise(short) != normalise(ent.text):
            return [Definition(_without_the(ent.text), short)]
    match = _AKA.match(text[ent.end_char : sent.end_char])
    if match is None:
        return []
    pos = ent.end_char + match.end()
    out: list[Definition] = []
    for other in ents:
        if other.start_char < pos or other.end > sent.end:
            continue
        if not _LIST_GAP.fullmatch(text[pos : other.start_char]):
            break
        out.append(Definition(_without_the(ent.text), _without_the(other.text)))
        pos = other.end_char
    return out
