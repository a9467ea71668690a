"""Mentions the gazetteer does not know -> actors of the knowledge base (``extractors.kb``), chosen in context.

A mention's candidates are the KB actors one of whose names it is. The choice keeps those of a type the
mention's entity type allows (a person's name may be a party's, "Labour"; an organisation's never a person's),
drops those gone before the article's year (the Tories of 1834), and then keeps the candidate of the country
the article names most often (UK Labour in an article that names Britain five times and Ireland once) or, among
candidates of no country the article names, the one without a country. Without a country in the article only a
candidate without a country (an international organisation) or a name of two words or more is taken. Anything
else -- no candidate, several, a form ``ambiguous.tsv`` gives to no one -- links to nothing, and the resolver
goes on as before.

Examples:
    >>> context = LinkContext({"GBR": 3, "IRL": 1}, 2015)
    >>> [link(form, kind, context).label for form, kind in (("Tories", "NORP"), ("Lib Dems", "ORG"))]
    ['Conservative Party', 'Liberal Democrats']
    >>> link("Democrat", "NORP", context) is None, link("Democrat", "NORP", LinkContext({"USA": 1})).id
    (True, 'Q29552')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from extractors.kb import KbActor, load_kb
from extractors.lexicon import ActorEntry, ambiguous_forms
from extractors.records import Mention
from graph.resolve.gazetteer import entries_by_key, lookup, lookup_demonym, normalise

# KB types a mention of each entity type may link to.
_TYPES = {
    "PERSON": frozenset({"Person", "Party"}),
    "ORG": frozenset({"Party", "InternationalOrganization", "GovernmentBody", "ArmedGroup"}),
    "NORP": frozenset({"Party"}),
}
_ORGANISED = frozenset({"Organization", "ArmedGroup", "GovernmentBody"})
_NO_DATE_SINCE = 1990  # an undated article is read as modern news: an actor gone before this year is no candidate


@dataclass(frozen=True)
class LinkContext:
    """What the article is about: the states it names (ISO 3166 alpha-3 code -> how many mentions), its year."""

    countries: Mapping[str, int] = field(default_factory=dict)
    year: int | None = None


def document_context(mentions: Iterable[Mention], date: str | None = None) -> LinkContext:
    """The states a document's mentions name (by name, seat or demonym, as the gazetteer reads them) and its year.

    Examples:
        >>> context = document_context([Mention("Downing Street", 0, 14, "ORG"), Mention("French", 20, 26, "NORP")],
        ...                            "2019-05-01")
        >>> sorted(context.countries.items()), context.year
        ([('FRA', 1), ('GBR', 1)], 2019)
    """
    countries: Counter[str] = Counter()
    for mention in mentions:
        if mention.kind in _TYPES or mention.kind == "GPE":
            entry = lookup(mention.text) or lookup_demonym(mention.text)
            if entry is not None and entry.type == "State" and entry.wikidata in state_codes():
                countries[state_codes()[entry.wikidata]] += 1
    found = re.match(r"\s*(\d{4})", date or "")
    return LinkContext(dict(countries), int(found.group(1)) if found else None)


def link(text: str, kind: str, context: LinkContext) -> KbActor | None:
    """The one KB actor ``text`` (a mention of entity type ``kind``) names in ``context``, else None."""
    types = _TYPES.get(kind)
    if types is None or normalise(text) in _ambiguous():
        return None
    since = context.year or _NO_DATE_SINCE
    fitting = [actor for actor in load_kb().candidates(text) if actor.type in types and not _gone(actor, since)]
    if context.countries:
        weight = {a.id: max((context.countries.get(c, 0) for c in a.countries), default=0) for a in fitting}
        best = max(weight.values(), default=0)
        fitting = [a for a in fitting if weight[a.id] == best] if best else [a for a in fitting if not a.countries]
    else:
        fitting = [a for a in fitting if not a.countries or len(text.split()) >= 2]
    return fitting[0] if len(fitting) == 1 else None


def gazetteer_entry(actor: KbActor) -> ActorEntry | None:
    """The gazetteer's entry for a KB actor: the one with its Wikidata id, else the one entry of a fitting type
    that its names find (UCDP's "PYD" is the gazetteer's PYD); the gazetteer's node wins.

    Examples:
        >>> gazetteer_entry(link("Democratic Union Party", "ORG", LinkContext({"SYR": 1}))).label
        'Democratic Union Party'
    """
    by_id = _entries_by_wikidata().get(actor.wikidata or "")
    if by_id is not None:
        return by_id
    fitting = {actor.ontology_type} | (_ORGANISED if actor.ontology_type in _ORGANISED else set())
    found = {entry.key: entry for entry in map(lookup, actor.names) if entry is not None and entry.type in fitting}
    return next(iter(found.values())) if len(found) == 1 else None


def _gone(actor: KbActor, since: int) -> bool:
    found = re.match(r"(\d{4})", actor.end)
    return found is not None and int(found.group(1)) < since


@cache
def state_codes() -> dict[str, str]:
    """Wikidata id of a state -> its ISO 3166 alpha-3 code, from the KB's states."""
    return {actor.id: actor.countries[0] for actor in load_kb().actors.values()
            if actor.type == "State" and actor.countries}


@cache
def _entries_by_wikidata() -> dict[str, ActorEntry]:
    return {entry.wikidata: entry for entry in entries_by_key().values() if entry.wikidata}


@cache
def _ambiguous() -> frozenset[str]:
    return frozenset(normalise(form) for form in ambiguous_forms())
