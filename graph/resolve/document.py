"""Resolution within one document: name chains, acronym definitions, "the group"/"the alliance", then claims.

- name chains: "President Bashar al-Assad" ... "Assad" ... "Mr Assad" are one person; a short name that two full
  names of the document end in stays unresolved to either (and is its own node);
- definitions: "Kurdish People's Protection Units (YPG)", "the Islamic State, also known as ISIS or ISIL": both
  forms name one actor, the gazetteer's if it knows either form;
- anaphors: "the alliance" / "the group" join the one actor of a fitting type named earlier in the document, and
  nothing when there are none or several.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from extractors.kb import load_kb
from extractors.records import Claim, Mention
from graph.resolve.descriptions import (
    described_actor,
    document_government,
    document_leaders,
    is_generic_government,
    leader_government,
)
from graph.resolve.gazetteer import entries_by_key, lookup, normalise, words
from graph.resolve.institutions import institution_heads
from graph.resolve.linker import document_context, state_codes
from graph.resolve.names import honorific_gender, split_title, strip_title
from graph.resolve.names import office as _office
from graph.resolve.names import short_forms as _short_forms
from graph.resolve.resolver import Actor, Resolver, is_place_name
from graph.resolve.variants import established_short_names, middle_name_variants, spelling_variant, unit_names

_WE = frozenset({"we", "us", "our"})
_OFFICE = "office:"  # key prefix in the name chain for short names that carry an office title
_TITLE = "title:"  # key prefix in the name chain for a title alone ("the Queen")


@dataclass(frozen=True)
class Definition:
    """``short`` is defined as another name for ``long`` in the document ("Islamic State (IS)")."""

    long: str
    short: str


@dataclass
class DocumentContext:
    people: dict[str, str] = field(default_factory=dict)
    defined: dict[str, str] = field(default_factory=dict)
    resolved: dict[tuple[int, int], Actor | None] = field(default_factory=dict)
    leaders: dict[str, str] = field(default_factory=dict)
    government: str | None = None
    genders: dict[str, str] = field(default_factory=dict)
    places: frozenset[str] = frozenset()  # names the document uses as places (``graph.resolve.mentions``)


def person_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Short name -> full name for the people of one document ("toner" -> "Mark Toner").

    A short name two different people of the document end in maps to neither, unless the document used it for the
    first of them before naming the second (``graph.resolve.variants``). A first name never maps: "Berg" is not
    "Berg Olsen". A full name with or without middle names maps to the one the document gave first; a title alone
    ("the Queen") to the one person the document gives that title.

    Examples:
        >>> names = person_names([Mention("President Bashar al-Assad", 0, 1, "PERSON")])
        >>> names["assad"], names["al-assad"]
        ('Bashar al-Assad', 'Bashar al-Assad')
        >>> "anna" in person_names([Mention("Anna Berg", 0, 1, "PERSON")])
        False
        >>> person_names([Mention("John R. Bolton", 0, 1, "PERSON"), Mention("John Bolton", 9, 10, "PERSON")])["bolton"]
        'John R. Bolton'
    """
    people = sorted((m for m in mentions if m.kind == "PERSON"), key=lambda m: m.start)
    split = [(m.start, *split_title(m.text)) for m in people]
    variant, fulls = _full_names(name for _, _, name in split)
    office_holders = {variant.get(name, name) for _, title, name in split if _office(title)}
    owners = _short_name_owners(set(fulls))
    out = {short: next(iter(names)) for short, names in owners.items() if len(names) == 1}
    first_seen: dict[str, int] = {}
    for start, _, name in split:
        first_seen.setdefault(variant.get(name, name), start)
    out.update(established_short_names({s: n for s, n in owners.items() if len(n) > 1}, first_seen,
                                       [(start, normalise(name)) for start, _, name in split]))
    for short, names in owners.items():  # "President Trump" -> the Trump the document gives an office, if one
        holders = names & office_holders
        if len(holders) == 1:
            out[_OFFICE + short] = next(iter(holders))
    out.update(_title_holders(split, variant))
    out.update({normalise(name): name for name in fulls} | {normalise(v): name for v, name in variant.items()})
    for _, _, name in split:
        misspelt = None if normalise(name) in out else spelling_variant(name, out)
        if misspelt is not None:
            out[normalise(name)] = misspelt
    return out


