"""The gazetteer as the resolver reads it: every name, seat of government and demonym -> one actor entry.

Names (labels and aliases) win over seats, seats over demonyms; a form listed in ``ambiguous.tsv`` goes to the
actor named there, or to none. Phrases around a demonym or a name read through it too: "russian jets" is Russia
(``state_phrase``), "kurdish ypg militia" the YPG (``group_phrase``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from extractors.lexicon import ActorEntry, actors, ambiguous_forms, read_table, resolution_words


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower-cased name without a leading "the", a trailing "'s", accents or punctuation.

    Examples:
        >>> normalise("the Kremlin's")
        'kremlin'
        >>> normalise("U.S.")
        'us'
        >>> normalise("Élysée")
        'elysee'
    """
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    name = re.sub(r"'s?$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    name = re.sub(r"[^\w\s-]", "", name)
    return re.sub(r"\s+", " ", name).strip().lower()


def name_key(text: str) -> str:
    """A name as the resolver finds nodes by it: ``normalise``d, a hyphen read as a space.

    Examples:
        >>> name_key("Kata'ib al-Nour") == name_key("Kataib al Nour")
        True
    """
    return normalise(text).replace("-", " ")


@cache
def entries_by_key() -> dict[str, ActorEntry]:
    return {entry.key: entry for entry in actors()}


@cache
def _indexes() -> tuple[dict[str, ActorEntry], dict[str, ActorEntry]]:
    """(every form -> entry, demonyms and names only -> entry)."""
    by_key = entries_by_key()
    ambiguous = {normalise(form): key for form, key in ambiguous_forms().items()}
    names: dict[str, ActorEntry] = {}
    demonyms: dict[str, ActorEntry] = {}
    for tier in ("names", "seats", "demonyms"):
        for entry in by_key.values():
            forms = {"names": (entry.label, *entry.aliases), "seats": entry.seats, "demonyms": entry.demonyms}[tier]
            for form in forms:
                key = normalise(form)
                if key in ambiguous:
                    continue
                names.setdefault(key, entry)
                if tier != "seats":
                    demonyms.setdefault(key, entry)
    for key, actor_key in ambiguous.items():
        if actor_key:
            names[key] = demonyms[key] = by_key[actor_key]
    return names, demonyms


def lookup(text: str) -> ActorEntry | None:
    """The gazetteer actor a name, seat or demonym stands for.

    Examples:
        >>> lookup("the Kremlin").key, lookup("Russians").key, lookup("ISIL").key
        ('russia', 'russia', 'islamic_state')
        >>> lookup("Brussels").key, lookup("Victoria") is None
        ('european_union', True)
    """
    return _indexes()[0].get(normalise(text))


def lookup_demonym(text: str) -> ActorEntry | None:
    """The actor of a demonym or name, never a seat ("Russian" -> Russia; "Moscow" -> None)."""
    return _indexes()[1].get(normalise(text))


def words(role: str) -> dict[str, tuple[str, ...]]:
    """Resolution words of one role (see ``resolution_words.tsv``)."""
    return resolution_words().get(role, {})


@cache
def government_nouns(use: str) -> frozenset[str]:
    """Nouns that name a government in phrases of one ``use`` (``government_noun`` words of
    ``resolution_words.tsv``): "leader" ("the government of President X"), "generic" ("the legitimate regime") or
    "forces" (only before a military noun: "security forces").

    Examples:
        >>> sorted(government_nouns("leader")), sorted(government_nouns("generic"))
        (['administration', 'government', 'regime'], ['government', 'regime'])
    """
    return frozenset(word for word, uses in words("government_noun").items() if use in uses)


@cache
def leader_states() -> dict[str, str]:
    """Leader name or short form -> the state key whose government it names (``leaders.tsv``).

    Examples:
        >>> leader_states()["assad"], leader_states()["nicolas maduro"]
        ('syria', 'venezuela')
    """
    out: dict[str, str] = {}
    for row in read_table("leaders.tsv"):
        for form in (row["person"], *row["short"].split("|")):
            out.setdefault(normalise(form), row["state"])
    return out


def is_based_in(entry: ActorEntry, place: str) -> bool:
    """Whether the gazetteer ties a group to a state key or people ("hezbollah" to "lebanon", "ypg" to "kurdish")."""
    return normalise(place) in {normalise(b) for b in entry.base}


def state_phrase(key: str) -> ActorEntry | None:
    """"azerbaijani forces", "russian jets", "government in damascus", "government forces in syria" -> the state.

    Examples:
        >>> [state_phrase(k).key for k in ("russian jets", "government forces in syria", "regime of bashar al-assad",
        ...  "yemeni government soldiers") if state_phrase(k) is not None]
        ['russia', 'syria', 'yemen']
    """
    tokens = key.split()
    heads = words("state_head")
    for cut in (1, 2):
        if len(tokens) > cut and (" ".join(tokens[cut:]) in heads or _government_forces(tokens[cut:])):
            entry = lookup_demonym(" ".join(tokens[:cut]))
            if entry is not None and entry.type == "State":
                return entry
    lead = next((i for i, token in enumerate(tokens[:3]) if token in ("in", "of")), 0)
    if lead and len(tokens) > lead + 1 and all(t in heads or t in words("government_adjective") for t in tokens[:lead]):
        entry = lookup(" ".join(tokens[lead + 1:]))  # "government forces in syria", "legitimate government of yemen"
        return entry if entry is not None and entry.type == "State" else None
    return None


def _government_forces(tokens: list[str]) -> bool:
    """"government forces", "regime troops", "security forces": a government's forces, after a demonym the state's."""
    nouns = government_nouns("generic") | government_nouns("forces")
    return len(tokens) == 2 and tokens[0] in nouns and tokens[1] in words("military_head")


def group_phrase(key: str) -> ActorEntry | None:
    """"kurdish ypg militia", "houthi fighters" -> the group a modifier-and-head phrase names."""
    tokens = key.split()
    heads = words("group_head")
    lead = lookup_demonym(tokens[0]) if tokens else None
    if len(tokens) < 2 or tokens[-1] not in heads and (lead is None or lead.type != "State"):
        return None
    core = tokens[:-1] if tokens[-1] in heads else tokens
    for size in range(len(core), 0, -1):
        for start in range(len(core) - size + 1):
            entry = lookup(" ".join(core[start:start + size]))
            if entry is not None and entry.type in ("ArmedGroup", "Organization"):
                return entry
    return None
