"""Patterns of ``affiliation.v1`` without a role noun: the name's own phrase, or a verb, says who it works for.

- "Greg Thayer of the Forest Service", "William Craig for the UUP": a preposition on the name itself;
- "NATO's Jens Stoltenberg": an organisation as the name's possessor; "Mulroney's Conservative Party":
  a named organisation the person possesses;
- "Ontario Liberal Party candidate" has a role; "Ontario Liberal Party Joe Dickson" has an organisation name
  right before the person's name, in the same noun phrase, or a party word ("fellow Democrat X");
- "Janne Johnsen (Conservative Party)": an organisation of two words or more in brackets after the name;
- "Ulrich joined Graz EC", "Harrington taught at Harvard": a verb from ``data/affiliation_verbs.tsv``;
- "the Labor Party, led by Bob Hawke": the agent of a leading verb from the same table.
Only named organisations (ORG entities) count here, never places: "Harrison of Ohio" is where he lives.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from extractors.affiliation.posts import is_sure_organisation, organisation_nouns, party_words
from extractors.affiliation.roles import (
    Found,
    clauses_of,
    is_role,
    object_org,
    org_ending_at,
    org_entity,
    overlaps,
    role_text,
)
from extractors.lexicon import read_table
from extractors.spans import entity_of

_NAME_PREPS = frozenset({"of", "for", "from", "at", "with"})
_BRACKET_LEADS = frozenset({"formerly", "former", "of", "ex", "-", "ex-"})
_FOUNDING = frozenset({"found", "co-found", "form"})
_MISTYPED_ORGS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "FAC"})


@cache
def role_nominals() -> dict[str, str | None]:
    """Nouns for holding a post ("leadership") -> the role they imply, or None."""
    return {r["lemma"]: (None if r["role"] == "-" else r["role"]) for r in read_table("role_nominals.tsv")}


@cache
def affiliation_verbs() -> dict[tuple[str, str], str | None]:
    """(verb lemma, preposition or "-") -> the role the verb implies, or None."""
    rows = read_table("affiliation_verbs.tsv")
    return {(r["lemma"], r["prep"]): (None if r["role"] == "-" else r["role"]) for r in rows}


def link_affiliations(head: Token, person: Span) -> Iterator[Found]:
    """Every (role, organisation, pattern) found on the name headed by ``head`` without a role noun."""
    yield from _name_preps(head, person)
    yield from _possessor(head, person)
    yield from _possessed(head, person)
    yield from _org_before_name(person)
    yield from _bracketed_org(person)
    yield from _verb_objects(head, person)
    yield from _led_by(head, person)
    yield from _role_nominal(head, person)


def _named_org(token: Token | None, person: Span, unit: bool = False) -> Span | None:
    if token is None:
        return None
    org = object_org(token) if unit else org_entity(token)
    if org is None or org.label_ != "ORG" or overlaps(org, person):
        return None
    return org


def _name_preps(head: Token, person: Span) -> Iterator[Found]:
    for c in head.children:
        if c.dep_ == "prep" and c.text.lower() in _NAME_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            org = _named_org(obj, person, unit=True)
            if org is not None:
                yield None, org, "name-prep"


def _possessor(head: Token, person: Span) -> Iterator[Found]:
    """"NATO's Jens Stoltenberg", "the PvdA's Joop den Uyl": an organisation owning the name."""
    for c in head.children:
        if c.dep_ == "poss":
            org = _named_org(c, person)
            if org is not None and is_sure_organisation(org):
                yield None, org, "possessor"


def _possessed(head: Token, person: Span) -> Iterator[Found]:
    """"Brian Mulroney's Progressive Conservative Party": a person owning a named organisation (its leader,
    usually). Places are not owned: "Putin's Russia" says nothing about employment."""
    if head.dep_ == "poss" and head.head.ent_type_ == "ORG":
        org = _named_org(head.head, person)
        if org is not None and org[-1].lemma_.lower() in organisation_nouns():
            yield None, org, "possessed"


def _org_before_name(person: Span) -> Iterator[Found]:
    """"Ontario Liberal Party Joe Dickson": an ORG entity ending right where the name begins. One word that
    is not an acronym is more often a title or a given name the model mistyped ("Bishop John Cantwell",
    "Rufus Seaman Carter")."""
    if person.start == 0:
        return
    before = person.doc[person.start - 1]
    if before.head.i in range(person.start, person.end) and before.dep_ in ("compound", "amod"):
        org = _named_org(before, person)
        if org is not None and len(org) == 1 and not org.text.isupper():
            return
        if org is not None and org.end == person.start:
            yield None, org, "org-before-name"
        elif before.ent_type_ == "NORP" and before.text.lower() in party_words():  # "fellow Democrat X"
            yield None, Span(person.doc, before.i, before.i + 1, label="NORP"), "party-before-name"
    elif before.ent_type_ in ("GPE", "ORG"):  # "Liberal Party of Canada Frank Oliver", parsed apart
        org = org_ending_at(person.doc, person.start)
        whole = before.ent_type_ == "GPE" or (org is not None and any(t.lower_ == "of" for t in org))
        if org is not None and whole and org.label_ == "ORG" and not overlaps(org, person):
            yield None, org, "org-before-name"  # whole: its place tagged apart, or mended (extractors.nlp.whole_names)


def _bracketed_org(person: Span) -> Iterator[Found]:
    """"Janne Johnsen (Conservative Party)", "Leroy Burgess (formerly of Black Ivory)". One word alone in
    brackets is more often the name's acronym or an honour ("(NSB)", "(KCMG)") than an organisation."""
    doc = person.doc
    if person.end + 3 >= len(doc) or doc[person.end].text != "(":
        return
    start = person.end + 1
    while start < len(doc) and doc[start].text.lower() in _BRACKET_LEADS:
        start += 1
    org = _named_org(doc[start], person)
    if org is None and start > person.end + 1 and doc[start].pos_ == "PROPN" and not doc[start].ent_type_:
        end = start
        while end < len(doc) and doc[end].text[:1].isupper() and not doc[end].ent_type_:
            end += 1
        org = Span(doc, start, end, label="ORG")  # "(ex-Modern Talking)": untagged
    if org is not None and (len(org) > 1 or start > person.end + 1) and org.start == start \
            and org.end < len(doc) and doc[org.end].text == ")":
        yield None, org, "bracket"


