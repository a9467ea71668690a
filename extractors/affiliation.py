"""``affiliation.v1``: which person works for or speaks for which organisation or state.

Patterns, all anchored on a role noun from ``data/role_nouns.tsv``:
- apposition after the name: "Maria Lopez, a spokeswoman for the European Commission";
  "Olaf Scholz, the German chancellor"; several roles coordinated ("director at A and adviser to B");
- apposition before the name: "Iran's supreme leader, Ali Khamenei";
- title before the name: "NATO Secretary General Jens Stoltenberg", "French President Emmanuel Macron".
The organisation is the object of for/at/of/with/to on the role, a possessor ("Iran's"), a demonym
("German") or an organisation compound ("Kremlin spokesman"). An outlet someone spoke to is never reached:
only the role's own modifiers are read.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import role_nouns
from extractors.records import Claim, Mention
from extractors.registry import register
from extractors.spans import actor_mention, mention_of, sentence_text

NAME = "affiliation.v1"
_ORG_ENTS = frozenset({"ORG", "GPE", "NORP"})
_ROLE_PREPS = frozenset({"for", "at", "of", "with", "to", "in"})
_CONFIDENCE = {"prep": 0.85, "possessive": 0.85, "demonym": 0.8, "compound": 0.8}


@register(NAME)
def extract_affiliation(doc: Doc, doc_id: str) -> Iterator[Claim]:
    """Yield person -> organisation claims from appositions and titles.

    Examples:
        >>> import spacy
        >>> from spacy.vocab import Vocab
        >>> words = ["Ann", "Roe", ",", "a", "spokeswoman", "for", "NATO", ",", "spoke", "."]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 8, 1, 4, 1, 4, 5, 1, 8, 8],
        ...           deps=["compound", "nsubj", "punct", "det", "appos", "prep", "pobj", "punct", "ROOT", "punct"],
        ...           lemmas=["Ann", "Roe", ",", "a", "spokeswoman", "for", "NATO", ",", "speak", "."],
        ...           ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O"],
        ...           sent_starts=[True] + [False] * 9)
        >>> [(c.subject.text, c.object.text, c.role) for c in extract_affiliation(doc, "d")]
        [('Ann Roe', 'NATO', 'spokeswoman')]
    """
    for index, sent in enumerate(doc.sents):
        seen: set[tuple[int, int]] = set()
        for person in (e for e in sent.ents if e.label_ == "PERSON"):
            for role, org, how in _affiliations(person):
                if (person.start, org.start) in seen or _overlaps(org, person):
                    continue
                seen.add((person.start, org.start))
                text, start = sentence_text(sent)
                yield Claim(
                    doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start,
                    relation="affiliated_with", subject=mention_of(person, "PERSON"),
                    object=mention_of(org, org.label_), cue=role.text.lower(), extractor=NAME,
                    confidence=_CONFIDENCE[how], role=_role_text(role),
                )


def _affiliations(person: Span) -> Iterator[tuple[Token, Span, str]]:
    head = person.root
    roles: list[Token] = []
    for c in head.children:
        if c.dep_ == "appos" and _is_role(c):
            roles.extend([c, *(r for r in c.conjuncts if _is_role(r))])
    if head.dep_ == "appos" and _is_role(head.head):
        roles.append(head.head)
    for role in roles:
        yield from _role_orgs(role, person)
    yield from _title_orgs(person)


def _is_role(token: Token) -> bool:
    lemmas = role_nouns()
    return token.lemma_.lower() in lemmas or token.text.lower() in lemmas


def _role_orgs(role: Token, person: Span) -> Iterator[tuple[Token, Span, str]]:
    for c in role.children:
        if c.dep_ == "prep" and c.text.lower() in _ROLE_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is None:
                continue
            org = _org_entity(obj)
            if org is None:  # "director of the Middle East programme at Chatham House"
                inner = next((p for p in obj.children if p.dep_ == "prep" and p.text.lower() in _ROLE_PREPS), None)
                deeper = next((o for o in inner.children if o.dep_ == "pobj"), None) if inner else None
                org = _org_entity(deeper) if deeper is not None else None
            if org is not None:
                yield role, org, "prep"
    yield from _modifier_orgs(role, person)


def _title_orgs(person: Span) -> Iterator[tuple[Token, Span, str]]:
    """Titles left of the name inside the same noun phrase: "NATO Secretary General Jens Stoltenberg"."""
    doc = person.doc
    titles = [t for t in doc[person.root.left_edge.i : person.start] if _is_role(t)]
    for role in titles:
        yield from _modifier_orgs(role, person)
        for t in doc[person.root.left_edge.i : role.i]:
            org = _org_entity(t)
            if org is not None and t.dep_ in ("compound", "amod", "poss", "nmod"):
                yield role, org, "compound" if org.label_ == "ORG" else "demonym"
                break


def _modifier_orgs(role: Token, person: Span) -> Iterator[tuple[Token, Span, str]]:
    for c in role.lefts:
        if c.dep_ in ("poss", "amod", "compound", "nmod"):
            for t in (c, *c.lefts):
                org = _org_entity(t)
                if org is not None and not _overlaps(org, person):
                    how = "possessive" if t.dep_ == "poss" else "demonym" if org.label_ == "NORP" else "compound"
                    yield role, org, how
                    break


def _org_entity(token: Token) -> Span | None:
    """The organisation ``token`` names: an entity, or an actor-noun phrase with a modifier ("the Qatari
    foreign ministry")."""
    if token.ent_type_ in _ORG_ENTS:
        return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if token.ent_type_ or token.pos_ not in ("NOUN", "PROPN"):
        return None
    mention = actor_mention(token)
    if mention is None or mention.kind != "NOUN":
        return None
    span = token.doc.char_span(mention.start, mention.end)
    if span is None or not any(t.ent_type_ in _ORG_ENTS for t in span):  # "the foreign ministry" alone: whose?
        return None
    return Span(token.doc, span.start, span.end, label="ORG")


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _role_text(role: Token) -> str:
    """The role as written: its adjectives and compounds ("senior fellow", "Secretary General")."""
    parts = [t for t in role.lefts if t.dep_ in ("amod", "compound") and not t.ent_type_]
    words = [t.text for t in parts] + [role.text]
    words += [t.text for t in role.rights if t.dep_ == "compound" and not t.ent_type_]
    return " ".join(words).lower()


def mention_for(span: Span) -> Mention:
    return mention_of(span, span.label_)
