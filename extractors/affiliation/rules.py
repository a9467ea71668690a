"""``affiliation.v1``: which person works for or speaks for which organisation or state.

Patterns (``affiliation_roles``): a role noun from ``data/role_nouns.tsv`` as an apposition in either order
("Maria Lopez, a spokeswoman for the European Commission"; "Iran's supreme leader, Ali Khamenei"), a title
("NATO Secretary General Jens Stoltenberg"), a predicate ("X is a member of Y") or an "as" phrase.
Patterns without a role noun (``affiliation_links``): "X of Y", "Party Y X", "X (Y)", and verbs from
``data/affiliation_verbs.tsv`` ("joined", "heads", "works for"). Each claim records its pattern in
``extras`` (``("pattern", name)``), so precision can be measured per pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from extractors.affiliation.links import link_affiliations
from extractors.affiliation.party import is_regnal, party_affiliations
from extractors.affiliation.roles import Found, is_role, overlaps, role_affiliations
from extractors.lexicon import read_table
from extractors.records import Claim
from extractors.spans import mention_of, sentence_text, sentences_with_entities

NAME = "affiliation.v1"
_CONFIDENCE = {"prep": 0.85, "possessive": 0.85, "demonym": 0.8, "compound": 0.8}
_LINK_CONFIDENCE = {"name-prep": 0.7, "org-before-name": 0.65, "bracket": 0.65, "bracket-party": 0.65,
                    "as-party": 0.75, "party-contest": 0.65, "under": 0.6,
                    "regnal": 0.75}
_VERB_CONFIDENCE = 0.7
_NOT_PEOPLE = frozenset({"GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY",
                         "PERCENT", "QUANTITY", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
_NOT_PEOPLE_OR_PERSON = _NOT_PEOPLE | {"PERSON"}


@cache
def honorifics() -> frozenset[str]:
    """Ranks and courtesy titles that are not part of a name ("colonel", "sen", "dr")."""
    return frozenset(row["word"] for row in read_table("honorifics.tsv"))


def extract_affiliation(doc: Doc, doc_id: str) -> Iterator[Claim]:
    """Yield person -> organisation claims from appositions and titles.

    Examples:
        >>> import spacy
        >>> from spacy.vocab import Vocab
        >>> words = ["Ann", "Roe", ",", "a", "spokeswoman", "for", "NATO", ",", "spoke", "."]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 8, 1, 4, 1, 4, 5, 1, 8, 8],
        ...           deps=["compound", "nsubj", "punct", "det", "appos", "prep", "pobj", "punct", "ROOT", "punct"],
        ...           lemmas=["Ann", "Roe", ",", "a", "spokeswoman", "for", "NATO", ",", "speak", "."],
        ...           pos=["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"],
        ...           ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O"],
        ...           sent_starts=[True] + [False] * 9)
        >>> [(c.subject.text, c.object.text, c.role) for c in extract_affiliation(doc, "d")]
        [('Ann Roe', 'NATO', 'spokeswoman')]
    """
    for index, (sent, sent_ents) in enumerate(sentences_with_entities(doc)):
        seen: set[tuple[int, int]] = set()
        for person, (role, org, how) in _shared_with_conjuncts(sent, sent_ents):
            if (person.start, org.start) in seen or overlaps(org, person):
                continue
            seen.add((person.start, org.start))
            text, start = sentence_text(sent)
            yield Claim(
                doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start,
                relation="affiliated_with", subject=mention_of(person, "PERSON"),
                object=mention_of(org, org.label_), cue=role or how, extractor=NAME,
                confidence=_confidence(how), role=role, extras=(("pattern", how),),
            )


def _shared_with_conjuncts(sent: Span, ents: list[Span]) -> Iterator[tuple[Span, Found]]:
    """Each person's affiliations, and those the person shares with coordinated people: "Ann Roe and Bo
    Li of the Omega Foundation", "X and Y joined Z" (the parse hangs the phrase on one conjunct only).
    Only a person without affiliations of their own shares; appositions, titles, brackets, names right
    before the person and a conjunct's own relative clause stay with the one name they touch. ``ents`` are
    the sentence's entities."""
    people = list(_people(sent, ents))
    found = {p.start: list(_affiliations(p)) for p in people}
    for person in people:
        yield from ((person, f) for f in found[person.start])
        if found[person.start] or any(c.dep_ == "prep" for c in person.root.children):
            continue  # "A for Trapani, B for Messina": each conjunct has its own
        group = {t.i for t in person.root.conjuncts}
        for other in people:
            if other.root.i in group and other.start != person.start and not _has_relative(other.root):
                yield from ((person, f) for f in found[other.start] if _shared(f[2]))


def _has_relative(head: Token) -> bool:
    """Whether the name has its own relative clause ("..., and Rep. X, who as Democratic chairman leads ..."):
    what that clause says is about this one conjunct, never shared with the others."""
    return any(c.dep_ == "relcl" for c in head.children)