def _verb_objects(head: Token, person: Span) -> Iterator[Found]:
    known = affiliation_verbs()
    for v in clauses_of(head):
        if any(c.dep_ == "neg" for c in v.children):
            continue
        lemma = v.lemma_.lower()
        for c in v.children:
            if c.dep_ == "dobj" and (lemma, "-") in known:
                found = [(known[(lemma, "-")], c)]
            elif c.dep_ == "prep" and (lemma, c.text.lower()) in known:
                role = known[(lemma, c.text.lower())]
                found = [(role, o) for o in c.children if o.dep_ == "pobj"]
            else:
                continue
            as_role = next((r for a in v.children if a.dep_ == "prep" and a.text.lower() == "as"
                            for r in a.children if r.dep_ == "pobj" and is_role(r)), None)
            for role, obj in found:
                role = role_text(as_role) if as_role is not None else role  # "joined X as an adviser"
                for o in (obj, *obj.conjuncts):
                    org = _named_org(o, person, unit=True)
                    if org is not None:
                        yield role, org, f"verb-{lemma}"


def _led_by(head: Token, person: Span) -> Iterator[Found]:
    """"the Labor Party, led by Bob Hawke"; "the party was founded by X": the agent of a leading verb."""
    agent = head.head
    if head.dep_ != "pobj" or agent.dep_ != "agent" or agent.text.lower() != "by":
        return
    verb = agent.head
    lemma = verb.lemma_.lower()
    if (lemma, "-") not in affiliation_verbs() or lemma in ("join", "rejoin", "represent"):
        return
    if verb.dep_ == "acl":
        led: Token | None = verb.head
    else:
        led = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    org = _named_org(led, person)
    if org is None and lemma in _FOUNDING and led is not None:
        org = _founded_name(led, person)
    if org is not None:
        yield affiliation_verbs()[(lemma, "-")], org, f"led-by-{lemma}"


def _founded_name(led: Token, person: Span) -> Span | None:
    """What was founded or formed is an organisation even when the model took its name for a person or a
    work ("Joy Division was formed by ...")."""
    ent = entity_of(led)
    if ent is None or ent.label_ not in _MISTYPED_ORGS or overlaps(ent, person):
        return None
    return Span(ent.doc, ent.start, ent.end, label="ORG")


def _role_nominal(head: Token, person: Span) -> Iterator[Found]:
    """"Johnson's leadership of Fisk University", "her tenure at the World Bank": the possessor of a noun
    for holding a post, at the organisation of its preposition (or of a noun it is coordinated with:
    "Johnson's studies and leadership of X")."""
    if head.dep_ != "poss":
        return
    nouns = [head.head, *head.head.conjuncts]
    post = next((n for n in nouns if n.lemma_.lower() in role_nominals()), None)
    if post is None:
        return
    for c in (c for n in nouns for c in n.children):
        if c.dep_ == "prep" and c.text.lower() in ("of", "at", "with", "in"):
            for obj in (o for o in c.children if o.dep_ == "pobj"):
                org = _named_org(obj, person, unit=True)
                if org is not None:
                    yield role_nominals()[post.lemma_.lower()], org, f"nominal-{post.lemma_.lower()}"
