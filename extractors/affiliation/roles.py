"""Role-noun patterns of ``affiliation.v1``: where a role noun says who a person works for.

A role noun (``data/role_nouns.tsv``) reaches a person as an apposition ("Ann Roe, a spokeswoman for NATO"),
a title ("NATO Secretary General Jens Stoltenberg"), a predicate ("Roe is a member of the council") or an
"as" phrase ("re-elected as a member of the Labour Party"). The organisation is the object of for/at/of/with/
to/in on the role, a possessor ("Iran's"), a demonym ("German") or an organisation compound ("Kremlin
spokesman"). Only the role's own modifiers are read, so the outlet someone spoke to is never reached.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from extractors.affiliation.posts import fits, organisation_nouns, party_words
from extractors.lexicon import role_nouns
from extractors.spans import actor_mention, entity_of

Found = tuple[str | None, Span, str]  # (role text, organisation, pattern name)

ORG_ENTS = frozenset({"ORG", "GPE", "NORP"})
_MISTYPED_ORGS = frozenset({"PERSON", "GPE", "WORK_OF_ART", "PRODUCT", "FAC"})  # bands the model misread
_ROLE_PREPS = frozenset({"for", "at", "of", "with", "to", "in"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_TRAILING_JUNK = frozenset({"ADP", "DET", "CCONJ", "PART", "PUNCT"})


def is_role(token: Token) -> bool:
    """True when ``token`` is a role noun ("spokeswoman", "Secretary", "bassist")."""
    lemmas = role_nouns()
    return token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in lemmas or token.text.lower() in lemmas)


def role_affiliations(head: Token, person: Span) -> Iterator[Found]:
    """Every (role, organisation, pattern) the roles attached to the name headed by ``head`` give."""
    for role, pattern in _roles_of(head):
        for org, how in role_orgs(role, person):
            yield role_text(role), org, f"{pattern}-{how}"
        if pattern == "predicate":  # "X was acting comptroller at the University": the PP hangs on "was"
            for org in _copula_orgs(role.head, person):
                if fits(role, org):
                    yield role_text(role), org, "predicate-copula"
        if pattern == "as":  # "served as puzzle editor for the New York Times": the PP hangs on the verb
            for org in _copula_orgs(role.head.head, person):
                if fits(role, org):
                    yield role_text(role), org, "as-verb"
    yield from _title_orgs(person)
    yield from _title_of_orgs(person)


def _one_of(noun: Token) -> Token:
    """The role in "one of the founders of X" (or the noun itself)."""
    if noun.text.lower() in ("one", "two", "three", "some", "several"):
        for p in noun.children:
            if p.dep_ == "prep" and p.text.lower() == "of":
                role = next((o for o in p.children if o.dep_ == "pobj" and is_role(o)), None)
                if role is not None:
                    return role
    return noun


def _roles_of(head: Token) -> Iterator[tuple[Token, str]]:
    for c in (_one_of(c) for c in head.children if c.dep_ == "appos"):
        if is_role(c):
            for r in (c, *c.conjuncts):
                if is_role(r):
                    yield r, "appos"
                    yield from ((x, "appos") for x in _roles_beyond(r))
    if head.dep_ == "appos" and is_role(head.head):  # "Iran's supreme leader, Ali Khamenei"
        yield head.head, "appos"
    if _comma_apposition(head):  # "the President of Poland, Lech Walesa," parsed as a conjunct
        yield head.head, "appos"
    if head.dep_ == "attr" and head.head.lemma_ == "be":  # "The president of RBF is Stephen Heintz"
        yield from ((s, "predicate") for s in head.head.children if s.dep_ == "nsubj" and is_role(s))
    for verb in clauses_of(head):
        for c in (c for c in verb.children if c.dep_ in ("attr", "oprd")):
            role = _one_of(c)  # "Barrett is a member of the commission", "X is one of the founders of Y"
            yield from ((r, "predicate") for r in (role, *role.conjuncts) if is_role(r))
            if c.dep_ == "attr":  # "X was an American sociologist, the first president of Fisk University"
                yield from ((a, "predicate") for n in (c, *c.conjuncts) for a in n.children
                            if a.dep_ == "appos" and is_role(a))
        for v in (verb, *(c for c in verb.children if c.dep_ in ("acomp", "xcomp"))):
            for c in v.children:  # "was re-elected as a member of the Labour Party"
                if c.dep_ == "prep" and c.text.lower() == "as":
                    yield from ((r, "as") for r in c.children if r.dep_ == "pobj" and is_role(r))


def _comma_apposition(head: Token) -> bool:
    """A name the parser took for a conjunct of a role ("the President of Poland, Lech Walesa"): only a
    comma, no "and", separates them, and the role has a determiner (a title in a list, "King of the Hill,
    Kitchen Confidential", has none)."""
    role = head.head
    if head.dep_ != "conj" or not is_role(role) or head.left_edge.i == 0:
        return False
    before = head.doc[head.left_edge.i - 1]
    return before.text == "," and any(c.dep_ in ("det", "poss") for c in role.children) \
        and not any(c.dep_ in ("cc", "conj") and c.i < head.i for c in role.children)


def clauses_of(head: Token) -> list[Token]:
    """The verbs the name headed by ``head`` is the subject of: its own verb, a "who" relative clause, and
    clauses that share its subject ("Before joining Oxford, X held ...", "X left A and joined B")."""
    verbs = [head.head] if head.dep_ in _SUBJECT_DEPS and head.head != head else []
    verbs += _described(head, verbs)
    shared: list[Token] = []
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in ("conj", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX") and not _has_subject(c) \
                    and not (c.dep_ == "xcomp" and any(o.dep_ == "dobj" for o in verb.children)):
                shared.append(c)  # but "A nominated B to be secretary of X": B's clause, not A's
            elif c.dep_ == "prep":
                shared += [p for p in c.children if p.dep_ == "pcomp" and p.pos_ in ("VERB", "AUX")
                           and not _has_subject(p)]
    return verbs + shared


def _described(head: Token, verbs: list[Token]) -> list[Token]:
    """Clauses about the person through a noun that describes them: their own "who" relative, and the
    "who" relative or participle on their predicate or apposition ("X was a politician who served as
    mayor of Y", "X, a forward playing with Y")."""
    nouns = [c for v in verbs if v.lemma_ == "be" for c in v.children if c.dep_ == "attr"]
    nouns += [c for c in head.children if c.dep_ == "appos"]
    found = [c for c in head.children if c.dep_ == "relcl" and _who_subject(c)]
    for noun in nouns:
        found += [c for c in noun.children if (c.dep_ == "relcl" and _who_subject(c))
                  or (c.dep_ == "acl" and c.tag_ == "VBG" and not _has_subject(c))]
        # "a politician in the province of Alberta, who served as ...": "who" hung on a place in the PP
        found += [c for t in _pp_nouns(noun) if t.ent_type_ != "PERSON"
                  for c in t.children if c.dep_ == "relcl" and _who_subject(c)]
    return found


def _pp_nouns(noun: Token) -> Iterator[Token]:
    """Objects of the prepositions on ``noun``, and of theirs: "province" and "Alberta" in "a politician in
    the province of Alberta"."""
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            yield obj
            yield from _pp_nouns(obj)


def _who_subject(verb: Token) -> bool:
    return any(s.dep_ in _SUBJECT_DEPS and s.tag_ == "WP" for s in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _copula_orgs(verb: Token, person: Span) -> Iterator[Span]:
    for c in verb.children:
        if c.dep_ == "prep" and c.text.lower() in ("at", "for", "with"):
            for obj in c.children:
                org = object_org(obj) if obj.dep_ == "pobj" else None
                if org is not None and not overlaps(org, person):
                    yield org


def _roles_beyond(role: Token) -> Iterator[Token]:
    """Roles the parser hung on the role's organisation: "professor at Queens College and president of X"."""
    for prep in role.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    yield from (r for r in obj.conjuncts if is_role(r) and not r.ent_type_)


def role_orgs(role: Token, person: Span) -> Iterator[tuple[Span, str]]:
    """Organisations that ``role`` names: its prepositional objects, then its possessor/demonym/compound."""
    for c in role.children:
        if c.dep_ == "prep" and c.text.lower() in _ROLE_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is None:
                continue
            org = object_org(obj)
            if org is not None and org.label_ == "NORP" and org.text.lower() not in party_words():
                continue  # "leader of the Bosnian Serbs": a people, not an organisation
            if org is not None and not overlaps(org, person) and fits(role, org):
                yield org, "prep"
    yield from _modifier_orgs(role, person)


def object_org(obj: Token) -> Span | None:
    """The organisation a prepositional object names: an entity, an untagged proper name, the owner of a
    unit ("the DEM's division"), or one level down ("director of the programme at Chatham House")."""
    org = _named_apposition(obj) or org_entity(obj) or _unnamed_org(obj) or _owner_of_unit(obj)
    if org is None:
        inner = next((p for p in obj.children if p.dep_ == "prep" and p.text.lower() in _ROLE_PREPS), None)
        deeper = next((o for o in inner.children if o.dep_ == "pobj"), None) if inner else None
        org = org_entity(deeper) if deeper is not None else None
        if org is not None and org.label_ != "ORG":  # "director of the camp at Oxford": a place
            org = None
    return org


def _named_apposition(obj: Token) -> Span | None:
    """The name after a common noun: "the Mexican pop group RBD" names RBD, not "Mexican pop group". After
    an organisation noun ("the metal band Amaranthe", "rock band Shturtzite") the name is an organisation's
    whatever type the model gave it."""
    if obj.pos_ == "PROPN" and obj.ent_type_ in _MISTYPED_ORGS \
            and any(c.dep_ == "compound" and c.lemma_.lower() in organisation_nouns() for c in obj.children):
        return _as_org(obj)
    if obj.ent_type_ or obj.pos_ != "NOUN":
        return None
    name = next((c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "ORG"), None)
    if name is not None:
        return org_entity(name)
    name = next((c for c in obj.children if c.dep_ == "appos" and c.ent_type_ in _MISTYPED_ORGS), None)
    return _as_org(name) if name is not None and obj.lemma_.lower() in organisation_nouns() else None


def _as_org(token: Token) -> Span | None:
    ent = entity_of(token)
    return Span(ent.doc, ent.start, ent.end, label="ORG") if ent is not None else None


def _unnamed_org(obj: Token) -> Span | None:
    """A capitalised name the model did not tag, after a role: "commander of the Region 2 Border Patrol
    Police" (its proper-noun compounds and numbers, and a place's name it begins with: "the Tel Aviv Strategic
    Forum")."""
    if obj.ent_type_ or obj.pos_ != "PROPN":
        return None
    start = obj.i
    doc = obj.doc
    while start > 0 and doc[start - 1].head.i <= obj.i and doc[start - 1].pos_ in ("PROPN", "NUM") \
            and not doc[start - 1].ent_type_:
        start -= 1
    if start == obj.i:
        return None  # one bare word ("director of Ostankino") may be a place or a person
    place = next((e for e in doc.ents if e.end == start and e.label_ == "GPE"), None) if start > 0 else None
    if place is not None and all(t.pos_ == "PROPN" and t.head.i <= obj.i for t in place):
        start = place.start  # "the Tel Aviv Strategic Forum": a place's name begins the organisation's
    return Span(doc, start, obj.i + 1, label="ORG")


def _owner_of_unit(obj: Token) -> Span | None:
    """The named organisation of a unit: "leader of the SHP parliamentary group", "the DEM's division"."""
    if obj.ent_type_:
        return None
    for c in obj.children:
        if c.dep_ in ("compound", "poss", "appos") and c.ent_type_ == "ORG":
            return org_entity(c)
    return None


def _title_orgs(person: Span) -> Iterator[Found]:
    """Titles left of the name inside the same noun phrase: "NATO Secretary General Jens Stoltenberg"."""
    doc = person.doc
    left = person.root.left_edge.i
    titles = [t for t in doc[left : person.start] if is_role(t)]
    if not titles:
        return
    text = _title_text(doc[titles[0].i : person.start])
    acronym = doc[titles[0].i - 1] if titles[0].i > left else None
    if acronym is not None and _untagged_acronym(acronym):  # "CNTP Secretary Luis Cobos"
        yield text, Span(doc, acronym.i, acronym.i + 1, label="ORG"), "title-acronym"
    elif acronym is not None:
        name = _untagged_name_before(acronym, left)
        if name is not None:  # "former Sha Na Na member Jon Bauman"
            yield text, name, "title-untagged"
    adjacent = org_ending_at(doc, titles[0].i) if titles[0].i == left else None
    if adjacent is not None:  # "Liberal Party of Canada incumbent Susan Kadis": the parser split the phrase
        yield text, adjacent, "title-adjacent"
    for role in titles:
        for found, how in _modifier_orgs(role, person):
            yield text, found, f"title-{how}"
        for t in reversed(doc[left : role.i]):
            if t.is_punct:
                break  # "Louisiana's Cameron Parish (county), civil defense director X": not Louisiana's
            org = org_entity(t)
            if org is not None and t.dep_ in ("compound", "amod", "poss", "nmod") and not overlaps(org, person) \
                    and fits(role, org):
                yield text, org, "title-compound" if org.label_ == "ORG" else "title-demonym"
                break


def org_ending_at(doc: Doc, end: int) -> Span | None:
    """The ORG entity right before token ``end``, completed by a place ("Liberal Party of" + "Canada")."""
    ent = next((e for e in doc.ents if e.end == end), None)
    if ent is not None and ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].text.lower() == "of":
        before = next((e for e in doc.ents if e.end == ent.start and e.label_ == "ORG"), None)
        return Span(doc, before.start, ent.end, label="ORG") if before is not None else None
    return ent if ent is not None and ent.label_ == "ORG" else None


def _untagged_name_before(last: Token, left: int) -> Span | None:
    """Two or more capitalised proper-noun compounds the model did not tag, ending at ``last``, right
    before a title: an organisation's name."""
    start = last.i
    doc = last.doc
    while start > left and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
        start -= 1
    words = doc[start : last.i + 1]
    if len(words) < 2 or any(t.ent_type_ or t.pos_ != "PROPN" or t.dep_ != "compound" or is_role(t)
                             or not t.text[:1].isupper() for t in words):
        return None
    return Span(doc, start, last.i + 1, label="ORG")


def _untagged_acronym(token: Token) -> bool:
    """An all-capitals word the model did not tag ("CNTP", "XBT"): in front of a title, an organisation."""
    return not token.ent_type_ and token.text.isalpha() and token.text.isupper() and len(token.text) >= 2 \
        and token.dep_ == "compound"


def _title_of_orgs(person: Span) -> Iterator[Found]:
    """"commander of the Soviet Navy Nikolai Kuznetsov": the name is the object of "of" on a role, and the
    organisation's words run straight into it."""
    head = person.root
    prep = head.head
    if head.dep_ != "pobj" or prep.text.lower() != "of" or not is_role(prep.head):
        return
    doc = person.doc
    words = [t for t in doc[head.left_edge.i : person.start] if t.pos_ != "DET"]
    if words and all(t.text[:1].isupper() and t.dep_ == "compound" for t in words):
        org = Span(doc, words[0].i, person.start, label="ORG")
        yield role_text(prep.head), org, "title-of"


def _title_text(words: Span) -> str:
    """The title as written between the organisation and the name ("Secretary General"), ranks dropped."""
    kept = [t.text for t in words if not t.ent_type_ and not t.is_punct and t.pos_ != "DET"]
    return " ".join(kept).lower()


def _modifier_orgs(role: Token, person: Span) -> Iterator[tuple[Span, str]]:
    for c in role.lefts:
        if c.dep_ in ("poss", "amod", "compound", "nmod"):
            for t in (c, *c.lefts):
                org = org_entity(t)
                if org is not None and not fits(role, org):
                    break  # "a German skeleton racer", "New York attorney": a nationality or a place
                if org is not None and not overlaps(org, person):
                    yield org, "possessive" if t.dep_ == "poss" else "demonym" if org.label_ == "NORP" else "compound"
                    break


def org_entity(token: Token) -> Span | None:
    """The organisation ``token`` names: an entity, or an actor-noun phrase with a modifier ("the Qatari
    foreign ministry"). A truncated entity ("Office of the") names nothing."""
    if token.ent_type_ in ORG_ENTS:
        ent = entity_of(token)
        if ent is not None and len(ent) > 1 and ent[-1].tag_ == "POS":  # "International Paper 's"
            ent = Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)
        if ent is not None and ent[-1].pos_ in _TRAILING_JUNK:
            ent = _completed(ent)
        if ent is not None and is_role(ent.root):  # "the County Governor", "Minister of X": a post
            return None
        return ent
    if token.ent_type_ or token.pos_ not in ("NOUN", "PROPN"):
        return None
    mention = actor_mention(token)
    if mention is None or mention.kind != "NOUN":
        return None
    span = token.doc.char_span(mention.start, mention.end)
    if span is None or not any(t.ent_type_ in ORG_ENTS for t in span):  # "the foreign ministry" alone: whose?
        return None
    return Span(token.doc, span.start, span.end, label="ORG")


def _completed(ent: Span) -> Span | None:
    """An entity cut before its last word, completed by the entity right after it ("Liberal Party of" +
    "Canada"); otherwise None: "Office of the" alone names nothing."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is None or nxt.ent_iob_ != "B" or nxt.ent_type_ not in ORG_ENTS:
        return None
    after = next(e for e in doc.ents if e.start == nxt.i)
    return Span(doc, ent.start, after.end, label=ent.label_)


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def role_text(role: Token) -> str:
    """The role as written: its adjectives and compounds ("senior fellow", "Secretary General")."""
    parts = [t for t in role.lefts if t.dep_ in ("amod", "compound") and not t.ent_type_]
    words = [t.text for t in parts] + [role.text]
    words += [t.text for t in role.rights if t.dep_ == "compound" and not t.ent_type_]
    return " ".join(words).lower()
