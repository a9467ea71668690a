"""The gazetteer as the resolver reads it: every name, seat of government and demonym -> one actor entry.

Names (labels and aliases) win over seats, seats over demonyms; a form listed in ``ambiguous.tsv`` goes to the
actor named there, or to none.
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
