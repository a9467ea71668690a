"""Map mentions to canonical actors: one stable id, one preferred label, a type, every alias seen.

First version: the gazetteer (names, aliases, seats of government, demonyms), "<demonym> forces/government"
as the state, in-document short names for people (Toner -> Mark Toner), and merging by normalised name within
one actor type across documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from extractors.lexicon import ActorEntry, actors
from extractors.records import Claim, Mention

ACTOR_BASE = "https://w3id.org/stancegraph/actor/"
_KIND_TO_TYPE = {"PERSON": "Person", "GPE": "State", "NORP": "Group", "ORG": "Organization", "NOUN": "Group"}
_STATE_HEADS = frozenset({"forces", "force", "troops", "army", "military", "navy", "jets", "warplanes",
                          "government", "regime", "administration", "authorities", "officials", "airpower",
                          "air force", "warships", "aircraft", "positions", "diplomats", "leaders"})
_WE = frozenset({"we", "us", "our"})


@dataclass
class Actor:
    key: str
    label: str
    type: str
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)

    @property
    def iri(self) -> str:
        return ACTOR_BASE + self.key


def normalise(name: str) -> str:
    """Lower-cased name without a leading "the", a trailing "'s", accents or punctuation.

    Examples:
        >>> normalise("the Kremlin's")
        'kremlin'
        >>> normalise("U.S.")
        'us'
    """
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    name = re.sub(r"'s?$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    name = re.sub(r"[^\w\s-]", "", name)
    return re.sub(r"\s+", " ", name).strip().lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)).strip("_") or "actor"


@cache
def _gazetteer_index() -> dict[str, ActorEntry]:
    index: dict[str, ActorEntry] = {}
    for entry in actors():
        for name in (entry.label, *entry.aliases, *entry.seats, *entry.demonyms):
            index.setdefault(normalise(name), entry)
    return index


@cache
def _demonym_index() -> dict[str, ActorEntry]:
    return {normalise(d): e for e in actors() for d in (*e.demonyms, e.label)}


class Resolver:
    """Resolve mentions to actors; keeps its actors across documents so that names merge."""

    def __init__(self, existing: Iterable[Actor] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        for actor in existing:
            self._add(actor)

    def _add(self, actor: Actor) -> Actor:
        self.actors[actor.key] = actor
        for name in (actor.label, *actor.aliases):
            self._by_name.setdefault((actor.type, normalise(name)), actor.key)
        return actor

    def resolve(self, mention: Mention, people: dict[str, str] | None = None) -> Mention | None:
        """The mention with label, id and type filled in; None if it names no actor we can place."""
        actor = self.actor_for(mention.text, mention.kind, people or {})
        if actor is None:
            return None
        actor.aliases.add(_surface(mention.text))
        return mention.resolved(actor.label, actor.iri, actor.type)

    def actor_for(self, text: str, kind: str, people: dict[str, str]) -> Actor | None:
        key = normalise(text)
        if not key or kind == "PRON":
            return None
        if kind == "PERSON":
            full = people.get(key, text)
            return self._named(_surface(full), "Person", None)
        entry = _gazetteer_index().get(key) or _state_phrase(key)
        if entry is not None:
            return self._from_entry(entry)
        return self._named(_surface(text), _KIND_TO_TYPE.get(kind, "Group"), None)

    def _from_entry(self, entry: ActorEntry) -> Actor:
        existing = self.actors.get(entry.key)
        if existing is not None:
            return existing
        return self._add(Actor(entry.key, entry.label, entry.type, entry.wikidata or None, {entry.label}))

    def _named(self, label: str, type_: str, wikidata: str | None) -> Actor:
        found = self._by_name.get((type_, normalise(label)))
        if found is not None:
            return self.actors[found]
        key = f"{type_.lower()}/{slug(label)}"
        return self._add(Actor(key, label, type_, wikidata, {label}))


def _state_phrase(key: str) -> ActorEntry | None:
    """"azerbaijani forces", "russian jets", "government in damascus" -> the state."""
    words = key.split()
    if len(words) >= 2 and " ".join(words[1:]) in _STATE_HEADS:
        return _demonym_index().get(words[0])
    if len(words) >= 3 and words[0] in _STATE_HEADS and words[1] in ("in", "of"):
        return _gazetteer_index().get(" ".join(words[2:]))
    return None


def _surface(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['\u2019]s$", "", text)


def person_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Short name -> full name for the people of one document ("toner" -> "Mark Toner")."""
    full = sorted({m.text for m in mentions if m.kind == "PERSON"}, key=len, reverse=True)
    out: dict[str, str] = {}
    for name in full:
        parts = name.split()
        if len(parts) >= 2:
            for short in (parts[-1], " ".join(parts[-2:])):
                out.setdefault(normalise(short), name)
    return out


def resolve_claims(claims: list[Claim], resolver: Resolver) -> list[Claim]:
    """Resolve every mention of one document's claims; "we" in a quote becomes the speaker's organisation.

    Claims whose subject or object cannot be placed are dropped.
    """
    mentions = [m for c in claims for m in (c.subject, c.object, c.attributed_to) if m is not None]
    people = person_names(mentions)
    affiliations = {normalise(c.subject.text): c.object for c in claims if c.relation == "affiliated_with"}
    for short, full in people.items():
        if normalise(full) in affiliations:
            affiliations.setdefault(short, affiliations[normalise(full)])
    out: list[Claim] = []
    for claim in claims:
        resolved_subject = _resolve_subject(claim, resolver, people, affiliations)
        resolved_object = resolver.resolve(claim.object, people)
        if resolved_subject is None or resolved_object is None or resolved_subject.id == resolved_object.id:
            continue
        speaker = resolver.resolve(claim.attributed_to, people) if claim.attributed_to else None
        out.append(_replace(claim, resolved_subject, resolved_object, speaker))
    return out


def _resolve_subject(claim: Claim, resolver: Resolver, people: dict[str, str],
                     affiliations: dict[str, Mention]) -> Mention | None:
    subject = claim.subject
    if subject.kind != "PRON":
        return resolver.resolve(subject, people)
    if subject.text.lower() not in _WE or claim.attributed_to is None:
        return None
    stands_for = affiliations.get(normalise(claim.attributed_to.text), claim.attributed_to)
    actor = resolver.resolve(stands_for, people)
    if actor is None or actor.label is None:
        return None
    return subject.resolved(actor.label, actor.id or "", actor.type or "")


def _replace(claim: Claim, subject: Mention, obj: Mention, speaker: Mention | None) -> Claim:
    return replace(claim, subject=subject, object=obj, attributed_to=speaker)