def _shared(how: str) -> bool:
    return how == "name-prep" or how.split("-", 1)[0] in ("verb", "predicate", "as", "led")


def _people(sent: Span, ents: list[Span]) -> Iterator[Span]:
    """PERSON entities (of ``ents``, the sentence's) without leading ranks ("Colonel"), and names the model
    mistyped or missed that carry a role or an age in apposition ("Harrington, a professor of ...", "Ulf Merbold,
    47, of ...")."""
    for ent in ents:
        if ent.label_ == "PERSON":
            start = ent.start
            while start < ent.end - 1 and ent.doc[start].text.lower().rstrip(".") in honorifics():
                start += 1
            if not _is_post(ent):
                yield Span(ent.doc, start, ent.end, label="PERSON")
    for token in sent:
        if token.dep_ != "compound" and token.text[:1].isupper() and not is_role(token) \
                and token.ent_type_ not in _NOT_PEOPLE_OR_PERSON \
                and any(c.dep_ == "appos" and (is_role(c) or _age(c)) for c in token.children):
            name = _unnamed_person(token)
            if name is not None:
                yield name
        elif _bare_surname(token):
            yield Span(token.doc, token.i, token.i + 1, label="PERSON")  # "Harrington taught at Harvard"
        elif not token.ent_type_ and is_regnal(token):
            name = _unnamed_monarch(token)
            if name is not None:
                yield name


def _age(token: Token) -> bool:
    """An age in apposition ("Ulf Merbold, 47, of the ESA"): only people have one."""
    return token.text.isdigit() and 0 < int(token.text) < 120


def _bare_surname(token: Token) -> bool:
    """An untagged one-word proper-noun subject: in these patterns, almost always a surname ("Kardash was
    re-elected as a member of ..."); organisations are tagged by the model."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "PROPN" \
        and (not token.ent_type_ or (token.ent_type_ == "ORG" and _his_or_her(token))) \
        and token.text[:1].isupper() and not is_role(token) \
        and not any(c.dep_ in ("compound", "det") for c in token.children)


def _his_or_her(subject: Token) -> bool:
    """A one-word subject the model typed as an organisation, but whose own clause says "his" or "her"
    ("Madeira started his career playing with ..."): a person's surname."""
    if subject.ent_iob_ != "B" or (subject.i + 1 < len(subject.doc) and subject.doc[subject.i + 1].ent_iob_ == "I"):
        return False
    return any(t.text.lower() in ("his", "her") and t.dep_ == "poss" for t in subject.head.subtree)


def _unnamed_monarch(numeral: Token) -> Span | None:
    """"King Philip V" the model missed: the capitalised word before a regnal number, without ranks or
    roles ("Bourbon King Philip V" -> "Philip V")."""
    doc = numeral.doc
    name = doc[numeral.i - 1]
    if name.ent_type_ or not name.text[:1].isupper() or is_role(name) or name.is_punct \
            or name.text.lower().rstrip(".") in honorifics():
        return None
    before = doc[name.i - 1] if name.i > 0 else None
    if before is not None and before.text[:1].isupper() and not is_role(before) \
            and before.text.lower().rstrip(".") not in honorifics():
        return None  # "Adlai Stevenson II": a family name's suffix, not a monarch
    return Span(numeral.doc, name.i, numeral.i + 1, label="PERSON")


def _is_post(ent: Span) -> bool:
    """A post the model took for a name: "Managing Director", "Deputy Secretary" (a role noun last, and before
    it only roles, ranks or participles)."""
    if not is_role(ent[-1]):
        return False
    words = [t for t in ent[:-1] if t.text.lower() not in ("the", "a", "an")]
    return all(is_role(t) or t.text.lower().rstrip(".") in honorifics() or t.text.lower().endswith("ing")
               for t in words)


def _unnamed_person(token: Token) -> Span | None:
    """The name ending at ``token`` that the model missed or took for an organisation: its capitalised
    compounds without leading ranks ("Police Major Pramot Pansakun" -> "Pramot Pansakun")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].text[:1].isupper():
        start -= 1
    while start < token.i and doc[start].text.lower().rstrip(".") in honorifics() | {"police"}:
        start += 1
    ents = {doc[i].ent_type_ for i in range(start, token.i + 1)} - {""}
    inside = doc[start].ent_iob_ == "I" or (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I")
    if ents - {"ORG"} or inside:
        return None  # part of a longer name ("the Bank of X"), not a person
    return Span(doc, start, token.i + 1, label="PERSON")


def _confidence(how: str) -> float:
    if how in _LINK_CONFIDENCE:
        return _LINK_CONFIDENCE[how]
    if how.startswith("verb-"):
        return _VERB_CONFIDENCE
    return _CONFIDENCE.get(how.rsplit("-", 1)[-1], 0.75)


def _affiliations(person: Span) -> Iterator[Found]:
    head = person.root
    yield from role_affiliations(head, person)
    yield from link_affiliations(head, person)
    yield from party_affiliations(head, person)