def _full_names(names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """(variant -> the full name it is a variant of, the distinct full names in document order)."""
    fulls = list(dict.fromkeys(name for name in names if len(name.split()) >= 2))
    variant = middle_name_variants(fulls)
    return variant, [name for name in fulls if name not in variant]


def _title_holders(split: Iterable[tuple[int, str, str]], variant: dict[str, str]) -> dict[str, str]:
    """"title:queen" -> the one full name the document titles "Queen" (also "title:president" for "Turkish
    President"), for a title alone ("the Queen") to chain to."""
    holders: dict[str, set[str]] = {}
    for _, title, name in split:
        tokens = normalise(title).split()
        for cut in range(len(tokens)):
            if len(name.split()) >= 2:
                holders.setdefault(_TITLE + " ".join(tokens[cut:]), set()).add(variant.get(name, name))
    return {key: next(iter(names)) for key, names in holders.items() if len(names) == 1}


def shared_short_names(mentions: Iterable[Mention]) -> set[str]:
    """Short names two full names of one document end in ("berg" for "Anna Berg" and "Tomas Berg").

    Examples:
        >>> sorted(shared_short_names([Mention("Anna Berg", 0, 9, "PERSON"), Mention("Tomas Berg", 20, 30, "PERSON")]))
        ['berg']
    """
    _, fulls = _full_names(split_title(m.text)[1] for m in mentions if m.kind == "PERSON")
    return {short for short, names in _short_name_owners(set(fulls)).items() if len(names) > 1}


def _short_name_owners(fulls: set[str]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = {}
    for full in sorted(fulls, key=len, reverse=True):
        for short in _short_forms(full):
            if short != normalise(full):
                owners.setdefault(short, set()).add(full)
    return owners


def person_genders(mentions: Iterable[Mention], people: dict[str, str]) -> dict[str, str]:
    """Full name -> the gender of the first gendered honorific the document gives that person ("Mr. Sanders").

    Examples:
        >>> person_genders([Mention("Mr. Sanders", 9, 20, "PERSON"), Mention("Ms. Sanders", 30, 41, "PERSON")],
        ...                {"sanders": "Bernie Sanders"})
        {'Bernie Sanders': 'male'}
    """
    out: dict[str, str] = {}
    for mention in sorted((m for m in mentions if m.kind == "PERSON"), key=lambda m: m.start):
        title, name = split_title(mention.text)
        gender = honorific_gender(title)
        if gender is not None:
            out.setdefault(people.get(normalise(name), name), gender)
    return out


def _definitions_map(definitions: Iterable[Definition]) -> dict[str, str]:
    """Each defined form -> the form to resolve instead: whichever of the pair the gazetteer knows, else the long."""
    out: dict[str, str] = {}
    for d in definitions:
        target = d.long if lookup(d.long) is not None or lookup(d.short) is None else d.short
        for form in (d.long, d.short):
            if normalise(form) != normalise(target):
                out[normalise(form)] = target
    return out


def _resolve_one(mention: Mention, resolver: Resolver, context: DocumentContext) -> Actor | None:
    if not mention.is_actor:  # "banks", "the aircraft": labelled like an actor, but no node, alias or antecedent
        return resolver.peek(mention.text, mention.kind)
    span = (mention.start, mention.end)
    if span in context.resolved:
        return context.resolved[span]
    key = normalise(mention.text)
    if key in context.places:  # "the plant at Abqaiq ... Abqaiq was the target": a place, no actor
        context.resolved[span] = None
        return None
    actor: Actor | None
    state = _government_of(mention, context)
    if state is not None or is_generic_government(mention.text):  # no state: a party the graph cannot name
        actor = None if state is None else resolver.from_entry(entries_by_key()[state])
    elif mention.kind == "PERSON" or _is_mistagged_person(mention, context):
        title, name = split_title(mention.text)
        full = _full_name(title, name, context.people)
        if honorific_gender(title) not in (None, context.genders.get(full, honorific_gender(title))):
            full = mention.text  # "Ms. Sanders" is not the Bernie Sanders the document calls "Mr. Sanders"
        actor = resolver.actor_for(mention.text, "PERSON", full)
    elif key in context.defined:
        actor = resolver.actor_for(mention.text, mention.kind) if key in resolver.overrides.not_actors else \
            resolver.actor_for(context.defined[key], mention.kind)
    else:
        actor = resolver.actor_for(mention.text, mention.kind)
    if actor is not None:
        resolver.note_alias(actor, mention.text)
    context.resolved[span] = actor
    return actor


def _full_name(title: str, name: str, people: dict[str, str]) -> str:
    """The full name a person's mention stands for in its document: "President Trump" the Trump the document
    gives an office, "the Queen" the one person it titles so, else the name itself."""
    key = normalise(name)
    if not title and key in words("title"):
        return people.get(_TITLE + key, name)
    return people.get(_OFFICE + key if _office(title) else key, name)


def _government_of(mention: Mention, context: DocumentContext) -> str | None:
    """The state key of a leader's government ("the Assad regime") or of the document's government ("government
    troops"), else None."""
    state = None if mention.kind == "PERSON" else leader_government(mention.text, context.leaders)
    if state is None and is_generic_government(mention.text):
        state = context.government
    return state if state in entries_by_key() else None


def _is_mistagged_person(mention: Mention, context: DocumentContext) -> bool:
    """An "organisation" or bare proper noun that is a person of the document: their surname ("Amsel said ..."),
    its misspelling, or a full name the document also tags as a person."""
    key = normalise(mention.text)
    return mention.kind in _MISTAGGABLE and key in context.people and lookup(key) is None and \
        (" " not in key or _could_be_person(mention))


_MISTAGGABLE = frozenset({"ORG", "NORP", "GPE", "PROPN"})


def _could_be_person(mention: Mention) -> bool:
    """A capitalised name of one to three words that the knowledge base knows as no organisation."""
    tokens = mention.text.split()
    return 0 < len(tokens) <= 3 and all(t[:1].isupper() for t in tokens) and not is_place_name(mention.text) \
        and not any(actor.type != "Person" for actor in load_kb().candidates(mention.text))


def _as_people(mentions: Sequence[Mention]) -> list[Mention]:
    """Person readings of the document's names that may be people mistagged, for the name chains: a one-word name
    (a surname, maybe misspelt), and a longer name whose surname the document then uses alone as a person's more
    often than it gives the longer name another type (``_outvoted``)."""
    outvoted = _outvoted(mentions)
    return [replace(m, kind="PERSON") for m in mentions if m.kind in _MISTAGGABLE and lookup(m.text) is None
            and (len(m.text.split()) == 1 or m.start in outvoted) and _could_be_person(m)]


def _outvoted(mentions: Sequence[Mention]) -> set[int]:
    """The starts of two-word names tagged otherwise ("Morgan Tsvangirai", ORG) whose surname is a person's name
    later in the document more often than the name is tagged otherwise: the better-supported type wins. "Capitol
    Hill" once, then "Dr. Hill" once, stays a place; "Goldman Sachs" in an article on Jeffrey Sachs stays a bank
    (the surname is another full name's).

    Examples:
        >>> sorted(_outvoted([Mention("Morgan Tsvangirai", 0, 17, "ORG"), Mention("Tsvangirai", 40, 50, "PERSON"),
        ...                   Mention("Tsvangirai", 90, 100, "PERSON")]))
        [0]
    """
    as_person: dict[str, set[int]] = {}  # a one-word name -> where it is tagged a person
    as_other: dict[str, set[int]] = {}  # a longer name -> where it is tagged otherwise
    owned: set[str] = set()  # the surnames of full names tagged a person
    for m in mentions:
        name = normalise(split_title(m.text)[1] if m.kind == "PERSON" else m.text).split()
        if m.kind == "PERSON" and len(name) == 1:
            as_person.setdefault(name[0], set()).add(m.start)
        elif m.kind == "PERSON" and name:
            owned.add(name[-1])
        elif len(name) == 2:  # a longer one is more often a name with a place glued on ("Vermont Bernie Sanders")
            as_other.setdefault(" ".join(name), set()).add(m.start)
    out: set[int] = set()
    for key, starts in as_other.items():
        surname = key.split()[-1]
        later = {start for start in as_person.get(surname, ()) if start > min(starts)}
        if surname not in owned and len(later) > len(starts):
            out |= starts
    return out


def _is_organisation(name: str) -> bool:
    """Whether the gazetteer or the knowledge base knows ``name`` as an organisation (of any kind but a state)."""
    entry = lookup(name)
    if entry is not None:
        return entry.type not in ("State", "Person")
    return any(actor.type not in ("State", "Person") for actor in load_kb().candidates(name))


def _anaphor(mention: Mention, earlier: Sequence[Actor]) -> Actor | None:
    tokens = normalise(mention.text).split()
    if len(tokens) != 1 or not mention.text.lower().startswith("the "):
        return None
    types = words("anaphor").get(tokens[0])
    if not types:
        return None
    candidates = {a.key: a for a in earlier if a.type in types}
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def resolve_document(claims: list[Claim], mentions: Sequence[Mention], resolver: Resolver,
                     definitions: Iterable[Definition] = ()) -> list[Claim]:
    """Resolve one document's entity mentions (in text order) and claims.

    Every mention that names an actor registers it (a node even without claims); claims whose subject or object
    cannot be placed are dropped; "we" in a quote becomes the speaker's organisation.
    """
    return resolve_with_context(claims, mentions, resolver, definitions)[0]


def resolve_with_context(claims: list[Claim], mentions: Sequence[Mention], resolver: Resolver,
                         definitions: Iterable[Definition] = ()) -> tuple[list[Claim], DocumentContext]:
    """``resolve_document``, also returning the context: which actor each mention span went to."""
    claim_mentions = [m for c in claims for m in (c.subject, c.object, c.attributed_to) if m is not None and m.is_actor]
    everything = [*mentions, *claim_mentions]
    leaders = document_leaders(everything)
    people = person_names([*everything, *_as_people(everything)])
    resolver.people.shared |= shared_short_names(everything)  # never joined across documents either
    resolver.link_context = document_context(everything)
    heads = institution_heads((m.text for m in everything if m.kind == "ORG"), state_codes())
    definitions = [*definitions, *(Definition(full, head) for head, full in heads.items())]
    defined = _definitions_map(definitions) | unit_names((m.text for m in everything if m.kind == "ORG"),
                                                         _is_organisation)
    context = DocumentContext(people, defined, leaders=leaders,
                              government=document_government(everything, leaders),
                              genders=person_genders(everything, people),
                              places=frozenset(normalise(m.text) for m in mentions if m.kind == "LOC"))
    earlier: list[Actor] = []
    for mention in sorted([*mentions, *claim_mentions], key=lambda m: m.start):
        if mention.kind == "PRON":
            continue
        anaphor = _anaphor(mention, earlier) or described_actor(mention, earlier)
        if anaphor is not None:
            resolver.note_alias(anaphor, mention.text)
            context.resolved[(mention.start, mention.end)] = anaphor
            inner = re.sub(r"^the\s+", "", mention.text, flags=re.I)  # the claim's span of "Lebanese group"
            context.resolved.setdefault((mention.end - len(inner), mention.end), anaphor)
        elif words("anaphor").get(normalise(mention.text)) and mention.text.lower().startswith("the "):
            context.resolved[(mention.start, mention.end)] = None
        actor = _resolve_one(mention, resolver, context)
        if actor is not None:
            earlier.append(actor)
    return _resolved_claims(claims, resolver, context), context


def _resolved_claims(claims: list[Claim], resolver: Resolver, context: DocumentContext) -> list[Claim]:
    affiliations = {normalise(strip_title(c.subject.text)): c.object for c in claims
                    if c.relation == "affiliated_with"}
    for short, full in context.people.items():
        if normalise(full) in affiliations:
            affiliations.setdefault(short, affiliations[normalise(full)])
    out: list[Claim] = []
    for claim in map(partial(_unnamed_governments, context=context), claims):
        subject = _subject(claim, resolver, context, affiliations)
        obj = _as_mention(claim.object, _resolve_one(claim.object, resolver, context))
        if subject is None or obj is None or subject.id == obj.id:
            continue
        if claim.relation == "affiliated_with":
            if subject.type != "Person":  # the name is an organisation's here ("KPMG"): no one holds a post
                continue
            resolver.hold_post(str(subject.id))
        speaker = None
        if claim.attributed_to is not None:
            speaker = _as_mention(claim.attributed_to, _resolve_one(claim.attributed_to, resolver, context))
        out.append(replace(claim, subject=subject, object=obj, attributed_to=speaker))
    return out


def _unnamed_governments(claim: Claim, context: DocumentContext) -> Claim:
    """The claim with a side that is a government (or its forces) no one names marked as no actor: "government
    troops" in a document that names no government, or several. ``extract`` keeps the claim; the graph leaves it
    out, as it does "sanctions targeting banks" (``Mention.is_actor``)."""
    def named(mention: Mention) -> Mention:
        unnamed = mention.is_actor and is_generic_government(mention.text) and _government_of(mention, context) is None
        return replace(mention, is_actor=False) if unnamed else mention

    return replace(claim, subject=named(claim.subject), object=named(claim.object))


def _as_mention(mention: Mention, actor: Actor | None) -> Mention | None:
    return None if actor is None else mention.resolved(actor.label, actor.iri, actor.type)


def _subject(claim: Claim, resolver: Resolver, context: DocumentContext,
             affiliations: dict[str, Mention]) -> Mention | None:
    subject = claim.subject
    if subject.kind != "PRON":
        return _as_mention(subject, _resolve_one(subject, resolver, context))
    if subject.text.lower() not in _WE or claim.attributed_to is None:
        return None
    speaker = claim.attributed_to
    stands_for = affiliations.get(normalise(strip_title(speaker.text)), speaker)
    return _as_mention(subject, _resolve_one(stands_for, resolver, context))


def resolve_claims(claims: list[Claim], resolver: Resolver) -> list[Claim]:
    """Resolve the claims of one document without its other mentions (``extract`` and notebooks)."""
    return resolve_document(claims, (), resolver)
