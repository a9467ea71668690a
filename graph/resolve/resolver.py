"""Map mentions to canonical actors: one stable id, one preferred label, a type, every alias seen.

Across documents a mention joins an actor by the gazetteer (names, aliases, seats of government, demonyms, which
carry the Wikidata id) or else by its normalised name within one actor type: a person never merges with a state,
an organisation never with a place. Within a document (``graph.resolve.document``) name chains, acronym definitions and
"the group"/"the alliance" are read first. The analyst's overrides (``graph.resolve.overrides``) come before all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.kb import KbActor, load_kb
from extractors.lexicon import ActorEntry
from extractors.records import Mention
from graph.resolve.gazetteer import (
    entries_by_key,
    government_nouns,
    group_phrase,
    lookup,
    name_key,
    normalise,
    state_phrase,
    words,
)
from graph.resolve.institutions import institution_key
from graph.resolve.linker import LinkContext, gazetteer_entry, link, state_codes
from graph.resolve.names import split_title
from graph.resolve.overrides import Overrides
from graph.resolve.people import PeopleIndex
from ontology import ACTOR_BASE

__all__ = ["Actor", "Resolver", "normalise", "slug", "is_place_name"]

_KIND_TO_TYPE = {"PERSON": "Person", "GPE": "State", "NORP": "Group", "ORG": "Organization", "NOUN": "Group"}
_NOT_ACTOR_KINDS = frozenset({"PRON", "FAC", "LOC"})
# Types the entity tagger confuses for one name ("Pelosi" a person in one sentence, a group in the next): a node
# of one of them takes mentions typed as another and ends with the type most of its mentions give it.
_CONFUSABLE = frozenset({"Person", "Organization", "Group"})


@dataclass
class Actor:
    key: str
    label: str
    type: str
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    kb_id: str | None = None  # the knowledge-base actor the linker matched it to
    votes: Counter[str] = field(default_factory=Counter, compare=False, repr=False)  # mentions' types, for _vote
    holds_post: bool = field(default=False, compare=False, repr=False)  # the person of an affiliation claim

    @property
    def iri(self) -> str:
        return ACTOR_BASE + self.key


def slug(text: str) -> str:
    """The IRI-safe form of a name.

    Examples:
        >>> slug("Bashar al-Assad")
        'bashar_al_assad'
    """
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)).strip("_") or "actor"


def surface(text: str) -> str:
    """The form kept as a label: without a leading "the" and a trailing "'s"."""
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['\u2019]s$", "", text)


def is_place_name(text: str) -> bool:
    """Whether a name ends in a place or facility word ("King Fahd International Airport", "Hmeimim air base").

    Examples:
        >>> is_place_name("King Fahd International Airport"), is_place_name("King Fahd")
        (True, False)
    """
    key = normalise(text)
    return any(key.endswith(" " + head) for head in words("place_head"))


class Resolver:
    """Resolve mentions to actors; keeps its actors across documents so that names merge.

    Examples:
        >>> r = Resolver()
        >>> r.actor_for("the Kremlin", "GPE").iri == r.actor_for("Russians", "NORP").iri
        True
        >>> r.actor_for("Jordan", "PERSON").type, r.actor_for("Jordan", "GPE").type
        ('Person', 'State')
    """

    def __init__(self, existing: Iterable[Actor] = (), overrides: Overrides | None = None) -> None:
        self.actors: dict[str, Actor] = {}
        self.overrides = overrides or Overrides()
        self.overrides_matched: set[str] = set()  # the override forms some mention named (the rest warn)
        self.link_context = LinkContext()  # the document being resolved, for the linker (graph.resolve.document)
        self._kb_nodes: dict[str, str] = {}  # KB id or Wikidata id -> the key of its node
        self._by_name: dict[tuple[str, str], str] = {}  # (type, name key) -> the key of the first node so named
        self._by_key: dict[str, str] = {}  # name key -> the key of the first node so named, of any type
        self.people = PeopleIndex()
        self._institutions: dict[str, str] = {}  # "GBR:parliament" -> the key of that body's node
        self._institution_of: dict[str, str] = {}  # node key -> the institution key it was made for
        self._touched: set[str] = set()  # keys of the nodes made, named or changed since drain_touched
        for actor in existing:
            self._add(actor)
        self._loaded = frozenset(self.actors)  # nodes of an earlier build (--append)
        self._touched.clear()  # as the earlier build wrote them

    def drain_touched(self) -> set[str]:
        """The keys of the actors made, named by a mention or changed since the last call: every actor whose
        description may differ from what was last written of it (``graph.store.chunks``), in time proportional
        to them, not to all the actors known."""
        touched, self._touched = self._touched, set()
        return touched

    def _add(self, actor: Actor) -> Actor:
        self.actors[actor.key] = actor
        self._touched.add(actor.key)
        for kb_id in (actor.kb_id, actor.wikidata):
            if kb_id:
                self._kb_nodes.setdefault(kb_id, actor.key)
        for name in (actor.label, *actor.aliases):
            self._index_name(actor.type, name, actor.key)
        if actor.type == "Person":
            self.people.add(actor)
        for name in (actor.label, *actor.aliases):  # a name that says its state: "Parliament of Iraq"
            self._note_institution(actor, name, {})
        return actor

    def _index_name(self, type_: str, name: str, key: str) -> None:
        """Later mentions of ``name`` as a ``type_`` join the node ``key``, unless a node took that name first."""
        found = name_key(name)
        self._by_name.setdefault((type_, found), key)
        self._by_key.setdefault(found, key)

    def _note_institution(self, actor: Actor, text: str, countries: dict[str, int]) -> None:
        if actor.type in ("Organization", "GovernmentBody"):
            found = institution_key(text, countries, state_codes())
            if found is not None:
                self._institutions.setdefault(found, actor.key)

    def note_alias(self, actor: Actor, text: str) -> None:
        """Record a surface form of ``actor``; later mentions of that form (same type) join it."""
        form = surface(text)
        if form:
            self._touched.add(actor.key)
            actor.aliases.add(form)
            self._note_institution(actor, form, dict(self.link_context.countries))
            if actor.label.isupper() and not form.isupper() and normalise(form) == normalise(actor.label):
                actor.label = form  # "KAMALA HARRIS" from a headline gives way to "Kamala Harris"
            self._index_name(actor.type, form, actor.key)

    def resolve(self, mention: Mention) -> Mention | None:
        """The mention with label, id and type filled in; None if it names no actor we can place."""
        actor = self.actor_for(mention.text, mention.kind)
        if actor is None:
            return None
        self.note_alias(actor, mention.text)
        return mention.resolved(actor.label, actor.iri, actor.type)

    def actor_for(self, text: str, kind: str, full_name: str | None = None) -> Actor | None:
        """The actor ``text`` names; ``full_name`` is the person a short name stands for in its document."""
        actor = self._candidate(text, kind, full_name)
        if actor is not None and actor.key not in self.actors:
            self._add(actor)
        elif actor is not None and actor.type == "Person" and kind == "PERSON":
            self._take_full_name(actor, surface(full_name or text), split_title(text)[0])
        if actor is not None:
            self._vote(actor, _KIND_TO_TYPE.get(kind, "Group"))
            self._touched.add(actor.key)
        return actor

    def _vote(self, actor: Actor, type_: str) -> None:
        """Count a mention of ``actor`` typed ``type_``; an unlinked node of a confusable type takes the type most
        of its mentions give it (ties keep the type it has)."""
        if actor.type not in _CONFUSABLE or type_ not in _CONFUSABLE or not _retypable(actor) or actor.holds_post:
            return
        actor.votes[type_] += 1
        if type_ != actor.type and actor.votes[type_] > actor.votes[actor.type]:
            actor.type = type_
            for name in (actor.label, *actor.aliases):
                self._index_name(type_, name, actor.key)
            if type_ == "Person":
                self.people.add(actor)

    def hold_post(self, iri: str) -> None:
        """The actor at ``iri`` is the person of an affiliation claim ("X, a Labour MP"): a person it stays, whatever
        later mentions vote, so the claim's subject is never an organisation."""
        actor = self.actors.get(iri.removeprefix(ACTOR_BASE))
        if actor is not None and actor.type == "Person":
            actor.holds_post = True

    def _take_full_name(self, actor: Actor, name: str, title: str) -> None:
        """A full name that found the node of its short form ("Putin", from an earlier document) labels it."""
        if len(name.split()) > len(actor.label.split()) and self.people.short_node_for(name, title) == actor.key:
            self.people.rename(actor, name)
            self._index_name("Person", name, actor.key)

    def peek(self, text: str, kind: str) -> Actor | None:
        """The actor ``text`` would name, without making it a node: for a mention of no actor
        (``Mention.is_actor`` False), whose claims ``extract`` emits but the actor graph leaves out.

        Examples:
            >>> r = Resolver()
            >>> r.peek("banks", "NOUN").label, r.actors
            ('banks', {})
        """
        actor = self._candidate(text, kind)
        if actor is not None:  # linking may have given a known node its Wikidata id
            self._touched.add(actor.key)
        return actor

    def _candidate(self, text: str, kind: str, full_name: str | None = None, merges: bool = True) -> Actor | None:
        """The known actor ``text`` names, or a new one not yet added; None if it names none. ``merges=False``
        reads ``text`` as if no merge override named it (the end of a chain of merges)."""
        key = normalise(text)
        if key in self.overrides.forms:
            self.overrides_matched.add(key)
        if not key or kind in _NOT_ACTOR_KINDS or key in self.overrides.not_actors or is_place_name(text):
            return None
        if merges and key in self.overrides.merge:
            return self._merge_target(key, kind)
        if key in self.overrides.split:
            return self._named(surface(text), _KIND_TO_TYPE.get(kind, "Group"), split=True)
        if kind == "PERSON":
            linked = link(surface(full_name or text), kind, self.link_context)
            if linked is not None and linked.type != "Person":  # "Labour" tagged as a person is the party
                return self._linked(linked, text)
            return self._person(surface(full_name or text), split_title(text)[0], linked)
        entry = lookup(key) or (None if _is_institution_name(key) else state_phrase(key) or group_phrase(key))
        if entry is not None:
            return self.actors.get(entry.key) or _entry_actor(entry)
        linked = link(surface(text), kind, self.link_context)
        if linked is not None:
            return self._linked(linked, text)
        institution = institution_key(text, self.link_context.countries, state_codes()) if kind == "ORG" else None
        if institution is not None:
            return self._institution(institution, surface(text))
        owner = _owner_name(surface(text)) if kind == "ORG" else None
        if owner is not None:  # "IS positions", "Hamas targets": the organisation, no organisation of their own
            return self._candidate(owner, kind)
        rejected = frozenset(actor.id for actor in load_kb().candidates(surface(text)))
        return self._named(surface(text), "GovernmentBody" if kind == "ORG" and _is_force_name(key) else
                           _KIND_TO_TYPE.get(kind, "Group"), avoid=rejected)

    def _linked(self, linked: KbActor, text: str) -> Actor:
        """The node of a KB actor: the gazetteer's, else the one made for it, else a node of this form from an
        earlier build that no KB actor has claimed (its id stays), else a new node under the KB's label."""
        entry = gazetteer_entry(linked)
        if entry is not None:
            return self.actors.get(entry.key) or _entry_actor(entry)
        known = self._kb_nodes.get(linked.id)
        if known is not None:
            return self.actors[known]
        type_ = linked.ontology_type
        found = self._by_name.get((type_, name_key(text)))
        if found is not None and self.actors[found].kb_id is None and self.actors[found].wikidata in (None,
                                                                                                     linked.wikidata):
            actor = self.actors[found]
            actor.kb_id, actor.wikidata = linked.id, linked.wikidata
            self._kb_nodes[linked.id] = found
            return actor
        key = f"{type_.lower()}/{slug(linked.label)}"
        if key in self._loaded and self.actors[key].kb_id is None and self.actors[key].wikidata is None:
            self.actors[key].kb_id = linked.id  # the node an earlier build made for it (KB ids are not in the graph)
            self._kb_nodes[linked.id] = key
            return self.actors[key]
        if key in self.actors:  # a node of that name that is another actor
            key = f"{key}_{slug(linked.id)}"
        return Actor(key, linked.label, type_, linked.wikidata, {linked.label}, linked.id)

    def _merge_target(self, form: str, kind: str) -> Actor | None:
        """An analyst's merge of the normalised ``form``, followed along a chain of merges (A -> B, B -> C) to its
        end: the gazetteer actor, else a known node of any type, else the target read as a mention of ``kind``.
        A target that normalises to a form already on the chain (a case variant, a cycle) ends it there."""
        seen = {form}
        target = self.overrides.merge[form]
        while normalise(target) in self.overrides.merge and normalise(target) not in seen:
            seen.add(normalise(target))
            target = self.overrides.merge[normalise(target)]
        entry = lookup(target)
        if entry is not None:
            return self.actors.get(entry.key) or _entry_actor(entry)
        found = self._by_key.get(name_key(target))
        if found is not None:
            return self.actors[found]
        return self._candidate(target, kind, merges=False)

    def _institution(self, institution: str, label: str) -> Actor:
        """The node of a state's institution ("GBR:parliament"): the one made or named for it, else a node of that
        name that no other state's institution took, else a new one."""
        known = self._institutions.get(institution)
        if known is not None:
            return self.actors[known]
        found = self._by_name.get(("Organization", name_key(label)))
        if found is None or found in self._institution_of:
            key = f"organization/{slug(label)}"
            found = key if key not in self.actors else f"{key}_{slug(institution.split(':')[0])}"
        self._institutions[institution] = found
        self._institution_of.setdefault(found, institution)
        return self.actors.get(found) or Actor(found, label, "Organization", None, {label})

    def _person(self, name: str, title: str, linked: KbActor | None = None) -> Actor:
        """The person ``name`` names: the node of the KB person ``linked`` if it has one, else a node of that name,
        else the one node whose full name it is a short form of, else the one node named by a short form of it
        (which it takes over), else a new node; a node without an id takes ``linked``'s."""
        found = self._kb_nodes.get(linked.id) if linked is not None else None
        found = found or self._by_name.get(("Person", name_key(name)))
        if found is None:
            found = self.people.full_name_of(name, title) or self.people.short_node_for(name, title)
        countries = frozenset(self.link_context.countries)
        if found is None:  # "Bashir al Assad" in an article on Syria: the Bashar al-Assad of another
            found = self.people.spelt_otherwise(name, countries)  # never a KB person of another id
            if found is not None and (linked is None or self.actors[found].kb_id in (None, linked.id)):
                self.note_alias(self.actors[found], name)
            else:
                found = None
        actor = self.actors[found] if found is not None else self._named(name, "Person")
        self.people.note_countries(actor.key, countries)
        if linked is not None and actor.kb_id is None and actor.wikidata in (None, linked.wikidata) and \
                linked.id not in self._kb_nodes:
            actor.kb_id, actor.wikidata = linked.id, linked.wikidata
            if actor.key in self.actors:
                self._kb_nodes[linked.id] = actor.key
        return actor

    def from_entry(self, entry: ActorEntry) -> Actor:
        existing = self.actors.get(entry.key)
        return existing if existing is not None else self._add(_entry_actor(entry))

    def _named(self, label: str, type_: str, split: bool = False, avoid: frozenset[str] = frozenset()) -> Actor:
        """The node of this name and type, else a new one; never a node linked to a KB actor in ``avoid`` (the
        candidates the linker turned down here: "Democrats" in a British article is not the node of the US
        party that an American article's "Democrats" made)."""
        found = self._by_name.get((type_, name_key(label)))
        if found is None and type_ in _CONFUSABLE and not split and " " in normalise(label):
            # a full name tagged as an organisation in one document and a person in another ("Morgan Tsvangirai")
            found = next((key for other in sorted(_CONFUSABLE - {type_})
                          if (key := self._by_name.get((other, name_key(label)))) is not None
                          and _retypable(self.actors[key])), None)
        if found is not None and not (split and self.actors[found].key in entries_by_key()) and \
                self.actors[found].kb_id not in avoid:
            return self.actors[found]
        key = f"{type_.lower()}/{slug(label)}"
        if key in self.actors and self.actors[key].kb_id in avoid:
            key = f"{key}_unlinked"
        if key in self.actors:  # a split form whose slug a gazetteer actor's alias already took
            return self.actors[key]
        return Actor(key, label, type_, None, {label})


