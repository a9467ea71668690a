"""Party membership of ``affiliation.v1`` stated without a role noun or a named organisation.

- "Thurman was elected as a Whig", "returned in 1998 as a Christian Democrat": a party word
  (``data/party_words.tsv``) after "as" on the person's clause;
- "Reagan, who had lost the Republican nomination", "ran on the Democratic ticket": a party word on a noun
  of a party's contest (``data/party_contests.tsv``) the person's clause governs;
- "Janne Johnsen (Conservative Party)": capitalised words ending in an organisation noun in brackets after
  the name, when the model did not tag them;
- "Gustav III of Sweden": a name ending in a regnal number, "of" a state, is that state's monarch;
- "deputy leader of the Labour Party under X", "Under X, the AWB swore ...": the person after "under" leads
  the one organisation or party of the phrase or clause "under" belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from extractors.affiliation.posts import organisation_nouns, party_words
from extractors.affiliation.roles import Found, clauses_of, org_entity
from extractors.lexicon import read_table
from extractors.spans import entity_of

_REGNAL = re.compile(r"(?=[IVX])X{0,3}(IX|IV|V?I{0,3})")


@cache
def party_contests() -> frozenset[str]:
    """Nouns of a party's own contest ("nomination", "ticket")."""
    return frozenset(row["lemma"] for row in read_table("party_contests.tsv"))


def party_affiliations(head: Token, person: Span) -> Iterator[Found]:
    """Every (role, party, pattern) stated by a party word on the clauses of the name headed by ``head``."""
    for verb in clauses_of(head):
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        for v in (verb, *(c for c in verb.children if c.dep_ in ("acomp", "xcomp"))):
            for c in v.children:
                objs = [c] if c.dep_ == "dobj" else [o for o in c.children if o.dep_ == "pobj"]
                for obj in objs if c.dep_ in ("dobj", "prep") else []:
                    if c.text.lower() == "as" and _is_party_word(obj):
                        yield "member", _party_span(obj), "as-party"
                    elif obj.lemma_.lower() in party_contests():
                        word = next((m for m in obj.children if m.dep_ in ("amod", "compound")
                                     and _is_party_word(m)), None)
                        if word is not None:
                            yield None, _party_span(word), "party-contest"
    yield from _bracketed_party(person)
    yield from _under(head, person)
    yield from _realm(head, person)


def _is_party_word(token: Token) -> bool:
    return token.text.lower() in party_words() and token.text[:1].isupper()


def _party_span(word: Token) -> Span:
    """The party word with the capitalised words right before it in its phrase ("Christian Democrat")."""
    start = word.i
    doc = word.doc
    while start > 0 and doc[start - 1].head.i == word.i and doc[start - 1].dep_ in ("compound", "amod") \
            and doc[start - 1].text[:1].isupper():
        start -= 1
    return Span(doc, start, word.i + 1, label="NORP")


def _bracketed_party(person: Span) -> Iterator[Found]:
    """"Janne Johnsen (Conservative Party)" with the party untagged: capitalised words, the last an
    organisation noun, alone in brackets right after the name."""
    doc = person.doc
    if person.end >= len(doc) or doc[person.end].text != "(":
        return
    close = next((t.i for t in doc[person.end + 1:person.end + 8] if t.text == ")"), None)
    if close is None or close - person.end < 3:
        return
    words = doc[person.end + 1:close]
    if any(t.ent_type_ for t in words) or not all(t.text[:1].isupper() for t in words):
        return  # a tagged organisation is the bracket pattern's; lower-case words are a description
    if words[-1].text.lower() in organisation_nouns():
        yield None, Span(doc, words.start, words.end, label="ORG"), "bracket-party"


def _under(head: Token, person: Span) -> Iterator[Found]:
    """"the Labour Party under Eamon Gilmore": the only organisation (or party word) near the phrase that
    "under" belongs to: its head, the head's subject, objects and possessors."""
    prep = head.head
    if head.dep_ != "pobj" or prep.text.lower() != "under":
        return
    gov = prep.head
    near = [gov, *(c for c in gov.children if c != prep)]
    near += [g for c in near[1:] for g in c.children if g.dep_ in ("pobj", "poss")]
    orgs: dict[int, Span] = {}
    for token in near:
        org = org_entity(token) if token.ent_type_ == "ORG" else None
        if org is None and _is_party_word(token):
            org = _party_span(token)
        if org is not None and org.label_ in ("ORG", "NORP") and not org.start < person.end <= org.end:
            orgs[org.start] = org
    if len(orgs) == 1:
        yield "leader", next(iter(orgs.values())), "under"


def is_regnal(token: Token) -> bool:
    """A regnal number after a monarch's name ("III" in "Gustav III")."""
    return _REGNAL.fullmatch(token.text) is not None and token.i > 0 and token.doc[token.i - 1].pos_ == "PROPN"


def _realm(head: Token, person: Span) -> Iterator[Found]:
    """"Gustav III of Sweden", "Philip V of Spain": the state of a monarch named with a regnal number."""
    if not is_regnal(person[-1]) or len(person) < 2:
        return
    for c in head.children:
        if c.dep_ == "prep" and c.text.lower() == "of":
            state = next((o for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "GPE"), None)
            if state is not None:
                ent = entity_of(state)
                if ent is not None:
                    yield "monarch", ent, "regnal"