def _retypable(actor: Actor) -> bool:
    """Whether the node's type comes only from its mentions: not a gazetteer or knowledge-base actor's."""
    return actor.kb_id is None and actor.wikidata is None and actor.key not in entries_by_key()


def _entry_actor(entry: ActorEntry) -> Actor:
    return Actor(entry.key, entry.label, entry.type, entry.wikidata or None, {entry.label})


def _owner_name(text: str) -> str | None:
    """The organisation name before a lower-case word for its things, places or people, else None.

    Examples:
        >>> _owner_name("IS positions"), _owner_name("Wagner fighters"), _owner_name("NATO officials")
        ('IS', 'Wagner', 'NATO')
        >>> [_owner_name(t) for t in ("Syrian Democratic Forces", "Trump administration", "pro-Assad forces")]
        [None, None, None]
    """
    name, _, head = text.rpartition(" ")
    if not name[:1].isupper() or not head.islower():
        return None  # "pro-Assad forces" is no organisation "pro-Assad"
    heads = {*words("thing_head"), *words("group_head"), *words("state_head")} - government_nouns("leader")
    return name if head in heads else None


def _is_force_name(key: str) -> bool:
    """"pakistan armed forces", "japan self-defense forces": a state's named force, a government body.

    Examples:
        >>> _is_force_name("pakistan armed forces"), _is_force_name("syrian democratic forces")
        (True, False)
    """
    for force in words("force_name"):
        if key.endswith(" " + force):
            entry = lookup(key[: -len(force) - 1])
            return entry is not None and entry.type == "State"
    return False


def _is_institution_name(key: str) -> bool:
    """"un medical center", "moscow carnegie center": its own organisation, never the actor its words name."""
    tokens = key.split()
    return len(tokens) > 1 and any(t in words("institution_head") for t in tokens[1:])
